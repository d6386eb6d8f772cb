package dev.dhow.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Environment variables: {@code clear} ones go on the command line, {@code secrets} are entries
 * {@code NAME} or {@code NAME:SECRET_KEY} whose values come from a {@link SecretSource} and go into env files.
 */
public record Env(Map<String, String> clear, List<String> secrets) {
    public static final Env EMPTY = new Env(Map.of(), List.of());

    public Env {
        clear = Collections.unmodifiableMap(new LinkedHashMap<>(clear));
        secrets = List.copyOf(secrets);
    }

    /** Kamal's merge: clear values of {@code other} win, secret lists are united in order. */
    public Env merge(Env other) {
        Map<String, String> c = new LinkedHashMap<>(clear);
        c.putAll(other.clear);
        LinkedHashSet<String> s = new LinkedHashSet<>(secrets);
        s.addAll(other.secrets);
        return new Env(c, new ArrayList<>(s));
    }

    /** Env var name → secret key, resolving the {@code NAME:SECRET_KEY} alias form. */
    public Map<String, String> secretKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : secrets) {
            int colon = entry.indexOf(':');
            if (colon < 0) out.put(entry, entry);
            else out.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return Collections.unmodifiableMap(out);
    }
}
