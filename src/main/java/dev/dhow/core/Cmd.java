package dev.dhow.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A command line for a remote (or local) POSIX shell: words, raw shell syntax and sensitive parts.
 * Equality is by rendering, so tests compare exact strings.
 *
 * <p>The quoting rule: a value from the configuration or the command line goes in as a {@link Word}, a
 * {@link Quoted} value or a {@link Secret}, each rendered so the shell passes it through literally (a plain word of
 * safe characters stays bare, which keeps ordinary commands byte-identical to Kamal's). {@link Raw} is only for
 * shell syntax dhow writes itself (operators, redirections, {@code $(…)} it composes, the {@code $PWD/} prefix of
 * {@link #underPwd}) and for what is shell text by design: {@code cmd:}, typed exec commands and the local
 * {@code builder.ssh}.
 */
public final class Cmd {
    /** One token of a command line. */
    public sealed interface Part permits Word, Raw, Secret, Quoted, Joined {}

    /** A literal argv word; quoted on rendering when the shell would otherwise read it differently. */
    public record Word(String text) implements Part {}

    /** Shell syntax rendered verbatim: operators, redirections, $(…) dhow composes, user-written commands. */
    public record Raw(String text) implements Part {}

    /** A value that is rendered for execution but redacted in logs. Rendered with the given quoting. */
    public record Secret(Sensitive value, boolean doubleQuoted) implements Part {}

    /** A literal value always written in the given quoting style, as Kamal writes it there. */
    public record Quoted(String text, Quoting quoting) implements Part {}

    /** Parts rendered next to each other with no space, forming one shell word: {@code key="value"}, {@code $PWD/dir}. */
    public record Joined(List<Part> parts) implements Part {
        public Joined {
            parts = List.copyOf(parts);
        }
    }

    /** How a {@link Quoted} value is written; each form is literal for the shell. */
    public enum Quoting {
        /** {@code 'text'} ({@link Shell#singleQuote}). */
        SINGLE,
        /** {@code "text"} ({@link Shell#doubleQuote}). */
        DOUBLE,
        /** Kamal's {@code escape_shell_value} form ({@link Shell#kamalQuote}). */
        KAMAL,
        /** Escaped for the inside of double quotes that surrounding raw text opens and closes. */
        INSIDE_DOUBLE_QUOTES
    }

    private final List<Part> parts;
    private final Sensitive stdin;
    private final String simulated;

    private Cmd(List<Part> parts, Sensitive stdin) {
        this(parts, stdin, "");
    }

    private Cmd(List<Part> parts, Sensitive stdin, String simulated) {
        this.parts = List.copyOf(parts);
        this.stdin = stdin;
        this.simulated = simulated;
    }

    /** Literal words: {@code Cmd.of("docker", "ps")}. */
    public static Cmd of(String... words) {
        return new Cmd(Arrays.stream(words).map(Word::new).map(Part.class::cast).toList(), null);
    }

    public static Cmd of(List<String> words) {
        return of(words.toArray(String[]::new));
    }

    /** Shortcut for {@code docker ...}. */
    public static Cmd docker(String... words) {
        return of("docker").append(words);
    }

    /** A command made of raw shell text, rendered exactly as given. */
    public static Cmd raw(String shellText) {
        return new Cmd(List.of(new Raw(shellText)), null);
    }

    public static Cmd ofParts(List<Part> parts) {
        return new Cmd(parts, null);
    }

    /** A builder starting with literal words: {@code Cmd.builder("docker", "run")}. */
    public static Builder builder(String... words) {
        return new Builder().word(words);
    }

    /**
     * A path relative to the remote user's home as Kamal writes it, {@code $PWD/<rest>}: the one expansion dhow
     * leaves to the remote shell. {@code rest} is quoted like any word, so nothing after the prefix expands.
     */
    public static Part underPwd(String rest) {
        return new Joined(List.of(new Raw("$PWD/"), new Word(rest)));
    }

    /** {@code <key>=<value>} as one word with the value in the given quoting: {@code KAMAL_HOST="h"}. */
    public static Part assignment(String key, String value, Quoting quoting) {
        return new Joined(List.of(new Word(key + "="), new Quoted(value, quoting)));
    }

    public Cmd append(String... words) {
        List<Part> next = new ArrayList<>(parts);
        for (String w : words) next.add(new Word(w));
        return new Cmd(next, stdin);
    }

    public Cmd append(List<String> words) {
        return append(words.toArray(String[]::new));
    }

    public Cmd appendRaw(String shellText) {
        List<Part> next = new ArrayList<>(parts);
        next.add(new Raw(shellText));
        return new Cmd(next, stdin);
    }

    public Cmd appendSecret(Sensitive value, boolean doubleQuoted) {
        List<Part> next = new ArrayList<>(parts);
        next.add(new Secret(value, doubleQuoted));
        return new Cmd(next, stdin);
    }

    public Cmd append(Cmd other) {
        List<Part> next = new ArrayList<>(parts);
        next.addAll(other.parts);
        return new Cmd(next, stdin != null ? stdin : other.stdin);
    }

    /** Bytes fed to the command's standard input (e.g. a registry password for {@code docker login --password-stdin}). */
    public Cmd withStdin(Sensitive input) {
        return new Cmd(parts, input);
    }

    public Optional<Sensitive> stdin() {
        return Optional.ofNullable(stdin);
    }

    /**
     * This command, saying what a simulation ({@code --dry-run}) should pretend it printed: a placeholder such as
     * {@code CONTAINER_ID} for a query whose answer the flow goes on with. Not part of the command line.
     */
    public Cmd simulating(String output) {
        return new Cmd(parts, stdin, output);
    }

    /** What a simulation pretends this command printed ({@link #simulating}); empty by default. */
    public String simulatedOutput() {
        return simulated;
    }

    public List<Part> parts() {
        return parts;
    }

    /** Joins commands with a shell operator: {@code combine("&&", a, b)} → {@code a && b}. */
    public static Cmd combine(String by, Cmd... cmds) {
        List<Part> next = new ArrayList<>();
        Sensitive in = null;
        for (int i = 0; i < cmds.length; i++) {
            if (i > 0) next.add(new Raw(by));
            next.addAll(cmds[i].parts);
            if (in == null) in = cmds[i].stdin;
        }
        return new Cmd(next, in);
    }

    public static Cmd and(Cmd... cmds) {
        return combine("&&", cmds);
    }

    public static Cmd or(Cmd... cmds) {
        return combine("||", cmds);
    }

    public static Cmd pipe(Cmd... cmds) {
        return combine("|", cmds);
    }

    public static Cmd chain(Cmd... cmds) {
        return combine(";", cmds);
    }

    /** {@code a | xargs b}. */
    public static Cmd xargs(Cmd input, Cmd command) {
        return pipe(input, of("xargs").append(command));
    }

    /** The line a shell executes, with real secret values. Use only to execute, never to print. */
    public String shellLine() {
        return render(false);
    }

    /** The line to show to people and logs: secrets as [REDACTED]. */
    public String redacted() {
        return render(true);
    }

    /** True when any part is sensitive. */
    public boolean hasSecrets() {
        return stdin != null || parts.stream().anyMatch(Cmd::sensitive);
    }

    private static boolean sensitive(Part part) {
        return part instanceof Secret || part instanceof Joined j && j.parts().stream().anyMatch(Cmd::sensitive);
    }

    private String render(boolean redact) {
        return parts.stream().map(p -> renderPart(p, redact)).collect(Collectors.joining(" "));
    }

    private static String renderPart(Part part, boolean redact) {
        if (part instanceof Word w) return Shell.escape(w.text());
        if (part instanceof Raw r) return r.text();
        if (part instanceof Quoted q) return render(q);
        if (part instanceof Joined j) return j.parts().stream().map(p -> renderPart(p, redact)).collect(Collectors.joining());
        Secret s = (Secret) part;
        if (redact) return Sensitive.REDACTED;
        return s.doubleQuoted() ? Shell.doubleQuote(s.value().value()) : Shell.escape(s.value().value());
    }

    private static String render(Quoted q) {
        return switch (q.quoting()) {
            case SINGLE -> Shell.singleQuote(q.text());
            case DOUBLE -> Shell.doubleQuote(q.text());
            case KAMAL -> Shell.kamalQuote(q.text());
            case INSIDE_DOUBLE_QUOTES -> Shell.insideDoubleQuotes(q.text());
        };
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cmd other && shellLine().equals(other.shellLine())
                && Objects.equals(stdin, other.stdin);
    }

    @Override
    public int hashCode() {
        return shellLine().hashCode();
    }

    /**
     * Accumulates the parts of one command line, with Kamal's argument shapes ({@code argumentize},
     * {@code optionize}). Values go in as words or quoted values; {@link #raw} takes only shell syntax dhow writes.
     */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        private Builder() {}

        public Builder word(String... words) {
            for (String w : words) parts.add(new Word(w));
            return this;
        }

        public Builder wordIf(boolean condition, String... words) {
            return condition ? word(words) : this;
        }

        public Builder words(List<String> words) {
            return word(words.toArray(String[]::new));
        }

        /** Shell syntax dhow writes itself; never a value from the configuration or the command line. */
        public Builder raw(String... texts) {
            for (String t : texts) parts.add(new Raw(t));
            return this;
        }

        public Builder secret(Sensitive value, boolean doubleQuoted) {
            parts.add(new Secret(value, doubleQuoted));
            return this;
        }

        public Builder quoted(String value, Quoting quoting) {
            parts.add(new Quoted(value, quoting));
            return this;
        }

        public Builder part(Part part) {
            parts.add(part);
            return this;
        }

        public Builder add(Cmd cmd) {
            parts.addAll(cmd.parts);
            return this;
        }

        /**
         * Kamal's {@code argumentize(flag, hash)}: {@code --flag key="value"}, or a bare {@code --flag key} for an
         * empty value (for env vars that means "pass the host's value through").
         */
        public Builder argumentize(String flag, Map<String, String> values) {
            values.forEach((key, value) -> {
                word(flag);
                part(value == null || value.isEmpty() ? new Word(key) : assignment(key, value, Quoting.KAMAL));
            });
            return this;
        }

        /** Kamal's {@code optionize} of a docker option: a bare {@code --name} without values, else {@code --name "value"} per value. */
        public Builder optionize(String name, List<String> values) {
            if (values.isEmpty()) return word("--" + name);
            for (String v : values) word("--" + name).quoted(v, Quoting.KAMAL);
            return this;
        }

        /** Kamal's {@code optionize(with: "=")}: {@code --name="value"}. */
        public Builder option(String name, String value) {
            return part(assignment("--" + name, value, Quoting.KAMAL));
        }

        public Cmd build() {
            return new Cmd(parts, null);
        }
    }
}
