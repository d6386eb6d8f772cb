package dev.dhow.ssh;

/** OpenSSH's host and user patterns: {@code *} and {@code ?} wildcards, comma lists with {@code !} negation. */
final class Patterns {
    private Patterns() {}

    /** match_pattern(3): the whole of {@code s} against one wildcard pattern. */
    static boolean matches(String s, String pattern) {
        int si = 0, pi = 0, starP = -1, starS = 0;
        while (si < s.length()) {
            if (pi < pattern.length() && (pattern.charAt(pi) == '?' || pattern.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < pattern.length() && pattern.charAt(pi) == '*') {
                starP = pi++;
                starS = si;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') pi++;
        return pi == pattern.length();
    }

    /** match_pattern_list(3): true when some pattern matches and no negated one does. */
    static boolean matchesList(String s, String list) {
        boolean positive = false;
        for (String p : list.split(",")) {
            if (p.isEmpty()) continue;
            boolean negated = p.startsWith("!");
            if (matches(s, negated ? p.substring(1) : p)) {
                if (negated) return false;
                positive = true;
            }
        }
        return positive;
    }
}
