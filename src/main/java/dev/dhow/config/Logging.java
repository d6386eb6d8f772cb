package dev.dhow.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code logging:} section (root or role): docker log driver and {@code --log-opt} options. */
public record Logging(Optional<String> driver, Map<String, String> options) {
    public static final Logging EMPTY = new Logging(Optional.empty(), Map.of());

    public Logging {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Nothing configured: docker then gets Kamal's default {@code --log-opt max-size="10m"}. */
    public boolean unset() {
        return driver.isEmpty() && options.isEmpty();
    }

    /** The {@code --log-opt} pairs to use: the configured ones, or {@code max-size=10m} when nothing is set. */
    public Map<String, String> effectiveOptions() {
        return unset() ? Map.of("max-size", "10m") : options;
    }

    /** Deep merge with {@code other} on top (role logging over root logging). */
    public Logging merge(Logging other) {
        Map<String, String> o = new LinkedHashMap<>(options);
        o.putAll(other.options);
        return new Logging(other.driver.or(() -> driver), o);
    }
}
