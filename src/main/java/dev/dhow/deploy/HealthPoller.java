package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits for a container without the proxy to be ready, as Kamal does: poll its status (backing off 1s, 2s, 3s…)
 * until {@code running} or {@code healthy} within {@code deploy_timeout}; after a first {@code running}, wait
 * {@code readiness_delay} and check again.
 */
final class HealthPoller {
    private final Crew crew;

    HealthPoller(Crew crew) {
        this.crew = crew;
    }

    void waitForHealthy(String host, Supplier<String> status) {
        int timeout = crew.config().timeouts().deployTimeout();
        int readinessDelay = crew.config().timeouts().readinessDelay();
        Instant deadline = crew.run().clock().instant().plusSeconds(timeout);
        int attempt = 1;
        while (true) {
            String s = status.get().strip();
            if (s.equals("running") && readinessDelay > 0) {
                crew.console().info(host, "Container is running, waiting for readiness delay of " + readinessDelay + " seconds");
                crew.sleeper().sleep(Duration.ofSeconds(readinessDelay));
                s = status.get().strip();
            }
            if (s.equals("running") || s.equals("healthy")) {
                crew.console().info(host, "Container is healthy!");
                return;
            }
            long left = Duration.between(crew.run().clock().instant(), deadline).toMillis();
            if (left <= 0) {
                throw new DhowException("container not ready after " + timeout + " seconds (" + (s.isEmpty() ? "missing" : s) + ")");
            }
            crew.sleeper().sleep(Duration.ofMillis(Math.min(attempt * 1000L, left)));
            attempt++;
        }
    }
}
