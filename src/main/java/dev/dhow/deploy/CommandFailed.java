package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import dev.dhow.ssh.Result;

/** A remote (or local) command that exited non-zero where the flow needed it to succeed; names host and command. */
public final class CommandFailed extends DhowException {
    private final transient Result result;

    public CommandFailed(Result result) {
        super(message(result));
        this.result = result;
    }

    public Result result() {
        return result;
    }

    static String message(Result r) {
        String detail = r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip();
        return "host " + r.host() + ": command failed (exit " + r.exitCode() + "): " + r.command() + (detail.isEmpty() ? "" : "\n" + detail);
    }
}
