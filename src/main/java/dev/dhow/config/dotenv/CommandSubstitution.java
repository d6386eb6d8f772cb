package dev.dhow.config.dotenv;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code $(command)} spans the way Kamal's dotenv override does: parentheses nest, a backslash
 * escapes the next character inside the command, and {@code \$(…)} is an escaped, literal span.
 */
final class CommandSubstitution {
    /** One span of the value: [start, end) includes the leading backslash when escaped; command is the text inside the parens. */
    record Span(int start, int end, boolean escaped, String command) {}

    private CommandSubstitution() {}

    static List<Span> find(String value) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < n && value.charAt(i + 1) == '$') {
                int end = closingParen(value, i + 2);
                if (end > 0) {
                    spans.add(new Span(i, end, true, value.substring(i + 3, end - 1)));
                    i = end;
                    continue;
                }
            } else if (c == '$') {
                int end = closingParen(value, i + 1);
                if (end > 0) {
                    spans.add(new Span(i, end, false, value.substring(i + 2, end - 1)));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return spans;
    }

    /** Index just past the ')' matching the '(' at {@code open}, or -1 when there is none or the group is empty. */
    private static int closingParen(String s, int open) {
        if (open >= s.length() || s.charAt(open) != '(') return -1;
        int j = open + 1;
        boolean nonEmpty = false;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == ')') return nonEmpty ? j + 1 : -1;
            if (c == '\\') {
                // An escaped character (any but a newline, as in Ruby's "."): "\)" does not close the command.
                if (j + 1 >= s.length() || s.charAt(j + 1) == '\n') return -1;
                j += 2;
            } else if (c == '(') {
                j = closingParen(s, j);
                if (j < 0) return -1;
            } else {
                j++;
            }
            nonEmpty = true;
        }
        return -1;
    }
}
