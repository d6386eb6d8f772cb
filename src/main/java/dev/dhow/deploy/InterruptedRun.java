package dev.dhow.deploy;

import dev.dhow.core.DhowException;

/** A run stopped by SIGINT or SIGTERM: thrown where the next step would have started, so flows unwind. */
public final class InterruptedRun extends DhowException {
    public InterruptedRun(int exitCode, String message) {
        super(exitCode, message);
    }
}
