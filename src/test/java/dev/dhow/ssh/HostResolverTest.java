package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResolverTest {
    @TempDir Path tmp;

    private HostResolver resolver(SshSettings s) {
        return new HostResolver(s);
    }

    private SshSettings withConfig(String scenario) {
        Path cfg = Path.of("src/test/resources/ssh/" + scenario + "/ssh_config");
        return new SshSettings(null, null, null, null, null, false, null, List.of(cfg), null, null, null, 0, null,
                null, null, null, tmp, 0, 0, false);
    }

    @Test
    void sshConfigSuppliesHostNameUserPortIdentityFileAndProxyJump() {
        HostConfigEntry e = resolver(withConfig("config_aliases")).resolve("web1");
        assertEquals("10.0.0.11", e.getHostName());
        assertEquals("deploy", e.getUsername());
        assertEquals(2222, e.getPort());
        assertEquals("bastion", e.getProxyJump());
        assertEquals(1, e.getIdentities().size());
        assertEquals(true, e.getIdentities().iterator().next().endsWith("web_key"));
    }

    @Test
    void deployYmlUserAndPortWinOverTheSshConfig() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withUser("app").withPort(22)).resolve("web1");
        assertEquals("app", e.getUsername());
        assertEquals(22, e.getPort());
    }

    @Test
    void kamalDefaultsApplyWhenNothingIsConfigured() {
        HostConfigEntry e = resolver(withConfig("config_aliases")).resolve("1.2.3.4");
        assertEquals("1.2.3.4", e.getHostName());
        assertEquals("root", e.getUsername());
        assertEquals(22, e.getPort());
        assertNull(e.getProxyJump());
    }

    @Test
    void proxySettingReplacesTheConfigsJumpAndDefaultsToRoot() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withProxy("gateway.example.com")).resolve("web1");
        assertEquals("root@gateway.example.com", e.getProxyJump());
        assertEquals("app@gw:2200", HostResolver.jumpSpec("app@gw:2200"));
    }

    @Test
    void proxyCommandSettingIsCarriedWhenNoJumpIsSet() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withProxyCommand("nc %h %p")).resolve("web1");
        assertNull(e.getProxyJump());
        assertEquals("nc %h %p", e.getProperty("ProxyCommand"));
    }

    @Test
    void missingConfigFilesAreIgnored() throws Exception {
        SshSettings s = withConfig("config_aliases").withConfigFiles(List.of(tmp.resolve("nope")));
        assertEquals("web1", resolver(s).resolve("web1").getHostName());
        Files.writeString(tmp.resolve("cfg"), "Host *\n  User ubuntu\n");
        assertEquals("ubuntu", resolver(s.withConfigFiles(List.of(tmp.resolve("cfg")))).resolve("x").getUsername());
    }
}
