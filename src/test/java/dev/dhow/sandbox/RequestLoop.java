package dev.dhow.sandbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hits one URL at a steady rate from the moment it starts until {@link #stop()}, each request on a
 * fresh connection as separate visitors would ({@link HttpProbe}), and counts the answers: a request
 * succeeds only with status 200. For zero-downtime assertions around deploys and route switches.
 */
public final class RequestLoop implements AutoCloseable {
    private static final int MAX_IN_FLIGHT = 64;

    private final URI uri;
    private final String hostHeader;
    private final Duration timeout;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService requests = Executors.newFixedThreadPool(MAX_IN_FLIGHT);
    private final Object stopLock = new Object();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> bodies = new TreeMap<>();
    private int sent;
    private int succeeded;
    private volatile Result result;

    private RequestLoop(URI uri, String hostHeader, Duration timeout) {
        this.uri = uri;
        this.hostHeader = hostHeader;
        this.timeout = timeout;
    }

    /** Starts hitting {@code uri} {@code perSecond} times a second, 5 s timeout per request. */
    public static RequestLoop start(URI uri, int perSecond) {
        return start(uri, null, perSecond, Duration.ofSeconds(5));
    }

    /** As {@link #start(URI, int)}, sending {@code hostHeader} (null: the URI's) as the Host header. */
    public static RequestLoop start(URI uri, String hostHeader, int perSecond, Duration timeout) {
        if (perSecond < 1 || perSecond > 1000) {
            throw new IllegalArgumentException("perSecond must be 1..1000: " + perSecond);
        }
        RequestLoop loop = new RequestLoop(uri, hostHeader, timeout);
        loop.ticker.scheduleAtFixedRate(() -> loop.requests.execute(loop::requestOnce), 0,
                1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return loop;
    }

    /** Stops sending, waits for the requests in flight, and returns the tally. Idempotent. */
    public Result stop() {
        // Not under this object's monitor: the requests in flight need it to record their outcome.
        synchronized (stopLock) {
            if (result == null) {
                awaitRequestsInFlight();
                synchronized (this) {
                    result = new Result(sent, succeeded, List.copyOf(failures), Map.copyOf(bodies));
                }
            }
            return result;
        }
    }

    private void awaitRequestsInFlight() {
        ticker.shutdownNow();
        requests.shutdown();
        try {
            if (!requests.awaitTermination(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.shutdownNow();
        }
    }

    /** The tally so far, without stopping. */
    public synchronized Result snapshot() {
        return result != null ? result : new Result(sent, succeeded, List.copyOf(failures), Map.copyOf(bodies));
    }

    @Override
    public void close() {
        stop();
    }

    private void requestOnce() {
        synchronized (this) {
            sent++;
        }
        String outcome;
        String body = null;
        try {
            HttpProbe.Response response = HttpProbe.get(uri, hostHeader, timeout);
            if (response.status() == 200) {
                body = response.body().strip();
                outcome = null;
            } else {
                outcome = "status " + response.status();
            }
        } catch (IOException | RuntimeException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        synchronized (this) {
            if (outcome == null) {
                succeeded++;
                bodies.merge(body, 1, Integer::sum);
            } else {
                failures.add(LocalTime.now() + " " + outcome);
            }
        }
    }

    /**
     * The tally of a loop.
     *
     * @param sent      requests started
     * @param succeeded requests answered 200
     * @param failures  one line per failed request: time and status or error
     * @param bodies    how often each (stripped) 200 body came back
     */
    public record Result(int sent, int succeeded, List<String> failures, Map<String, Integer> bodies) {
        public int failed() {
            return failures.size();
        }

        @Override
        public String toString() {
            return sent + " sent, " + succeeded + " ok, " + failures.size() + " failed " + failures + ", bodies "
                    + bodies;
        }
    }
}
