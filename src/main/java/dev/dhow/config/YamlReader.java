package dev.dhow.config;

import dev.dhow.core.DhowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses one YAML document into plain Java values (String keys, LinkedHashMap, ArrayList, String, Boolean,
 * Number, null), defensively: a size cap, few aliases (alias bombs), no duplicate keys, and {@code <<} merge
 * keys resolved the way Ruby does. Errors read {@code file:LINE:COL: problem}.
 */
final class YamlReader {
    static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_ALIASES = 50;

    private YamlReader() {}

    /** The root mapping of {@code text}; an empty document is an empty mapping. */
    static Map<String, Object> readMapping(String label, String text) {
        Object root = read(label, text);
        if (root == null) return new LinkedHashMap<>();
        if (!(root instanceof Map<?, ?> map)) {
            throw new DhowException(label + ": the top level should be a hash of settings");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) map;
        return result;
    }

    static Object read(String label, String text) {
        if (text.length() > MAX_CHARS) {
            throw new DhowException(label + ": file is larger than " + (MAX_CHARS / 1024) + " KiB");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CHARS * 2)
                .setSchema(new RubyYamlSchema())
                .build();
        try {
            return normalize(new Load(settings).loadFromString(text));
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().or(e::getContextMark)
                    .map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            if (e.getContext() != null && !problem.contains(e.getContext())) problem = e.getContext() + ": " + problem;
            throw new DhowException(label + where + ": " + problem.strip());
        } catch (YamlEngineException e) {
            throw new DhowException(label + ": " + e.getMessage());
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object merge = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("<<")) merge = e.getValue();
                else out.put(key, normalize(e.getValue()));
            }
            return merge == null ? out : applyMergeKey(merge, out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(normalize(o));
            return out;
        }
        return value;
    }

    // Ruby's merge key: the merged mapping(s) first, explicit keys win; in a list, earlier mappings win.
    private static Map<String, Object> applyMergeKey(Object merge, Map<String, Object> explicit) {
        List<Object> sources = merge instanceof List<?> l ? new ArrayList<>(l) : List.of(merge);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = sources.size() - 1; i >= 0; i--) {
            if (normalize(sources.get(i)) instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), e.getValue());
            }
        }
        out.putAll(explicit);
        return out;
    }
}
