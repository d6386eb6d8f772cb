package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DocsCommandTest {
    static final String BASE = """
            service: app
            image: dhh/app
            registry: {username: dhh, password: [KAMAL_REGISTRY_PASSWORD]}
            builder: {arch: amd64}
            servers: [1.1.1.1]
            """;

    static Iterable<String> sections() {
        return DocsCommand.SECTIONS;
    }

    /** Each sample is loaded as a destination overlay on a minimal config, so it must parse and validate. */
    @ParameterizedTest
    @MethodSource("sections")
    void everySampleParsesAndValidates(String section, @TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/deploy.yml"), BASE);
        Files.writeString(dir.resolve("config/deploy.sample.yml"), DocsCommand.text(section));
        Configuration config = new ConfigLoader(dir, Map.of(), p -> Map.of()).load("config/deploy.yml", Optional.of("sample"));
        assertTrue(config.primaryHost().isPresent(), section);
    }

    @Test
    void configurationSampleSetsEveryRootKey() throws IOException {
        String text = DocsCommand.text("configuration");
        for (String key : new String[] {"service", "image", "labels", "volumes", "registry", "servers", "env", "asset_path",
                "hooks_path", "hooks_output", "secrets_path", "error_pages_path", "require_destination", "primary_role",
                "allow_empty_roles", "retain_containers", "minimum_version", "readiness_delay", "deploy_timeout",
                "drain_timeout", "stop_timeout", "run_directory", "ssh", "builder", "accessories", "proxy", "sshkit",
                "boot", "logging", "output", "aliases"}) {
            assertTrue(text.contains("\n" + key + ":"), key);
        }
    }

    @Test
    void withoutASectionPrintsTheTopLevelDocs() {
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), Path.of("."), "docs");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(DocsCommand.text("configuration"), r.out());
    }

    @Test
    void printsOneSection() {
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), Path.of("."), "docs", "ssh");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("# ssh: how dhow connects to the hosts\n"), r.out());
        assertTrue(r.out().contains("verify_host_key: accept_new"), r.out());
    }

    @Test
    void unknownSectionIsAnError() {
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), Path.of("."), "docs", "../pom");
        assertEquals(1, r.exitCode());
        assertEquals("ERROR No documentation found for ../pom\n", r.err());
    }
}
