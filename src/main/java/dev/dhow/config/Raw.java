package dev.dhow.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads from the parsed YAML tree, after validation has checked the types. */
final class Raw {
    private Raw() {}

    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) return DeepMerge.cast(m);
        return new LinkedHashMap<>();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    /** Ruby's "stringish": strings, numbers and booleans all read as text. */
    static String text(Object value) {
        return String.valueOf(value);
    }

    static Optional<String> str(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        return v == null ? Optional.empty() : Optional.of(text(v));
    }

    static String str(Map<String, Object> parent, String key, String dflt) {
        return str(parent, key).orElse(dflt);
    }

    /** Ruby symbols ({@code :verbose}) arrive as text with a leading colon. */
    static String stripSymbol(String s) {
        return s.length() > 1 && s.startsWith(":") && Character.isLetter(s.charAt(1)) ? s.substring(1) : s;
    }

    static Optional<Integer> integer(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (v instanceof Number n) return Optional.of(n.intValue());
        if (v instanceof String s) {
            try {
                return Optional.of(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static int integer(Map<String, Object> parent, String key, int dflt) {
        return integer(parent, key).orElse(dflt);
    }

    static Optional<Long> longValue(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    static Optional<Boolean> bool(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        return v instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    static boolean bool(Map<String, Object> parent, String key, boolean dflt) {
        return bool(parent, key).orElse(dflt);
    }

    /** A list of strings; a single scalar becomes a one-element list (Ruby's Array()). */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object o : l) if (o != null) out.add(text(o));
        } else if (value != null) {
            out.add(text(value));
        }
        return out;
    }

    static List<String> strings(Map<String, Object> parent, String key) {
        return strings(parent.get(key));
    }

    static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        map(value).forEach((k, v) -> out.put(k, v == null ? "" : text(v)));
        return out;
    }

    /** A deep, unmodifiable copy of a parsed tree, so the model's raw view cannot be changed by callers. */
    @SuppressWarnings("unchecked")
    static <T> T freeze(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
            return (T) java.util.Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(freeze(o));
            return (T) java.util.Collections.unmodifiableList(out);
        }
        return value;
    }

    /** Ruby's blank?: null, empty text, empty collection. */
    static boolean blank(Object value) {
        if (value == null) return true;
        if (value instanceof String s) return s.isBlank();
        if (value instanceof Map<?, ?> m) return m.isEmpty();
        if (value instanceof List<?> l) return l.isEmpty();
        if (value instanceof Boolean b) return !b;
        return false;
    }
}
