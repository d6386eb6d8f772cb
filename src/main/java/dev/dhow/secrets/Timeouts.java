package dev.dhow.secrets;

import java.time.Duration;

/** How long REST adapters wait to connect and for a whole answer. */
public record Timeouts(Duration connect, Duration request) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
}
