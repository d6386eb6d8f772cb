package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.config.Targets;
import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigContextTest {
    static ConfigContext context(GlobalOptions options) {
        return new ConfigContext(options, Map.of(), ConfigCommandTest.fixture("jobs_and_accessory"), p -> Map.of());
    }

    @Test
    void loadsOnceFromTheConfigFileOption() {
        ConfigContext c = context(new GlobalOptions());
        assertSame(c.load(), c.load());
        assertEquals("ledger", c.load().service());
        assertEquals(Optional.empty(), c.destination());
    }

    @Test
    void targetsFollowHostsRolesAndPrimaryOptions() {
        GlobalOptions roles = new GlobalOptions();
        roles.roles = "jobs";
        Targets t = context(roles).targets();
        assertEquals(List.of("10.1.0.3"), t.hosts());

        GlobalOptions hosts = new GlobalOptions();
        hosts.hosts = "10.1.0.2,10.1.0.4";
        assertEquals(List.of("10.1.0.2", "10.1.0.4"), context(hosts).targets().hosts());

        GlobalOptions primary = new GlobalOptions();
        primary.primary = true;
        assertEquals(List.of("10.1.0.1"), context(primary).targets().hosts());

        GlobalOptions none = new GlobalOptions();
        none.hosts = "9.9.9.9";
        assertEquals("No --hosts match for 9.9.9.9", assertThrows(DhowException.class, () -> context(none).targets()).getMessage());
    }

    @Test
    void versionOptionWinsOverTheEnvironment() {
        GlobalOptions options = new GlobalOptions();
        options.version = "42";
        ConfigContext c = new ConfigContext(options, Map.of("VERSION", "env"), Path.of("."), p -> Map.of());
        assertEquals("42", c.version());
    }
}
