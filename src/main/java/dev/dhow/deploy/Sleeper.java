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

    /**
     * This sleeper for a run that can be interrupted: a wait never starts after a signal, and a real wait ends
     * early when one arrives ({@link InterruptedRun} either way).
     */
    default Sleeper interruptibleBy(Cancellation cancellation) {
        Sleeper self = this;
        return duration -> {
            cancellation.checkpoint("waiting " + duration.toMillis() + " ms");
            if (self == REAL) cancellation.sleep(duration, "the end of a " + duration.toMillis() + " ms wait");
            else self.sleep(duration);
        };
    }
}
