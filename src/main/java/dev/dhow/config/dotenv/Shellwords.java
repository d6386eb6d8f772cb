package dev.dhow.config.dotenv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ruby's {@code Shellwords.split} and {@code Shellwords.escape}: Kamal splits an inline
 * {@code kamal secrets …} command with the first and escapes {@code fetch --inline}'s JSON with the second,
 * so the pair must round-trip exactly as Ruby's does.
 */
public final class Shellwords {
    private Shellwords() {}

    /**
     * Splits like a POSIX shell without expansions: quotes group, backslash escapes.
     *
     * @return the words, or empty when a quote is not closed (Ruby raises "Unmatched quote")
     */
    public static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = skipWhitespace(line, 0);
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) return Optional.empty();
                field.append(line, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder dq = new StringBuilder();
                boolean closed = false;
                while (j < n) {
                    char d = line.charAt(j);
                    if (d == '"') { closed = true; break; }
                    if (d == '\\' && j + 1 < n) {
                        char e = line.charAt(j + 1);
                        // Inside double quotes a backslash only escapes $ ` " \ and newline.
                        if (e != '$' && e != '`' && e != '"' && e != '\\' && e != '\n') dq.append('\\');
                        dq.append(e);
                        j += 2;
                        continue;
                    }
                    if (d == '\\') break; // a lone trailing backslash cannot close the quote
                    dq.append(d);
                    j++;
                }
                if (!closed) return Optional.empty();
                field.append(dq);
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    char e = line.charAt(i + 1);
                    // Ruby keeps backslash-newline as is (its unescape regex's dot skips newlines).
                    if (e == '\n') field.append('\\');
                    field.append(e);
                    i += 2;
                } else {
                    field.append('\\');
                    i++;
                }
            } else {
                int j = i;
                while (j < n && !isSpace(line.charAt(j)) && "\\'\"".indexOf(line.charAt(j)) < 0) j++;
                field.append(line, i, j);
                i = j;
            }
            if (i >= n || isSpace(line.charAt(i))) {
                words.add(field.toString());
                field.setLength(0);
                if (i < n) i = skipWhitespace(line, i + 1);
            }
        }
        return Optional.of(List.copyOf(words));
    }

    /** Backslash-escapes every character a shell could treat specially; an empty string becomes {@code ''}. */
    public static String escape(String value) {
        if (value.isEmpty()) return "''";
        StringBuilder sb = new StringBuilder(value.length() * 2);
        value.codePoints().forEach(cp -> {
            if (cp == '\n') {
                sb.append("'\n'");
            } else {
                if (!isEscapeFree(cp)) sb.append('\\');
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static boolean isEscapeFree(int cp) {
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
                || "_-.,:+/@".indexOf(cp) >= 0;
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
