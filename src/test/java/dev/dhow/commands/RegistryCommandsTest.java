package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryCommandsTest {
    static SecretSource secrets(Map<String, String> values) {
        return new SecretSource() {
            @Override public Optional<String> find(String key) { return Optional.ofNullable(values.get(key)); }
            @Override public Set<String> keys() { return values.keySet(); }
        };
    }

    @Test
    void loginPassesThePasswordOnStdinNotInArgv() {
        Cmd login = new RegistryCommands(Fixtures.load("registry_hub")).login(SecretSource.empty()).orElseThrow();
        assertEquals("docker login hub.docker.com -u [REDACTED] --password-stdin", login.toString());
        assertEquals("docker login hub.docker.com -u \"dhh\" --password-stdin", login.shellLine());
        assertEquals(Optional.of(new Sensitive("secret")), login.stdin());
    }

    @Test
    void neitherRenderingOfTheLoginContainsThePassword() {
        String password = "more-secret'\"";
        Cmd login = new RegistryCommands(Fixtures.load("registry_secret_password"))
                .login(secrets(Map.of("KAMAL_REGISTRY_PASSWORD", password))).orElseThrow();
        assertFalse(login.toString().contains("more-secret"));
        assertFalse(login.shellLine().contains("more-secret"));
        assertEquals("docker login -u \"dhh\" --password-stdin", login.shellLine());
        assertEquals(password, login.stdin().orElseThrow().value());
        assertTrue(login.hasSecrets());
    }

    @Test
    void loginWithAMissingSecretNamesIt() {
        DhowException e = assertThrows(DhowException.class,
                () -> new RegistryCommands(Fixtures.load("registry_secret_password")).login(SecretSource.empty()));
        assertEquals("Secret 'KAMAL_REGISTRY_PASSWORD' not found", e.getMessage());
    }

    @Test
    void logoutNamesTheServer() {
        assertEquals("docker logout hub.docker.com", new RegistryCommands(Fixtures.load("registry_hub")).logout().toString());
        assertEquals("docker logout", new RegistryCommands(Fixtures.load("registry_secret_password")).logout().toString());
    }

    @Test
    void localRegistryNeedsNoLoginAndRunsRegistry3() {
        Configuration config = Fixtures.load("registry_local");
        RegistryCommands registry = new RegistryCommands(config);
        assertEquals(Optional.empty(), registry.login(SecretSource.empty()));
        assertEquals("docker start kamal-docker-registry || docker run --detach -p 127.0.0.1:5000:5000 --name kamal-docker-registry registry:3",
                registry.setupLocal().toString());
        assertEquals("docker stop kamal-docker-registry && docker rm kamal-docker-registry", registry.removeLocal().toString());
        assertEquals("docker stop kamal-docker-registry", registry.stopLocal().toString());
        assertEquals("localhost:5000/app:999", config.absoluteImage("999"));
    }
}
