package dev.dhow.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A command line for a remote (or local) POSIX shell: words, raw shell syntax and sensitive parts.
 * Equality is by rendering, so tests compare exact strings.
 */
public final class Cmd {
    /** One token of a command line. */
    public sealed interface Part permits Word, Raw, Secret {}

    /** A literal argv word; quoted on rendering when the shell would otherwise read it differently. */
    public record Word(String text) implements Part {}

    /** Shell syntax rendered verbatim: operators, redirections, pre-quoted values, $(…). */
    public record Raw(String text) implements Part {}

    /** A value that is rendered for execution but redacted in logs. Rendered with the given quoting. */
    public record Secret(Sensitive value, boolean doubleQuoted) implements Part {}

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
        return stdin != null || parts.stream().anyMatch(p -> p instanceof Secret);
    }

    private String render(boolean redact) {
        return parts.stream().map(p -> renderPart(p, redact)).collect(Collectors.joining(" "));
    }

    private static String renderPart(Part part, boolean redact) {
        if (part instanceof Word w) return Shell.escape(w.text());
        if (part instanceof Raw r) return r.text();
        Secret s = (Secret) part;
        if (redact) return Sensitive.REDACTED;
        return s.doubleQuoted() ? Shell.doubleQuote(s.value().value()) : Shell.escape(s.value().value());
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
}
