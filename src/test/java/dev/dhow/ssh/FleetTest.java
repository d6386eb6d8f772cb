package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetTest {
    @Test
    void resultsComeBackInHostOrderWithValuesAndErrors() {
        Fleet.Results<String> r = new Fleet(4).run(List.of("a", "b", "c"), h -> {
            if (h.equals("b")) throw new DhowException("host b: connection refused (port 22)");
            return h.toUpperCase();
        });
        assertEquals(List.of("A", "C"), r.values());
        assertEquals(List.of("a", "b", "c"), r.outcomes().stream().map(Fleet.Outcome::host).toList());
        assertEquals("host b: connection refused (port 22)", r.failures().get(0).message());
    }

    @Test
    void severalFailuresAreReportedTogetherEachNamingItsHost() {
        Fleet.Results<String> r = new Fleet(4).run(List.of("a", "b", "c"), h -> {
            if (!h.equals("a")) throw new IllegalStateException("disk full");
            return h;
        });
        DhowException e = assertThrows(DhowException.class, r::check);
        assertEquals("2 hosts failed:\n  host b: disk full\n  host c: disk full", e.getMessage());
    }

    @Test
    void noMoreThanTheParallelismRunAtOnce() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<String> hosts = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "h" + i).toList();
        new Fleet(3).run(hosts, h -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(50);
            now.decrementAndGet();
            return h;
        }).check();
        assertEquals(3, max.get());
    }

    @Test
    void aSlowHostDoesNotDelayTheOthersResults() {
        long t0 = System.nanoTime();
        Fleet.Results<Long> r = new Fleet(10).run(List.of("slow", "f1", "f2"), h -> {
            if (h.equals("slow")) Thread.sleep(2000);
            return (System.nanoTime() - t0) / 1_000_000;
        });
        assertTrue(r.outcomes().get(1).value() < 1500, "fast hosts finished at " + r.outcomes().get(1).value() + " ms");
    }
}
