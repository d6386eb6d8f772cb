package dev.dhow.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kamal's (ActiveSupport's) deep_merge: maps merge recursively, anything else (lists too) is replaced. */
final class DeepMerge {
    private DeepMerge() {}

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : overlay.entrySet()) {
            Object old = out.get(e.getKey());
            if (old instanceof Map<?, ?> oldMap && e.getValue() instanceof Map<?, ?> newMap) {
                out.put(e.getKey(), merge(cast(oldMap), cast(newMap)));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
