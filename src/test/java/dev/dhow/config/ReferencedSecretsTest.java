package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencedSecretsTest {
    @TempDir Path dir;

    Configuration load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/deploy.yml"), yaml);
        return new ConfigLoader(dir, Map.of(), p -> Map.of()).load("config/deploy.yml", Optional.empty());
    }

    ReferencedSecrets secrets(Configuration config) {
        DotenvParser parser = new DotenvParser(Map.of("PATH", System.getenv("PATH")), InProcessCommands.none(), dir);
        return new ReferencedSecrets(config, new SecretsFiles(".kamal/secrets", null, dir, parser));
    }

    @Test
    void everyPlaceThatNamesASecretIsFoundWithItsKeyPath() {
        Map<String, Object> raw = YamlReader.readMapping("t", """
                env: {secret: [A, 'B:B_KEY'], tags: {eu: {secret: [T]}}}
                servers: {web: {hosts: [h], env: {secret: [R]}, proxy: {ssl: {certificate_pem: C, private_key_pem: K}}}}
                registry: {username: [RU], password: [RP]}
                proxy: {ssl: {certificate_pem: C2, private_key_pem: K2}}
                accessories: {db: {env: {secret: [DB]}, registry: {username: u, password: [AP]}}}
                builder: {secrets: [BUILD]}
                ssh: {key_data: [SSH_KEY, "-----BEGIN OPENSSH PRIVATE KEY-----"]}
                """);
        assertEquals(List.of("env/secret/0=A", "env/secret/1=B_KEY", "env/tags/eu/secret/0=T", "servers/web/env/secret/0=R",
                        "servers/web/proxy/ssl/certificate_pem=C", "servers/web/proxy/ssl/private_key_pem=K", "registry/username=RU",
                        "registry/password=RP", "proxy/ssl/certificate_pem=C2", "proxy/ssl/private_key_pem=K2",
                        "accessories/db/env/secret/0=DB", "accessories/db/registry/password=AP", "builder/secrets/0=BUILD",
                        "ssh/key_data/0=SSH_KEY"),
                ReferencedSecrets.references(raw).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().key()).toList());
    }

    @Test
    void nothingIsReadUntilASecretIsNeeded() throws IOException {
        ReferencedSecrets secrets = secrets(load("""
                service: app
                image: app
                registry: {username: u, password: [PASSWORD]}
                builder: {arch: amd64}
                servers: [h]
                """));
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "PASSWORD=$(echo read >> reads.log; echo pw)\n");
        assertTrue(Files.notExists(dir.resolve("reads.log")));
        assertEquals(Optional.of("pw"), secrets.find("PASSWORD"));
        assertEquals(Optional.of("pw"), secrets.find("PASSWORD"));
        assertEquals("read\n", Files.readString(dir.resolve("reads.log")));
    }

    @Test
    void everyMissingSecretIsReportedAtTheFirstLookupOfAnyOne() throws IOException {
        ReferencedSecrets secrets = secrets(load("""
                service: app
                image: app
                registry: {username: u, password: [PASSWORD]}
                builder: {arch: amd64, secrets: [NPM_TOKEN]}
                env: {secret: [DEFINED, MISSING]}
                servers: [h]
                """));
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "DEFINED=1\nPASSWORD=pw\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> secrets.find("DEFINED"));
        assertEquals(List.of("env/secret/1: Secret 'MISSING' not found in .kamal/secrets",
                "builder/secrets/0: Secret 'NPM_TOKEN' not found in .kamal/secrets"), e.problems());
    }

    @Test
    void anEmptyEnvSecretIsAllowedButAnEmptyLoginIsNot() throws IOException {
        String yaml = """
                service: app
                image: app
                registry: {username: [USER], password: [PASSWORD]}
                builder: {arch: amd64}
                env: {secret: [EMPTY_IS_FINE]}
                servers: [h]
                """;
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "EMPTY_IS_FINE=\nUSER=u\nPASSWORD=pw\n");
        assertEquals(Optional.of(""), secrets(load(yaml)).find("EMPTY_IS_FINE"));
        Files.writeString(dir.resolve(".kamal/secrets"), "EMPTY_IS_FINE=\nUSER=\nPASSWORD=pw\n");
        assertEquals(List.of("registry/username: Secret 'USER' is empty in .kamal/secrets"),
                assertThrows(ConfigurationException.class, () -> secrets(load(yaml)).keys()).problems());
    }

    @Test
    void anEmptyLoginFromAnUnsetVariableNamesTheVariableAndLineBeforeAnyLogin() throws IOException {
        String yaml = """
                service: app
                image: app
                registry: {username: u, password: [KAMAL_REGISTRY_PASSWORD]}
                builder: {arch: amd64}
                env: {secret: [TOKEN]}
                servers: [h]
                """;
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=$KAMAL_REGISTRY_PASSWORD\nTOKEN=x\n");
        assertEquals(List.of("registry/password: Secret 'KAMAL_REGISTRY_PASSWORD' is empty in .kamal/secrets"
                        + " (.kamal/secrets line 1: $KAMAL_REGISTRY_PASSWORD is not set in dhow's environment)"),
                assertThrows(ConfigurationException.class, () -> secrets(load(yaml)).check()).problems());
    }

    @Test
    void anEnvSecretLeftEmptyByAnUnsetVariableIsAWarning() throws IOException {
        String yaml = """
                service: app
                image: app
                registry: {username: u, password: [PASSWORD]}
                builder: {arch: amd64}
                env: {secret: [TOKEN, MEANT_EMPTY]}
                servers: [h]
                """;
        Files.createDirectories(dir.resolve(".kamal"));
        Files.writeString(dir.resolve(".kamal/secrets"), "PASSWORD=pw\nMEANT_EMPTY=\nTOKEN=${CI_TOKEN}\n");
        ReferencedSecrets secrets = secrets(load(yaml));
        secrets.check();
        assertEquals(List.of("env/secret/0: Secret 'TOKEN' is empty (.kamal/secrets line 3: $CI_TOKEN is not set in dhow's environment)"),
                secrets.warnings());
    }

    @Test
    void aLocalRegistryNeedsNoLoginSecrets() throws IOException {
        ReferencedSecrets secrets = secrets(load("""
                service: app
                registry: {server: 'localhost:5555', username: [USER], password: [PASSWORD]}
                builder: {arch: amd64}
                servers: [h]
                """));
        assertEquals(Optional.empty(), secrets.find("USER"));
    }
}
