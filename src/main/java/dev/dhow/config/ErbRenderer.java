package dev.dhow.config;

import dev.dhow.core.DhowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the small part of ERB that deploy.yml files use, without running Ruby: reading environment
 * variables ({@code ENV["X"]}, {@code ENV.fetch("X"[, "default"])}, {@code ENV["X"] || "default"}) and
 * loading a dotenv file ({@code <% require "dotenv"; Dotenv.load(".env") %>}). Anything else is an error
 * naming the file and line, so a config never silently renders differently from Kamal.
 *
 * <p>The environment map is mutated by {@code Dotenv.load}, so later expressions (and later files rendered
 * with the same map) see the loaded variables; like dotenv, existing variables are not overwritten.
 */
final class ErbRenderer {
    private static final Pattern TAG = Pattern.compile("<%(%|=|#|-)?(.*?)(-)?%>", Pattern.DOTALL);

    private static final String STR = "(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)')";
    private static final Pattern ENV_INDEX = Pattern.compile("ENV\\[\\s*" + STR + "\\s*\\]");
    private static final Pattern ENV_INDEX_OR = Pattern.compile("ENV\\[\\s*" + STR + "\\s*\\]\\s*\\|\\|\\s*" + STR);
    private static final Pattern ENV_FETCH = Pattern.compile("ENV\\.fetch\\(\\s*" + STR + "\\s*\\)");
    private static final Pattern ENV_FETCH_DEFAULT = Pattern.compile("ENV\\.fetch\\(\\s*" + STR + "\\s*,\\s*" + STR + "\\s*\\)");
    private static final Pattern REQUIRE = Pattern.compile("require\\s*\\(?\\s*" + STR + "\\s*\\)?");
    private static final Pattern DOTENV_LOAD = Pattern.compile("Dotenv\\.load(?:\\s*\\(\\s*(" + STR + "(?:\\s*,\\s*" + STR + ")*)?\\s*\\))?");
    private static final Pattern STRING_LITERAL = Pattern.compile(STR);

    private final Map<String, String> env;
    private final Function<Path, Map<String, String>> dotenvLoader;
    private final Path baseDir;

    /**
     * @param env          variables ERB sees; mutated by Dotenv.load
     * @param dotenvLoader parses a dotenv file into variables
     * @param baseDir      directory relative dotenv paths are resolved against (the project root)
     */
    ErbRenderer(Map<String, String> env, Function<Path, Map<String, String>> dotenvLoader, Path baseDir) {
        this.env = env;
        this.dotenvLoader = dotenvLoader;
        this.baseDir = baseDir;
    }

    String render(String label, String template) {
        StringBuilder out = new StringBuilder();
        Matcher m = TAG.matcher(template);
        int last = 0;
        while (m.find()) {
            String kind = m.group(1);
            String before = template.substring(last, m.start());
            if ("-".equals(kind)) before = stripTrailingIndent(before);
            out.append(before);
            int line = lineOf(template, m.start());
            String code = m.group(2).strip();
            if ("%".equals(kind)) {
                // <%% is ERB's escape for a literal "<%".
                out.append("<%").append(m.group(2)).append(m.group(3) == null ? "" : "-").append("%>");
            } else if ("=".equals(kind)) {
                out.append(evaluate(label, line, code));
            } else if (!"#".equals(kind)) {
                execute(label, line, code);
            }
            last = m.end();
            if (m.group(3) != null && !"%".equals(kind)) last = skipNewline(template, last);
        }
        String rest = template.substring(last);
        if (rest.contains("<%")) {
            throw new DhowException(label + ":" + lineOf(template, last + rest.indexOf("<%")) + ": unclosed ERB tag (missing %>)");
        }
        out.append(rest);
        return out.toString();
    }

    private String evaluate(String label, int line, String code) {
        Matcher m;
        if ((m = ENV_INDEX_OR.matcher(code)).matches()) {
            String value = env.get(str(m, 1));
            return value != null ? value : str(m, 3);
        }
        if ((m = ENV_INDEX.matcher(code)).matches()) {
            return env.getOrDefault(str(m, 1), "");
        }
        if ((m = ENV_FETCH_DEFAULT.matcher(code)).matches()) {
            return env.getOrDefault(str(m, 1), str(m, 3));
        }
        if ((m = ENV_FETCH.matcher(code)).matches()) {
            String name = str(m, 1);
            String value = env.get(name);
            if (value == null) {
                throw new DhowException(label + ":" + line + ": environment variable " + name + " is not set (needed by <%= " + code + " %>)");
            }
            return value;
        }
        throw unsupported(label, line, "<%= " + code + " %>");
    }

    private void execute(String label, int line, String code) {
        for (String statement : code.split("[;\\n]")) {
            String s = statement.strip();
            if (s.isEmpty()) continue;
            Matcher m;
            if ((m = REQUIRE.matcher(s)).matches()) {
                String lib = str(m, 1);
                if (lib.equals("dotenv/load")) load(label, line, ".env");
                else if (!lib.equals("dotenv")) throw unsupported(label, line, "<% " + code + " %>");
            } else if ((m = DOTENV_LOAD.matcher(s)).matches()) {
                if (m.group(1) == null) {
                    load(label, line, ".env");
                } else {
                    Matcher files = STRING_LITERAL.matcher(m.group(1));
                    while (files.find()) load(label, line, str(files, 1));
                }
            } else {
                throw unsupported(label, line, "<% " + code + " %>");
            }
        }
    }

    private void load(String label, int line, String file) {
        Path path = baseDir.resolve(file);
        // Dotenv.load skips missing files; only Dotenv.load! would fail.
        if (!Files.isRegularFile(path)) return;
        Map<String, String> loaded;
        try {
            loaded = dotenvLoader.apply(path);
        } catch (DhowException e) {
            throw new DhowException(label + ":" + line + ": " + e.getMessage(), e);
        }
        loaded.forEach(env::putIfAbsent);
    }

    private static DhowException unsupported(String label, int line, String expression) {
        return new DhowException(label + ":" + line + ": unsupported ERB " + expression
                + " (dhow understands ENV[\"X\"], ENV.fetch(\"X\"[, \"default\"]), ENV[\"X\"] || \"default\""
                + " and Dotenv.load; put other values in the environment or in .kamal/secrets)");
    }

    // Two alternatives per string literal (double or single quoted): take whichever matched.
    private static String str(Matcher m, int group) {
        return m.group(group) != null ? m.group(group) : m.group(group + 1);
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static String stripTrailingIndent(String text) {
        int i = text.length();
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) i--;
        return (i == 0 || text.charAt(i - 1) == '\n') ? text.substring(0, i) : text;
    }

    private static int skipNewline(String text, int index) {
        if (text.startsWith("\r\n", index)) return index + 2;
        if (text.startsWith("\n", index)) return index + 1;
        return index;
    }
}
