package dev.dhow.deploy;

import dev.dhow.config.Registry;
import dev.dhow.config.SecretSource;
import java.util.Optional;

/** Tells whether a registry holds an image tag, without pulling it; {@code dhow plan} asks it about the version to deploy. */
public interface RegistryProbe {
    /** What the registry said: present, absent, or (empty) that it could not be asked, and why. */
    record Answer(Optional<Boolean> present, String detail) {}

    /**
     * Whether {@code registry} holds {@code image:tag}; never throws.
     *
     * @param image the image name without the registry server (as in deploy.yml)
     */
    Answer exists(Registry registry, String image, String tag, SecretSource secrets);
}
