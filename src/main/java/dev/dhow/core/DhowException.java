package dev.dhow.core;

/** A failure to report to the user as one clear message (no stack trace unless --verbose), with an exit code. */
public class DhowException extends RuntimeException {
    private final int exitCode;

    public DhowException(String message) {
        this(ExitCode.FAILURE, message, null);
    }

    public DhowException(String message, Throwable cause) {
        this(ExitCode.FAILURE, message, cause);
    }

    public DhowException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public DhowException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
