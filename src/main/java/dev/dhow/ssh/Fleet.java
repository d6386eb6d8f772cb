package dev.dhow.ssh;

import dev.dhow.core.DhowException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one step on many hosts in parallel (at most {@code parallelism} at once), waits for all of them, and
 * returns every host's outcome in host order. A failing host never stops or hangs the others.
 */
public final class Fleet {
    /** The work for one host. */
    @FunctionalInterface
    public interface Step<T> {
        T run(String host) throws Exception;
    }

    /** What happened on one host: a value or an error, never both. */
    public record Outcome<T>(String host, T value, Throwable error) {
        public boolean ok() {
            return error == null;
        }

        /** The failure as one line naming the host. */
        public String message() {
            if (error == null) return null;
            String m = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            return m.startsWith("host " + host + ":") ? m : "host " + host + ": " + m;
        }
    }

    /** All outcomes of one fleet run, in the order the hosts were given. */
    public record Results<T>(List<Outcome<T>> outcomes) {
        public boolean ok() {
            return outcomes.stream().allMatch(Outcome::ok);
        }

        public List<Outcome<T>> failures() {
            return outcomes.stream().filter(o -> !o.ok()).toList();
        }

        public List<T> values() {
            return outcomes.stream().filter(Outcome::ok).map(Outcome::value).toList();
        }

        /** Throws one error naming every failed host (as Kamal's "Exceptions on N hosts"), else returns this. */
        public Results<T> check() {
            List<Outcome<T>> failed = failures();
            if (failed.isEmpty()) return this;
            if (failed.size() == 1) throw new DhowException(failed.get(0).message(), failed.get(0).error());
            StringBuilder sb = new StringBuilder(failed.size() + " hosts failed:");
            for (Outcome<T> o : failed) sb.append("\n  ").append(o.message().replace("\n", "\n    "));
            throw new DhowException(sb.toString());
        }
    }

    private final ExecutorService pool;
    private final boolean ownPool;
    private final int parallelism;

    /** A fleet with its own threads, for one-off use; a run shares one pool through {@link #Fleet(ExecutorService, int)}. */
    public Fleet(int parallelism) {
        this(null, parallelism);
    }

    /**
     * A fleet running its steps on {@code pool} (which must not bound its threads: steps may start nested fleets),
     * at most {@code parallelism} hosts at once.
     */
    public Fleet(ExecutorService pool, int parallelism) {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
        this.ownPool = pool == null;
        this.pool = pool;
        this.parallelism = parallelism;
    }

    public <T> Results<T> run(List<String> hosts, Step<T> step) {
        if (hosts.isEmpty()) return new Results<>(List.of());
        ExecutorService threads = ownPool ? newPool() : pool;
        Semaphore slots = new Semaphore(parallelism);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String host : hosts) {
                // Taking the slot here, not in the task, starts the hosts in the order given (with parallelism 1,
                // one after the other as listed), whatever order the pool's threads happen to wake in.
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new DhowException("interrupted before starting " + host);
                }
                futures.add(threads.submit(() -> {
                    try {
                        return step.run(host);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                String host = hosts.get(i);
                try {
                    outcomes.add(new Outcome<>(host, futures.get(i).get(), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(host, null, e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new DhowException("interrupted while waiting for " + host);
                }
            }
            return new Results<>(List.copyOf(outcomes));
        } finally {
            if (ownPool) threads.shutdownNow();
        }
    }

    /** An unbounded pool of daemon threads named {@code dhow-fleet-N}: one per run (see {@link #Fleet(ExecutorService, int)}). */
    public static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "dhow-fleet-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }
}
