package dev.dhow.commands;

import dev.dhow.config.DockerOption;
import dev.dhow.core.Cmd;
import dev.dhow.core.Sensitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the parts of one command line. Words are quoted by {@link dev.dhow.core.Shell#escape} when the
 * shell would misread them; raw parts are shell text Kamal passes through verbatim (pre-quoted values,
 * operators, user-written commands), which keeps the rendering identical to Kamal's.
 */
final class Line {
    private final List<Cmd.Part> parts = new ArrayList<>();

    static Line of(String... words) {
        return new Line().word(words);
    }

    static Line docker(String... words) {
        return of("docker").word(words);
    }

    Line word(String... words) {
        for (String w : words) parts.add(new Cmd.Word(w));
        return this;
    }

    Line wordIf(boolean condition, String... words) {
        return condition ? word(words) : this;
    }

    Line raw(String... texts) {
        for (String t : texts) parts.add(new Cmd.Raw(t));
        return this;
    }

    Line secret(Sensitive value, boolean doubleQuoted) {
        parts.add(new Cmd.Secret(value, doubleQuoted));
        return this;
    }

    Line add(Cmd cmd) {
        parts.addAll(cmd.parts());
        return this;
    }

    /**
     * Kamal's {@code argumentize(flag, hash)}: {@code --flag key="value"}, or a bare {@code --flag key} for an
     * empty value (for env vars that means "pass the host's value through").
     */
    Line argumentize(String flag, Map<String, String> values) {
        values.forEach((key, value) -> {
            word(flag);
            raw(value == null || value.isEmpty() ? key : key + "=" + ShellValue.quote(value));
        });
        return this;
    }

    /** Kamal's {@code optionize} of docker options: {@code --name "value"} per value, bare {@code --name} for flags. */
    Line options(List<DockerOption> options) {
        for (DockerOption o : options) {
            if (o.flag()) raw("--" + o.name());
            else for (String v : o.values()) raw("--" + o.name(), ShellValue.quote(v));
        }
        return this;
    }

    /** {@code --flag value} for each value, unquoted, as Kamal's argumentize does for plain strings. */
    Line repeat(String flag, List<String> values) {
        for (String v : values) {
            word(flag);
            raw(v);
        }
        return this;
    }

    Cmd cmd() {
        return Cmd.ofParts(parts);
    }
}
