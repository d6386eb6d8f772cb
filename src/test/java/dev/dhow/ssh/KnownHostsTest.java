package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
    @TempDir Path tmp;
    SshFixture fx;
    TestSshServer server;
    Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        fx = new SshFixture(tmp.resolve("home"));
        server = new TestSshServer(tmp.resolve("hostkey"), fx.clientKey.getPublic());
        knownHosts = fx.home.resolve(".ssh/known_hosts");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Result run(SshSettings s) {
        try (SshExecutor ssh = new SshExecutor(s, fx.console())) {
            return ssh.run("127.0.0.1", Cmd.of("echo", "hi"));
        }
    }

    private String name() {
        return "[127.0.0.1]:" + server.port();
    }

    private String serverKeyLine() throws Exception {
        KeyPair kp = server.server.getKeyPairProvider().loadKeys(null).iterator().next();
        StringBuilder sb = new StringBuilder();
        PublicKeyEntry.appendPublicKeyEntry(sb, kp.getPublic());
        return sb.toString();
    }

    @Test
    void unknownHostIsAcceptedAndRecordedOnFirstContact() throws Exception {
        assertFalse(Files.exists(knownHosts));
        assertEquals("hi\n", run(fx.settings(server.port())).stdout());
        assertEquals(name() + " " + serverKeyLine() + "\n", Files.readString(knownHosts));
        assertEquals("hi\n", run(fx.settings(server.port())).stdout());
        assertEquals(1, Files.readAllLines(knownHosts).size(), "a known host is not recorded twice");
    }

    @Test
    void changedHostKeyIsRefusedNamingHostAndFingerprints() throws Exception {
        KeyPair other = sameTypeAsServer();
        StringBuilder line = new StringBuilder(name()).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, other.getPublic());
        Files.writeString(knownHosts, "# comment\n" + line + "\n");
        SshSettings s = fx.settings(server.port());
        DhowException e = assertThrows(DhowException.class, () -> run(s));
        String offered = KeyUtils.getFingerPrint(server.server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: HOST KEY CHANGED. known_hosts (" + knownHosts + ") has "
                + KeyUtils.getFingerPrint(other.getPublic()) + " but the server offered "), e.getMessage());
        assertTrue(e.getMessage().contains(offered), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -R '" + name() + "'"), e.getMessage());
        assertEquals(2, Files.readAllLines(knownHosts).size(), "a refused key is not recorded");
    }

    private KeyPair sameTypeAsServer() throws Exception {
        KeyPair server = this.server.server.getKeyPairProvider().loadKeys(null).iterator().next();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(server.getPublic().getAlgorithm());
        if (server.getPublic() instanceof java.security.interfaces.ECPublicKey ec) g.initialize(ec.getParams());
        return g.generateKeyPair();
    }

    @Test
    void aServerThatStopsOfferingTheKnownKeyTypeIsRefused() throws Exception {
        KeyPair ed = org.apache.sshd.common.util.security.SecurityUtils.getKeyPairGenerator("EdDSA").generateKeyPair();
        StringBuilder line = new StringBuilder(name()).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, ed.getPublic());
        Files.writeString(knownHosts, line + "\n");
        DhowException e = assertThrows(DhowException.class, () -> run(fx.settings(server.port())));
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: HOST KEY CHANGED. known_hosts (" + knownHosts + ") has no "), e.getMessage());
    }

    @Test
    void alwaysRefusesHostsMissingFromKnownHosts() {
        SshSettings s = fx.settings(server.port()).withVerifyHostKey(SshSettings.VerifyHostKey.ALWAYS);
        DhowException e = assertThrows(DhowException.class, () -> run(s));
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: not in known_hosts (" + knownHosts + ")"), e.getMessage());
        assertFalse(Files.exists(knownHosts));
    }

    @Test
    void alwaysAcceptsAHostWhoseKeyIsKnown() throws Exception {
        Files.writeString(knownHosts, name() + " " + serverKeyLine() + "\n");
        assertEquals("hi\n", run(fx.settings(server.port()).withVerifyHostKey(SshSettings.VerifyHostKey.ALWAYS)).stdout());
    }

    @Test
    void neverChecksNothingAndRecordsNothing() throws Exception {
        KeyPair other = SshFixture.newKey();
        StringBuilder line = new StringBuilder(name()).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, other.getPublic());
        Files.writeString(knownHosts, line + "\n");
        assertEquals("hi\n", run(fx.settings(server.port()).withVerifyHostKey(SshSettings.VerifyHostKey.NEVER)).stdout());
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void aHashedEntryAsOpenSshWritesWithHashKnownHostsIsRecognised() throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        Files.writeString(knownHosts, "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " " + serverKeyLine() + "\n");
        assertEquals("hi\n", run(fx.settings(server.port()).withVerifyHostKey(SshSettings.VerifyHostKey.ALWAYS)).stdout());
        assertEquals(1, Files.readAllLines(knownHosts).size(), "a hashed match is not recorded again in clear");
    }

    @Test
    void aRevokedHostKeyIsRefusedEvenWhenAlsoListedAsKnown() throws Exception {
        // OpenSSH honours @revoked wherever the line is, so it comes after the entry that would accept the key.
        Files.writeString(knownHosts, name() + " " + serverKeyLine() + "\n@revoked " + name() + " " + serverKeyLine() + "\n");
        DhowException e = assertThrows(DhowException.class, () -> run(fx.settings(server.port())));
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: its host key SHA256:"), e.getMessage());
        assertTrue(e.getMessage().contains("marked @revoked"), e.getMessage());
    }

    @Test
    void manyNewHostsAreEachRecordedOnceWhenContactedTogether() throws Exception {
        // Eight addresses of one server (one host key), first contact with all of them at once.
        java.util.List<String> hosts = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "127.0.0." + i).toList();
        server.close();
        server = new TestSshServer(String.join(",", hosts), tmp.resolve("hostkey"), fx.clientKey.getPublic());
        try (SshExecutor ssh = new SshExecutor(fx.settings(server.port()), fx.console())) {
            Fleet.Results<Result> results = new Fleet(8).run(hosts, h -> ssh.run(h, Cmd.of("echo", "hi")).check());
            assertTrue(results.ok(), () -> results.failures().toString());
        }
        java.util.List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(8, lines.size(), lines::toString);
        for (String h : hosts) assertTrue(lines.contains("[" + h + "]:" + server.port() + " " + serverKeyLine()), h);
        try (SshExecutor ssh = new SshExecutor(fx.settings(server.port()).withVerifyHostKey(SshSettings.VerifyHostKey.ALWAYS), fx.console())) {
            assertTrue(new Fleet(8).run(hosts, h -> ssh.run(h, Cmd.of("true")).check()).ok());
        }
    }
}
