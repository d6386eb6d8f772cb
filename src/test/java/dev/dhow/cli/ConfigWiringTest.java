package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.cli.ConfigCommandTest.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cli hands the config and secrets layers the real dotenv parser, environment and secrets_path. */
class ConfigWiringTest {
    @Test
    void erbDotenvLoadReadsTheFileWithTheRealDotenvParser() {
        Run r = ConfigCommandTest.run(Map.of(), ConfigCommandTest.fixture("dotenv_erb"), "config", "--version", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("- 192.0.2.44"), r.out());
        assertTrue(r.out().contains(":repository: acme/shop"), r.out());
    }

    @Test
    void secretsPrintFollowsSecretsPathAndDestinationFromDeployYml() {
        Run r = ConfigCommandTest.run(Map.of(), ConfigCommandTest.fixture("custom_secrets_path"), "secrets", "print", "-d", "staging");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("KAMAL_REGISTRY_PASSWORD=from-staging\nSHARED=common\n", r.out());
    }
}
