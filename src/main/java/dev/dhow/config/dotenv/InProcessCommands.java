package dev.dhow.config.dotenv;

import java.util.List;
import java.util.Optional;

/**
 * Runs {@code kamal secrets …} / {@code dhow secrets …} command substitutions inside this process instead
 * of a shell, the way Kamal does, so {@code $(kamal secrets fetch …)} works without Kamal installed.
 */
@FunctionalInterface
public interface InProcessCommands {
    /**
     * Runs one command in its inline form (Kamal appends {@code --inline}; implementations do too).
     *
     * @param argv the words after the program name, starting with {@code "secrets"}, already shell-split
     * @return the command's inline output, or empty when the command failed (having reported why itself)
     */
    Optional<String> run(List<String> argv);

    /** For files that must not call secret commands: every in-process command fails. */
    static InProcessCommands none() {
        return argv -> Optional.empty();
    }
}
