package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path dir;

    Configuration load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/deploy.yml"), yaml);
        return new ConfigLoader(dir, Map.of(), p -> Map.of()).load("config/deploy.yml", Optional.empty());
    }

    @Test
    void minimalConfigGetsKamalDefaults() throws IOException {
        Configuration c = load("""
                service: app
                image: dhh/app
                registry: {username: dhh, password: [KAMAL_REGISTRY_PASSWORD]}
                servers: [1.1.1.1, 1.1.1.2]
                builder: {arch: amd64}
                """);
        assertEquals("app", c.service());
        assertEquals(List.of("web"), c.roleNames());
        assertEquals(Optional.of("1.1.1.1"), c.primaryHost());
        assertEquals("dhh/app:latest", c.latestImage());
        assertEquals("app-web", c.roles().get(0).containerPrefix());
        assertEquals(22, c.ssh().port());
    }
}
