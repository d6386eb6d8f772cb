package dev.dhow.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a configuration the way the loader does but without its validation, so tests can prove that the
 * command builders quote values the validator would refuse: a second line of defence, not the first.
 */
public final class Unvalidated {
    private Unvalidated() {}

    public static Configuration load(Path dir, Optional<String> destination) {
        Map<String, Object> raw = new ConfigLoader(dir, Map.of(), p -> Map.of()).loadRaw("deploy.yml", destination);
        return new ConfigFactory(raw, destination).build();
    }
}
