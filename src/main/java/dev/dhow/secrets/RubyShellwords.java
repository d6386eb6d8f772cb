package dev.dhow.secrets;

/**
 * Ruby's {@code Shellwords.escape}: what {@code kamal secrets fetch --inline} applies to its JSON so
 * the value survives being split again in {@code $(kamal secrets extract NAME $SECRETS)}.
 */
public final class RubyShellwords {
    private RubyShellwords() {}

    /** Backslash before every character outside {@code [A-Za-z0-9_\-.,:+/@\n]}; a newline becomes {@code '\n'}. */
    public static String escape(String s) {
        if (s.isEmpty()) return "''";
        StringBuilder sb = new StringBuilder(s.length() * 2);
        // Per code point, as Ruby's regex sees characters: "é" becomes "\\é", not two escaped halves.
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append("'\n'");
            } else if (safe(c)) {
                sb.appendCodePoint(c);
            } else {
                sb.append('\\').appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static boolean safe(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ',' || c == ':' || c == '+' || c == '/' || c == '@';
    }
}
