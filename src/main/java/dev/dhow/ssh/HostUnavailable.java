package dev.dhow.ssh;

import dev.dhow.core.DhowException;

/**
 * A host dhow cannot talk to: not reachable, refusing the connection or the login, or silent while a command ran
 * (its connection lost, its keep-alives unanswered). What ran there, if anything, is unknown, and asking again
 * soon will not help.
 */
public final class HostUnavailable extends DhowException {
    public HostUnavailable(String message) {
        super(message);
    }

    public HostUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
