package dev.dhow.config;

import java.util.Optional;
import java.util.Set;

/**
 * Where secret values come from. The configuration only knows secret key names (env.secret, registry
 * credentials given as [NAME], builder.secrets, proxy.ssl pems, ssh.key_data); code that needs a value
 * asks a SecretSource, typically one built from the .kamal/secrets files.
 */
public interface SecretSource {
    /** The value of secret {@code key}, or empty when no secrets file defines it. */
    Optional<String> find(String key);

    /** Every key this source defines. */
    Set<String> keys();

    /**
     * The values this source has already loaded, for redacting output (empty before the first lookup: redaction
     * must never be the reason secret commands run).
     */
    default java.util.List<String> loadedValues() {
        return java.util.List.of();
    }

    /** A source with no secrets (for commands that never need one). */
    static SecretSource empty() {
        return new SecretSource() {
            @Override public Optional<String> find(String key) { return Optional.empty(); }
            @Override public Set<String> keys() { return Set.of(); }
        };
    }
}
