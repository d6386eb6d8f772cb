package dev.dhow.commands;

import dev.dhow.core.Cmd;
import java.util.List;
import java.util.Optional;

/** Small shell compositions Kamal uses in several builders. */
final class Shells {
    private Shells() {}

    /** {@code sh -c '<command>'}: runs a compound command as one, e.g. to pipe its output as a whole. */
    static Cmd sh(Cmd command) {
        return Cmd.builder("sh", "-c").quoted(plain(command), Cmd.Quoting.SINGLE).build();
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
        return Cmd.builder("docker", "container", "ls").wordIf(!onlyRunning, "--all")
                .word("--filter", "name=^" + containerName + "$", "--quiet").build();
    }

    /**
     * {@code grep 'X' [options]} (Kamal's {@code logs --grep}); the options are typed as one string and split into
     * words, each quoted as a value.
     */
    static Cmd grep(String pattern, Optional<String> options, Cmd.Quoting quoting) {
        Cmd.Builder grep = Cmd.builder("grep").quoted(pattern, quoting);
        options.ifPresent(o -> grep.words(words(o)));
        return grep.build();
    }

    /** Whitespace-separated words of a value typed as one string (grep options, the cloud builder's driver). */
    static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }
}
