package dev.dhow.ssh;

import dev.dhow.core.DhowException;

/**
 * What a command left behind on one host.
 *
 * @param host     where it ran
 * @param command  the redacted command line (safe to print)
 * @param exitCode its exit status
 * @param stdout   standard output, UTF-8
 * @param stderr   standard error, UTF-8
 */
public record Result(String host, String command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** Returns this result when the command succeeded, else throws an error naming host and command. */
    public Result check() {
        if (ok()) return this;
        String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
        throw new DhowException("host " + host + ": command failed (exit " + exitCode + "): " + command
                + (detail.isEmpty() ? "" : "\n" + detail));
    }
}
