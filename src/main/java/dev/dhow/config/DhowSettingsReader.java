package dev.dhow.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Reads and checks the root {@code x-dhow:} key: every problem is collected with its key path. */
final class DhowSettingsReader {
    static final String KEY = "x-dhow";

    private final List<String> problems = new ArrayList<>();

    /** The problems in {@code raw}'s {@code x-dhow} key; empty when it is absent or right. */
    List<String> check(Map<String, Object> raw) {
        read(raw);
        return List.copyOf(problems);
    }

    /** The settings in {@code raw} (checked before with {@link #check}). */
    DhowSettings read(Map<String, Object> raw) {
        Object value = raw.get(KEY);
        if (value == null) return DhowSettings.DEFAULT;
        Map<String, Object> root = hash(KEY, value);
        DhowSettings.CommandTimeouts t = DhowSettings.CommandTimeouts.DEFAULT;
        DhowSettings.KeepAlive k = DhowSettings.KeepAlive.DEFAULT;
        Map<String, BiConsumer<String, Object>> known = new LinkedHashMap<>();
        known.put("timeouts", (p, v) -> { });
        known.put("keepalive", (p, v) -> { });
        known.put("canary", (p, v) -> { });
        unknown(KEY, root, known.keySet());
        if (root.containsKey("timeouts")) {
            Map<String, Object> m = hash(KEY + "/timeouts", root.get("timeouts"));
            unknown(KEY + "/timeouts", m, List.of("command", "pull", "build", "exec", "bootstrap"));
            t = new DhowSettings.CommandTimeouts(
                    seconds(m, "timeouts", "command", t.command()),
                    seconds(m, "timeouts", "pull", t.pull()),
                    seconds(m, "timeouts", "build", t.build()),
                    seconds(m, "timeouts", "exec", t.exec()),
                    seconds(m, "timeouts", "bootstrap", t.bootstrap()));
        }
        if (root.containsKey("keepalive")) {
            Map<String, Object> m = hash(KEY + "/keepalive", root.get("keepalive"));
            unknown(KEY + "/keepalive", m, List.of("interval", "count"));
            k = new DhowSettings.KeepAlive(seconds(m, "keepalive", "interval", k.interval()),
                    (int) positive(KEY + "/keepalive/count", m.get("count"), k.count()));
        }
        java.util.Optional<DhowSettings.Canary> c = java.util.Optional.empty();
        if (root.containsKey("canary")) c = java.util.Optional.of(canary(root.get("canary")));
        return new DhowSettings(t, k, c);
    }

    // `canary: true` (or an empty `canary:`) takes the defaults; a hash sets some of them.
    private DhowSettings.Canary canary(Object value) {
        DhowSettings.Canary d = DhowSettings.Canary.DEFAULT;
        if (value == null || Boolean.TRUE.equals(value)) return d;
        String path = KEY + "/canary";
        Map<String, Object> m = hash(path, value);
        unknown(path, m, List.of("hosts", "soak", "interval"));
        return new DhowSettings.Canary((int) positive(path + "/hosts", m.get("hosts"), d.hosts()),
                duration(path + "/soak", m.get("soak"), d.soak()), duration(path + "/interval", m.get("interval"), d.interval()));
    }

    private Duration duration(String path, Object value, Duration dflt) {
        if (value == null) return dflt;
        java.util.Optional<Duration> d = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                ? java.util.Optional.of(Duration.ofSeconds(((Number) value).longValue())).filter(x -> !x.isNegative() && !x.isZero())
                : DhowSettings.parseDuration(String.valueOf(value));
        if (d.isEmpty()) {
            problems.add(path + ": should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0");
            return dflt;
        }
        return d.get();
    }


    @SuppressWarnings("unchecked")
    private Map<String, Object> hash(String path, Object value) {
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        problems.add(path + ": should be a hash");
        return Map.of();
    }

    private void unknown(String path, Map<String, Object> map, java.util.Collection<String> known) {
        List<String> extra = map.keySet().stream().filter(k -> !known.contains(k)).toList();
        if (!extra.isEmpty()) {
            problems.add(path + ": " + (extra.size() == 1 ? "unknown key: " : "unknown keys: ") + String.join(", ", extra)
                    + " (known: " + String.join(", ", known) + ")");
        }
    }

    private Duration seconds(Map<String, Object> map, String section, String key, Duration dflt) {
        return Duration.ofSeconds(positive(KEY + "/" + section + "/" + key, map.get(key), dflt.toSeconds()));
    }

    private long positive(String path, Object value, long dflt) {
        if (value == null) return dflt;
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger) || ((Number) value).longValue() < 1) {
            problems.add(path + ": should be a whole number of at least 1");
            return dflt;
        }
        return ((Number) value).longValue();
    }
}
