package dev.dhow.core;

import java.util.regex.Pattern;

/**
 * POSIX shell quoting, done in one place so no builder quotes by hand. Every form here makes the shell pass the
 * value through literally; none leaves an expansion open.
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** Returns the word unchanged when the shell reads it literally, else wrapped in single quotes. */
    public static String escape(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) return word;
        return singleQuote(word);
    }

    /** Always single-quoted, the way Kamal wraps whole commands: every {@code '} becomes {@code '\''}. */
    public static String singleQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Double-quoted form, the way Kamal writes env values and labels: {@code "a \"b\" \$c"}. */
    public static String doubleQuote(String value) {
        return '"' + insideDoubleQuotes(value) + '"';
    }

    /** The text to put between double quotes dhow writes itself: {@code " \ $ `} escaped, nothing else. */
    public static String insideDoubleQuotes(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Kamal's rendering of option, label and env values ({@code Kamal::Utils.escape_shell_value}): each run of
     * ASCII characters double-quoted, runs of other characters left bare between them, so ordinary values come out
     * byte for byte as Kamal writes them ({@code "10m"}, {@code 中文" mixed \""é"\""}). Where Kamal's Ruby
     * {@code String#dump} would not survive the shell literally (control characters become {@code \n}, {@code #{}
     * becomes {@code \#{}) and where Kamal leaves {@code ${…}} to the remote shell, dhow escapes instead, so the
     * value arrives exactly as written.
     */
    public static String kamalQuote(String value) {
        if (value.isEmpty()) return "\"\"";
        return RubyDump.mapAsciiRuns(value, Shell::doubleQuote);
    }
}
