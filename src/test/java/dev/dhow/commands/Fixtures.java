package dev.dhow.commands;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import dev.dhow.config.Role;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Loads {@code src/test/resources/commands/<scenario>/deploy.yml} through the real config loader. */
final class Fixtures {
    private Fixtures() {}

    static Configuration load(String scenario) {
        return load(scenario, null);
    }

    static Configuration load(String scenario, String destination) {
        Path dir = Path.of("src/test/resources/commands", scenario);
        return new ConfigLoader(dir, Map.of(), p -> Map.of()).load("deploy.yml", Optional.ofNullable(destination));
    }

    static Role role(Configuration config, String name) {
        return config.role(name).orElseThrow();
    }

    static AppCommands app(Configuration config, String role, String host) {
        return new AppCommands(config, role(config, role), host);
    }
}
