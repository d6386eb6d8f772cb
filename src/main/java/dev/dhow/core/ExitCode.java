package dev.dhow.core;

/**
 * Process exit codes, documented in the README: 0 done; 1 failed (bad config, failed deploy, unreachable host);
 * 2 usage error; 3 the deploy lock is held; 4 a bug in dhow; 130/143 interrupted by SIGINT/SIGTERM, after unwinding.
 */
public final class ExitCode {
    public static final int OK = 0;
    /** Bad input, failed remote command, failed deploy, unreachable host. */
    public static final int FAILURE = 1;
    /** A usage error: an unknown option or command, a bad argument (picocli's own code for it). */
    public static final int USAGE = 2;
    /** Another deploy holds the lock. */
    public static final int LOCKED = 3;
    /** A bug in dhow: an exception nobody anticipated. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}
