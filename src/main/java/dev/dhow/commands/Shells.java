package dev.dhow.commands;

import dev.dhow.core.Cmd;

/** Small shell compositions Kamal uses in several builders. */
final class Shells {
    private Shells() {}

    /** {@code sh -c '<command>'}: runs a compound command as one, e.g. to pipe its output as a whole. */
    static Cmd sh(Cmd command) {
        return Line.of("sh", "-c").raw(singleQuote(plain(command))).cmd();
    }

    /** Wraps text in single quotes the way Kamal does: every {@code '} becomes {@code '\''}. */
    static String singleQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Rendering of a command that holds no secrets (so it may be embedded in another command's text). */
    static String plain(Cmd command) {
        if (command.hasSecrets()) throw new IllegalArgumentException("a command with secrets cannot be nested");
        return command.shellLine();
    }

    /** {@code mkdir -p <path>}. */
    static Cmd mkdirP(String path) {
        return Cmd.of("mkdir", "-p", path);
    }

    /** {@code rm -r <path>}. */
    static Cmd rmR(String path) {
        return Cmd.of("rm", "-r", path);
    }

    /** {@code docker container ls --all --filter 'name=^<name>$' --quiet}: the id of a container by exact name. */
    static Cmd containerIdFor(String containerName, boolean onlyRunning) {
        return Line.docker("container", "ls").wordIf(!onlyRunning, "--all")
                .word("--filter", "name=^" + containerName + "$", "--quiet").cmd();
    }
}
