package dev.dhow.config.dotenv;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code .kamal/secrets} files with the rules of Ruby dotenv 3.2 plus Kamal's command substitution,
 * so a file written for Kamal yields the same values.
 *
 * <p>As Kamal calls it ({@code overwrite: true}), a value in the file always wins over the environment.
 * Differences from Kamal, all deliberate: an unterminated quote is an error instead of a value that starts
 * with a quote; a failing command is an error instead of an empty value; and the output of a command is
 * never expanded again for {@code $VAR} (Kamal does, which mangles secrets containing {@code $}).
 */
public final class DotenvParser {
    private static final Pattern LINE = Pattern.compile(
            "(?:^|\\A)"                                 // beginning of a line
            + "\\s*"                                    // leading whitespace (blank lines too)
            + "(?<export>export\\s+)?"
            + "(?<key>[\\w.]+)"
            + "(?:"                                     // optional separator and value
            + "(?:\\s*=\\s*?|:\\s+?)"
            + "(?<value>"
            // Quoted bodies are written without a repeated alternation so long PEM values cannot overflow
            // Java's regex stack; they match the same strings as dotenv's (?:\\'|[^'])* and (?:\\"|[^"])*.
            + "\\s*'(?:[^'\\\\]++|\\\\'?)*'"
            + "|\\s*\"(?:[^\"\\\\]++|\\\\\"?)*\""
            + "|[^#\\n]+"
            + ")?"
            + ")?"
            + "\\s*"                                    // trailing whitespace
            + "(?:#.*)?"                                // optional comment
            + "(?:$|\\z)",
            Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Pattern QUOTED = Pattern.compile("\\A(['\"])(.*)\\1\\z", Pattern.DOTALL);
    private static final Pattern UNESCAPE = Pattern.compile("\\\\([^$])");
    private static final Pattern SECRETS_COMMAND = Pattern.compile("\\A\\s*(?:kamal|dhow)\\s+secrets\\s+");
    private static final String LINEBREAK_MODE = "DOTENV_LINEBREAK_MODE";

    private final Map<String, String> environment;
    private final InProcessCommands inProcess;
    private final Path workingDirectory;
    private final ShellCommandRunner shell;
    private final List<UnsetVariable> unset = new java.util.ArrayList<>(); // guarded by this

    /**
     * @param environment      the process environment: fallback for {@code $VAR} and the environment of commands
     * @param inProcess        runs {@code kamal secrets …} / {@code dhow secrets …} substitutions
     * @param workingDirectory where relative files are read and commands run
     */
    public DotenvParser(Map<String, String> environment, InProcessCommands inProcess, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.inProcess = inProcess;
        this.workingDirectory = workingDirectory;
        this.shell = new ShellCommandRunner(this.environment, workingDirectory);
    }

    /** A parser that reads files and runs commands in the current directory. */
    public DotenvParser(Map<String, String> environment, InProcessCommands inProcess) {
        this(environment, inProcess, Path.of("").toAbsolutePath());
    }

    /**
     * Reads and parses one file; relative paths are taken from the working directory.
     *
     * @return the keys in file order (a key defined twice keeps its first position and its last value)
     */
    public Map<String, String> parse(Path file) {
        String content;
        try {
            content = Files.readString(workingDirectory.resolve(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DhowException("Secrets file " + file + " does not exist");
        } catch (IOException e) {
            throw new DhowException("Could not read " + file + ": " + e.getMessage(), e);
        }
        return parse(content, file.toString());
    }

    /**
     * Parses file content.
     *
     * @param fileName how errors name the file
     */
    public Map<String, String> parse(String content, String fileName) {
        String text = content.replaceAll("\r\n?", "\n");
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text);
        int line = 1;
        int counted = 0;
        while (m.find()) {
            String key = m.group("key");
            String value = m.group("value");
            line += newlines(text, counted, m.start("key"));
            counted = m.start("key");
            if (m.group("export") != null && value == null) {
                // dotenv: "export KEY" only re-exports an earlier key; alone it is an error.
                if (!values.containsKey(key)) {
                    throw new DhowException("\"export " + key + "\" in " + fileName + " line " + line
                            + " has an unset variable");
                }
                continue;
            }
            values.put(key, parseValue(value == null ? "" : value, new Context(values, fileName, key, line)));
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The numbers of the lines dotenv would skip without a word: neither blank, nor a comment, nor part of a
     * {@code KEY=value} entry (e.g. {@code DB-PASSWORD=x}, whose name has a dash). A secret on such a line is
     * silently missing later.
     */
    public static List<Integer> unreadableLines(String content) {
        String text = content.replaceAll("\r\n?", "\n");
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        boolean[] covered = new boolean[text.length()];
        Matcher m = LINE.matcher(text);
        while (m.find()) java.util.Arrays.fill(covered, m.start(), m.end(), true);
        List<Integer> out = new java.util.ArrayList<>();
        int line = 1;
        for (int start = 0; start <= text.length(); line++) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (covered[i] || Character.isWhitespace(c)) continue;
                if (c != '#') out.add(line);
                break;
            }
            start = end + 1;
        }
        return List.copyOf(out);
    }

    private record Context(Map<String, String> values, String fileName, String key, int line) {
        String where() {
            return key + " in " + fileName + " line " + line;
        }
    }

    /**
     * A {@code $VARIABLE} in the value of {@code key} that neither the file nor the environment defines, so it
     * became the empty string: in CI, usually a job that does not pass the variable on.
     */
    public record UnsetVariable(String file, int line, String key, String variable) {
        /** e.g. {@code .kamal/secrets line 3: $KAMAL_REGISTRY_PASSWORD is not set} */
        public String describe() {
            return file + " line " + line + ": $" + variable + " is not set";
        }
    }

    /** Every unset variable the values parsed so far referred to, in file order. */
    public synchronized List<UnsetVariable> unsetVariables() {
        return List.copyOf(unset);
    }

    private synchronized void noteUnset(Context ctx, String variable) {
        unset.add(new UnsetVariable(ctx.fileName(), ctx.line(), ctx.key(), variable));
    }

    private String parseValue(String raw, Context ctx) {
        String value = rubyStrip(raw);
        char quote = 0;
        Matcher q = QUOTED.matcher(value);
        if (q.matches()) {
            quote = q.group(1).charAt(0);
            value = q.group(2);
        } else if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.indexOf(value.charAt(0), 1) < 0) {
            String kind = value.charAt(0) == '"' ? "double" : "single";
            throw new DhowException("Unterminated " + kind + " quote in the value of " + ctx.where());
        }
        if (quote == '\'') return value;
        if (quote == '"') value = expandNewlines(value, ctx.values());
        value = UNESCAPE.matcher(value).replaceAll("$1");
        return substitute(value, ctx);
    }

    private String expandNewlines(String value, Map<String, String> values) {
        String mode = values.getOrDefault(LINEBREAK_MODE, environment.get(LINEBREAK_MODE));
        if ("legacy".equals(mode)) return value.replace("\\n", "\n").replace("\\r", "\r");
        // Doubling the backslash makes the unescape step leave "\n" as the two characters backslash and n.
        return value.replace("\\n", "\\\\n").replace("\\r", "\\\\r");
    }

    /** Command substitutions first, then {@code $VAR}s in the text around them. */
    private String substitute(String value, Context ctx) {
        StringBuilder out = new StringBuilder(value.length());
        StringBuilder literal = new StringBuilder();
        int last = 0;
        for (CommandSubstitution.Span span : CommandSubstitution.find(value)) {
            literal.append(value, last, span.start());
            if (span.escaped()) {
                literal.append(value, span.start() + 1, span.end()); // "\$(x)" stays "$(x)"
            } else {
                out.append(VariableSubstitution.apply(literal.toString(), ctx.values(), environment, v -> noteUnset(ctx, v)));
                literal.setLength(0);
                String command = VariableSubstitution.apply(span.command(), ctx.values(), environment, v -> { });
                out.append(chomp(runCommand(command, ctx)));
            }
            last = span.end();
        }
        literal.append(value, last, value.length());
        return out.append(VariableSubstitution.apply(literal.toString(), ctx.values(), environment, v -> noteUnset(ctx, v))).toString();
    }

    private String runCommand(String command, Context ctx) {
        if (SECRETS_COMMAND.matcher(command).find()) {
            List<String> words = Shellwords.split(command).orElseThrow(() -> new DhowException(
                    "Unmatched quote in the secrets command for " + ctx.where()));
            List<String> argv = words.subList(1, words.size());
            Optional<String> result = inProcess.run(List.copyOf(argv));
            return result.orElseThrow(() -> new DhowException(
                    "The command `" + words.get(0) + " secrets " + (argv.size() > 1 ? argv.get(1) : "")
                            + "` for " + ctx.where() + " failed"));
        }
        ShellCommandRunner.Result result = shell.run(command, ctx.where());
        if (result.exitCode() != 0) {
            throw new DhowException("The command for " + ctx.where() + " failed with exit status " + result.exitCode());
        }
        return result.stdout();
    }

    private static String chomp(String s) {
        if (s.endsWith("\r\n")) return s.substring(0, s.length() - 2);
        if (s.endsWith("\n") || s.endsWith("\r")) return s.substring(0, s.length() - 1);
        return s;
    }

    private static String rubyStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isRubySpace(s.charAt(start))) start++;
        while (end > start && (isRubySpace(s.charAt(end - 1)) || s.charAt(end - 1) == '\0')) end--;
        return s.substring(start, end);
    }

    private static boolean isRubySpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') count++;
        }
        return count;
    }
}
