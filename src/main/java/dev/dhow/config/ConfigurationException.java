package dev.dhow.config;

import dev.dhow.core.DhowException;
import java.util.List;

/** Every problem found in a configuration, one per line, each prefixed with its key path. */
public final class ConfigurationException extends DhowException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
