package dev.dhow.core;

import java.util.function.UnaryOperator;

/**
 * Ruby's {@code String#dump} for ASCII text, the escaping Kamal applies to option values and env files;
 * matching it byte for byte keeps what dhow writes identical to what Kamal writes.
 */
public final class RubyDump {
    private RubyDump() {}

    /** {@code String#dump} of an ASCII string, without the surrounding double quotes. */
    public static String dump(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
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
        return sb.toString();
    }

    /**
     * Applies {@code asciiRun} to each maximal run of ASCII characters and keeps non-ASCII runs verbatim,
     * as Kamal does (it dumps only the ASCII parts so UTF-8 text survives unescaped).
     */
    public static String mapAsciiRuns(String value, UnaryOperator<String> asciiRun) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        int i = 0;
        int n = value.length();
        while (i < n) {
            boolean ascii = value.charAt(i) < 0x80;
            int j = i;
            while (j < n && (value.charAt(j) < 0x80) == ascii) j++;
            String run = value.substring(i, j);
            out.append(ascii ? asciiRun.apply(run) : run);
            i = j;
        }
        return out.toString();
    }
}
