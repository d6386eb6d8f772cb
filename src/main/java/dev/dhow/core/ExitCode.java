package dev.dhow.core;

/** Process exit codes. Every user-facing problem (bad config, failed deploy, unreachable host) is 1. */
public final class ExitCode {
    public static final int OK = 0;
    /** Bad input, failed remote command, failed deploy, unreachable host. */
    public static final int FAILURE = 1;
    /** Another deploy holds the lock. */
    public static final int LOCKED = 3;
    /** A bug in dhow: an exception nobody anticipated. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}
