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

    /** A source with no secrets (for commands that never need one). */
    static SecretSource empty() {
        return new SecretSource() {
            @Override public Optional<String> find(String key) { return Optional.empty(); }
            @Override public Set<String> keys() { return Set.of(); }
        };
    }
}
