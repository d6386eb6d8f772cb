package dev.dhow.config;

import java.util.Optional;

/**
 * Timing settings, in seconds. Defaults (Kamal): readiness_delay 7, deploy_timeout 30, drain_timeout 30,
 * stop_timeout unset (roles then use drain_timeout without the proxy, Docker's default with it).
 */
public record Timeouts(int readinessDelay, int deployTimeout, int drainTimeout, Optional<Integer> stopTimeout) {
    public static final Timeouts DEFAULT = new Timeouts(7, 30, 30, Optional.empty());
}
