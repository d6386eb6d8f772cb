package dev.dhow.deploy;

import java.util.Objects;

/**
 * The app version a flow deploys, boots or rolls back to: resolved once (by the CLI from {@code --version},
 * {@code $VERSION} or git, or by {@code rollback} from what the hosts hold) and passed down; nothing replaces it.
 */
public record Release(String version) {
    public Release {
        Objects.requireNonNull(version, "version");
    }
}
