package dev.dhow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    private final List<Map<String, Object>> lines = new ArrayList<>();
    private final Console console = new Console(event -> lines.add(JsonRenderer.fields(event)), Verbosity.NORMAL,
            Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void dhowsOwnDebugLinesAreDebugEventsNotCommandOutput() {
        console.debug("ssh: 10.0.0.1: connecting to root@10.0.0.1:22");
        console.output("10.0.0.1", false, "hello");

        assertEquals("debug", lines.get(0).get("type"));
        assertEquals("ssh: 10.0.0.1: connecting to root@10.0.0.1:22", lines.get(0).get("message"));
        assertEquals(List.of("v", "ts", "type", "message"), List.copyOf(lines.get(0).keySet()));
        assertEquals("output", lines.get(1).get("type"));
        assertEquals("10.0.0.1", lines.get(1).get("host"));
    }
}
