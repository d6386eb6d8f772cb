package dev.dhow.config;

import java.util.ArrayList;
import java.util.List;

/** The Kamal release dhow matches, and Gem::Version-style comparison for {@code minimum_version}. */
public final class KamalVersion {
    /** The Kamal version whose behaviour dhow implements. */
    public static final String COMPATIBLE = "2.12.0";

    private KamalVersion() {}

    /** Compare dotted versions numerically segment by segment; missing segments count as 0. */
    public static int compare(String a, String b) {
        List<Integer> x = segments(a);
        List<Integer> y = segments(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = Integer.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Whether {@code minimum} (from the config) is not newer than the Kamal version dhow matches. */
    public static boolean satisfies(String minimum) {
        return compare(minimum, COMPATIBLE) <= 0;
    }

    private static List<Integer> segments(String version) {
        List<Integer> out = new ArrayList<>();
        for (String part : version.strip().split("\\.")) {
            String digits = part.replaceAll("[^0-9].*$", "");
            out.add(digits.isEmpty() ? 0 : Integer.parseInt(digits));
        }
        return out;
    }
}
