package dev.dhow.commands;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kamal's quoting of option values ({@code Kamal::Utils.escape_shell_value}): ASCII runs become a Ruby
 * {@code String#dump} (double quotes, {@code \"}, {@code \\}, {@code \n}…) with backticks escaped and
 * {@code $} escaped unless it starts {@code ${…}}, so the remote shell still expands {@code ${VAR}};
 * non-ASCII runs are kept verbatim. Matching it byte for byte keeps dhow's commands identical to Kamal's.
 */
public final class ShellValue {
    private static final Pattern DOLLAR_WITHOUT_EXPANSION = Pattern.compile("\\$(?!\\{[^}]*\\})");

    private ShellValue() {}

    /** {@code he said "hi"} → {@code "he said \"hi\""}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        int i = 0;
        int n = value.length();
        if (n == 0) return "\"\"";
        while (i < n) {
            boolean ascii = value.charAt(i) < 0x80;
            int j = i;
            while (j < n && (value.charAt(j) < 0x80) == ascii) j++;
            String run = value.substring(i, j);
            out.append(ascii ? quoteAscii(run) : run);
            i = j;
        }
        return out.toString();
    }

    private static String quoteAscii(String run) {
        String dumped = dump(run).replace("`", "\\`");
        return DOLLAR_WITHOUT_EXPANSION.matcher(dumped).replaceAll(Matcher.quoteReplacement("\\$"));
    }

    /** Ruby's {@code String#dump} of an ASCII string, with the surrounding double quotes. */
    static String dump(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case 0x0B -> sb.append("\\v");
                case '\b' -> sb.append("\\b");
                case 0x07 -> sb.append("\\a");
                case 0x1B -> sb.append("\\e");
                case '#' -> {
                    // Ruby escapes '#' only where it would start an interpolation: #{ #$ #@
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                    sb.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
                }
                default -> {
                    if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02X", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
