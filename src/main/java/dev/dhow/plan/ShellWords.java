package dev.dhow.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a command line the way the host's POSIX shell does before it runs it (quotes, backslashes, {@code $NAME}
 * and {@code ${NAME}} expansion), so the plan knows the very argv a deploy's command gives Docker. Variables the
 * plan knows (the SSH user's {@code PWD}) are expanded; any other expansion stays as a marker that
 * {@link #matches} accepts anything for, since the plan cannot know what the host's shell would put there.
 */
final class ShellWords {
    private static final char MARK = '\u0001';
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellWords() {}

    /** The words of {@code line}, expanding {@code known} variables. */
    static List<String> split(String line, Map<String, String> known) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw new IllegalArgumentException("unclosed single quote in: " + line);
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        i = expand(line, i, known, word);
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (i >= n) throw new IllegalArgumentException("unclosed double quote in: " + line);
                inWord = true;
                i++;
            } else if (c == '\\' && i + 1 < n) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$') {
                i = expand(line, i, known, word);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        return List.copyOf(words);
    }

    /** True when {@code actual} is what the shell could have made of {@code expected} (markers match anything). */
    static boolean matches(String expected, String actual) {
        if (expected.indexOf(MARK) < 0) return expected.equals(actual);
        StringBuilder regex = new StringBuilder();
        String[] parts = expected.split(String.valueOf(MARK), -1);
        for (int p = 0; p < parts.length; p++) {
            // Even parts are literal text, odd ones the names of unknown variables.
            regex.append(p % 2 == 0 ? Pattern.quote(parts[p]) : ".*");
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    /** {@code expected} for people: markers shown as the {@code ${NAME}} they stand for. */
    static String display(String expected) {
        if (expected.indexOf(MARK) < 0) return expected;
        StringBuilder out = new StringBuilder();
        String[] parts = expected.split(String.valueOf(MARK), -1);
        for (int p = 0; p < parts.length; p++) out.append(p % 2 == 0 ? parts[p] : "${" + parts[p] + "}");
        return out.toString();
    }

    private static int expand(String line, int dollar, Map<String, String> known, StringBuilder word) {
        int i = dollar + 1;
        String name;
        if (i < line.length() && line.charAt(i) == '{') {
            int close = line.indexOf('}', i);
            if (close < 0) throw new IllegalArgumentException("unclosed ${ in: " + line);
            name = line.substring(i + 1, close);
            i = close + 1;
        } else {
            Matcher m = NAME.matcher(line).region(i, line.length());
            if (!m.lookingAt()) {
                word.append('$');
                return i;
            }
            name = m.group();
            i = m.end();
        }
        String value = known.get(name);
        if (value != null) word.append(value);
        else word.append(MARK).append(name).append(MARK);
        return i;
    }
}
