package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir Path dir;

    @Test
    void createsConfigSecretsAndSampleHooks() throws IOException {
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), dir, "init");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                Created configuration file in config/deploy.yml
                Created .kamal/secrets file
                Created sample hooks in .kamal/hooks
                """, r.out());
        assertEquals(InitCommand.template("deploy.yml"), Files.readString(dir.resolve("config/deploy.yml")));
        assertEquals(InitCommand.template("secrets"), Files.readString(dir.resolve(".kamal/secrets")));
        for (String hook : InitCommand.HOOKS) {
            Path sample = dir.resolve(".kamal/hooks/" + hook + ".sample");
            assertTrue(Files.readString(sample).startsWith("#!/usr/bin/env sh\n"), hook);
            assertTrue(Files.getPosixFilePermissions(sample).contains(PosixFilePermission.OWNER_EXECUTE), hook);
        }
        assertEquals(9, InitCommand.HOOKS.size());
    }

    @Test
    void theStarterConfigIsValid() throws IOException {
        ConfigCommandTest.run(Map.of(), dir, "init");
        Configuration c = new ConfigLoader(dir, Map.of(), p -> Map.of()).load("config/deploy.yml", Optional.empty());
        assertEquals("my-app", c.service());
        assertEquals(Optional.of("192.168.0.1"), c.primaryHost());
    }

    @Test
    void refusesToOverwriteAnExistingConfig() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/deploy.yml"), "service: mine\n");
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), dir, "init");
        assertEquals(1, r.exitCode());
        assertEquals("ERROR Config file already exists in config/deploy.yml (remove first to create a new one)\n", r.err());
        assertEquals("service: mine\n", Files.readString(dir.resolve("config/deploy.yml")));
        assertTrue(Files.notExists(dir.resolve(".kamal")));
    }

    @Test
    void leavesExistingSecretsAndHooksAlone() throws IOException {
        Files.createDirectories(dir.resolve(".kamal/hooks"));
        Files.writeString(dir.resolve(".kamal/secrets"), "A=1\n");
        ConfigCommandTest.Run r = ConfigCommandTest.run(Map.of(), dir, "init");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("A=1\n", Files.readString(dir.resolve(".kamal/secrets")));
        try (var files = Files.list(dir.resolve(".kamal/hooks"))) {
            assertEquals(0, files.count());
        }
        assertTrue(r.out().contains("Secrets file already exists in .kamal/secrets, left unchanged"), r.out());
        assertTrue(r.out().contains("Hooks directory already exists in .kamal/hooks, left unchanged"), r.out());
    }
}
