package dev.dhow.core;

import java.util.regex.Pattern;

/** POSIX shell quoting, done in one place so no builder quotes by hand. */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** Returns the word unchanged when the shell reads it literally, else wrapped in single quotes. */
    public static String escape(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Double-quoted form, the way Kamal writes env values and labels: {@code "a \"b\" \$c"}. */
    public static String doubleQuote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
