package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.SshSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshSettingsMapperTest {
    @TempDir Path dir;
    final StringWriter err = new StringWriter();
    final Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Verbosity.NORMAL, false);

    private Configuration load(String scenario) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("src/test/resources/ssh/" + scenario + "/deploy.yml"), dir.resolve("config/deploy.yml"));
        return new ConfigLoader(dir, Map.of(), p -> Map.of()).load("config/deploy.yml", Optional.empty());
    }

    @Test
    void keepAliveIntervalAndCountComeFromXDhow() throws Exception {
        SshSettings s = SshSettingsMapper.map(load("deploy_keepalive"), Map.of("HOME", "/home/me"), n -> Optional.empty(), console);
        assertEquals(new SshSettings.KeepAlive(Duration.ofSeconds(2), 5), s.keepAlive());
    }

    @Test
    void defaultsAreKamals() throws Exception {
        SshSettings s = SshSettingsMapper.map(load("deploy_minimal"), Map.of("HOME", "/home/me", "SSH_AUTH_SOCK", "/tmp/agent.sock"), n -> Optional.empty(), console);
        assertEquals("root", s.user());
        assertEquals(22, s.port());
        assertEquals(List.of(Path.of("/home/me/.ssh/config"), Path.of("/etc/ssh/ssh_config")), s.configFiles());
        assertEquals(Path.of("/home/me/.ssh/known_hosts"), s.knownHosts());
        assertEquals(Path.of("/tmp/agent.sock"), s.agentSocket());
        assertEquals(30, s.maxConcurrentStarts());
        assertEquals(Duration.ofSeconds(900), s.poolIdleTimeout());
        // dhow's own default (x-dhow: keepalive): a frozen host is noticed within 20 s, not Kamal's minutes.
        assertEquals(new SshSettings.KeepAlive(Duration.ofSeconds(4), 3), s.keepAlive());
        assertEquals(SshSettings.VerifyHostKey.ACCEPT_NEW, s.verifyHostKey());
    }

    @Test
    void everySshAndSshkitKeyIsCarriedOver() throws Exception {
        SshSettings s = SshSettingsMapper.map(load("deploy_full_ssh"), Map.of("HOME", "/home/me"),
                n -> n.equals("DEPLOY_KEY") ? Optional.of("-----PEM-----") : Optional.empty(), console);
        assertEquals("app", s.user());
        assertEquals(2222, s.port());
        assertEquals("root@bastion.example.com", s.proxy());
        assertEquals(List.of("~/.ssh/deploy_ed25519"), s.keys());
        assertEquals(true, s.keysOnly());
        assertEquals("-----PEM-----", s.keyData().get(0).value());
        assertEquals(List.of(Path.of("/home/me/.ssh/deploy_config")), s.configFiles());
        assertEquals("debug", s.logLevel());
        assertEquals(SshSettings.VerifyHostKey.ALWAYS, s.verifyHostKey());
        assertEquals(5, s.maxConcurrentStarts());
        assertEquals(Duration.ofSeconds(60), s.poolIdleTimeout());
        assertEquals(1, s.dnsRetries());
        assertEquals(null, s.agentSocket());
    }

    @Test
    void aMissingKeyDataSecretIsNamed() throws Exception {
        Configuration c = load("deploy_full_ssh");
        DhowException e = assertThrows(DhowException.class, () -> SshSettingsMapper.map(c, Map.of(), n -> Optional.empty(), console));
        assertEquals("ssh/key_data: secret DEPLOY_KEY not found (add it to .kamal/secrets)", e.getMessage());
    }

    @Test
    void configFalseReadsNoSshConfig() throws Exception {
        SshSettings s = SshSettingsMapper.map(load("deploy_no_ssh_config"), Map.of("HOME", "/h"), n -> Optional.empty(), console);
        assertEquals(List.of(), s.configFiles());
        assertTrue(err.toString().isEmpty());
    }
}
