package dev.dhow.sandbox;

/** What a finished command (local or over SSH) left behind: its exit code and both streams. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result when the command succeeded, else fails with the command and its output. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException("`" + command + "` exited " + exitCode
                    + "\nstdout: " + stdout.strip() + "\nstderr: " + stderr.strip());
        }
        return this;
    }
}
