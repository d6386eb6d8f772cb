package dev.dhow.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Docker's sizes ({@code --memory 1g}, {@code --shm-size 64m}): 1024-based, as its {@code RAMInBytes} reads them. */
final class Bytes {
    private static final Pattern SIZE = Pattern.compile("(?i)^\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?\\s*$");
    private static final String UNITS = "kmgtp";

    private Bytes() {}

    static long parse(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) throw new IllegalArgumentException("not a size: " + size);
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        int power = unit.isEmpty() ? 0 : UNITS.indexOf(unit) + 1;
        return n.multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /** The largest unit that says it exactly: {@code 1073741824} → {@code 1g}. */
    static String format(long bytes) {
        if (bytes <= 0) return String.valueOf(bytes);
        long n = bytes;
        int power = 0;
        while (power < UNITS.length() && n % 1024 == 0) {
            n /= 1024;
            power++;
        }
        return power == 0 ? String.valueOf(n) : n + String.valueOf(UNITS.charAt(power - 1));
    }
}
