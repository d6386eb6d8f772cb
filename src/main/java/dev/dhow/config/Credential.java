package dev.dhow.config;

import java.util.Optional;

/**
 * A registry username or password: either written inline ({@code username: dhh}) or a secret
 * reference ({@code password: [KAMAL_REGISTRY_PASSWORD]}), in which case {@code value} is the secret key.
 */
public record Credential(String value, boolean secret) {
    /** The actual value: the inline text, or the secret looked up in {@code secrets}. */
    public Optional<String> resolve(SecretSource secrets) {
        return secret ? secrets.find(value) : Optional.of(value);
    }
}
