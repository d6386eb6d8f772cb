package dev.dhow.config;

import java.util.Optional;

/**
 * The {@code boot:} section for rolling deploys: {@code limit} hosts at a time (a number or {@code "N%"}),
 * {@code wait} seconds between groups ({@code waitSeconds}), roles on one host booted in parallel or not.
 */
public record BootConfig(Optional<String> limit, Optional<Integer> waitSeconds, boolean parallelRoles) {
    public static final BootConfig DEFAULT = new BootConfig(Optional.empty(), Optional.empty(), false);

    /** The group size for {@code hostCount} hosts: a percentage is of all hosts, rounded down, at least 1. */
    public Optional<Integer> limit(int hostCount) {
        return limit.map(l -> {
            if (l.endsWith("%")) {
                int pct = leadingInt(l);
                return Math.max(hostCount * pct / 100, 1);
            }
            return leadingInt(l);
        });
    }

    // Ruby's to_i: the leading digits, 0 when there are none.
    private static int leadingInt(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        return i == 0 ? 0 : Integer.parseInt(s.substring(0, i));
    }
}
