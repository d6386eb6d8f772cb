package dev.dhow.config.envfile;

import java.util.Map;

/**
 * Renders the env file uploaded to hosts for {@code docker run --env-file}, byte for byte as Kamal writes
 * it, so containers started by either tool see the same values.
 */
public final class EnvFile {
    private EnvFile() {}

    /**
     * One {@code KEY=value} line per entry, in map order; an empty map gives a lone newline (never an empty file).
     * ASCII is escaped as Ruby's {@code String#dump} would (newline becomes {@code \n}, backslash {@code \\},
     * other control characters {@code \e} or {@code \xNN}), except that double quotes and {@code #} stay
     * bare because docker reads env files literally; non-ASCII text is kept verbatim.
     */
    public static String render(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((key, value) -> sb.append(key).append('=').append(escapeValue(value)).append('\n'));
        return sb.length() == 0 ? "\n" : sb.toString();
    }

    /** The escaped form of one value (see {@link #render}). */
    public static String escapeValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        int i = 0;
        int n = value.length();
        while (i < n) {
            int j = i;
            boolean ascii = value.charAt(i) < 0x80;
            while (j < n && (value.charAt(j) < 0x80) == ascii) j++;
            String run = value.substring(i, j);
            out.append(ascii ? escapeAscii(run) : run);
            i = j;
        }
        return out.toString();
    }

    private static String escapeAscii(String run) {
        // Kamal dumps the run, then undoes the \" and \# escapes; doing the same steps keeps odd inputs
        // such as a backslash before a quote identical.
        return dump(run).replace("\\\"", "\"").replace("\\#", "#");
    }

    /** Ruby's {@code String#dump} of an ASCII string, without the surrounding quotes. */
    private static String dump(String s) {
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
}
