package dev.dhow.config;

import java.util.regex.Pattern;

/**
 * Ruby's {@code File.fnmatch(pattern, name, File::FNM_EXTGLOB)} for host and role filters: {@code *} any
 * text, {@code ?} one character, {@code [abc]}/{@code [!a-z]} classes, {@code {a,b}} alternatives,
 * {@code \} escapes the next character.
 */
public final class Glob {
    private final Pattern regex;

    private Glob(Pattern regex) {
        this.regex = regex;
    }

    public static Glob compile(String pattern) {
        return new Glob(Pattern.compile(toRegex(pattern), Pattern.DOTALL));
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 < glob.length()) re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    else re.append("\\\\");
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("!")) body = "^" + body.substring(1);
                        re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // An unclosed brace matches literally in Ruby; closing it keeps the regex valid.
        re.append(")".repeat(braces));
        return re.toString();
    }
}
