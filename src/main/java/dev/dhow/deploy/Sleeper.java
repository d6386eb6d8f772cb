package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import java.time.Duration;

/** Waits between polls (lock retries, health checks, boot groups); injected so tests do not sleep. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration);

    /** The real clock: {@link Thread#sleep}. */
    Sleeper REAL = duration -> {
        if (duration.isZero() || duration.isNegative()) return;
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException("interrupted while waiting");
        }
    };
}
