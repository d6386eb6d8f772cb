package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshConnectFailuresTest extends InProcessServerTestBase {
    @Test
    void refusedConnectionIsSaidPlainly() throws Exception {
        int port = freePort();
        SshExecutor ssh = executor(fx.settings(port));
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", Cmd.of("true")));
        assertEquals("host 127.0.0.1: connection refused (port " + port + ")", e.getMessage());
    }

    @Test
    void unknownHostNameIsSaidPlainly() {
        SshExecutor ssh = executor(fx.settings(22));
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("no-such-host.invalid", Cmd.of("true")));
        assertEquals("host no-such-host.invalid: could not resolve host name", e.getMessage());
    }

    @Test
    void silentServerTimesOutAfterTheConnectTimeout() throws Exception {
        // Accepts TCP but never speaks SSH, like a hung host or a firewall that swallows the handshake.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(silent);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) held.add(silent.accept());
            } catch (Exception ignored) {
                // closed by the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        SshExecutor ssh = executor(fx.settings(silent.getLocalPort()).withConnectTimeout(Duration.ofSeconds(1)));
        long t0 = System.nanoTime();
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", Cmd.of("true")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("host 127.0.0.1: timed out after 1s", e.getMessage());
        assertTrue(ms < 4000, "took " + ms + " ms");
    }

    @Test
    void authenticationFailureNamesUserHostAndTheKeysTried() throws Exception {
        server.allowedKeys.clear();
        SshExecutor ssh = executor(fx.settings(server.port()).withUser("deploy"));
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", Cmd.of("true")));
        assertEquals("host 127.0.0.1: authentication failed for deploy@127.0.0.1 (tried: ~/.ssh/id_ecdsa)", e.getMessage());
    }

    @Test
    void authenticationFailureSaysTheAgentIsMissingAndWhichKeyFilesAre() throws Exception {
        server.allowedKeys.clear();
        SshSettings s = fx.settings(server.port()).withKeys(List.of("~/.ssh/deploy_key")).withKeysOnly(true)
                .withAgentSocket(tmp.resolve("no-agent.sock"));
        SshExecutor ssh = executor(s);
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", Cmd.of("true")));
        assertEquals("host 127.0.0.1: authentication failed for root@127.0.0.1: the SSH agent at " + tmp.resolve("no-agent.sock")
                + " (SSH_AUTH_SOCK) is not reachable (no such file or directory); ~/.ssh/deploy_key is missing", e.getMessage());
    }

    @Test
    void anAgentSocketNobodyListensOnIsSaidPlainlyAndTheKeyFilesAreStillTried() throws Exception {
        // What a crashed agent leaves behind: the socket file, and nothing answering on it.
        Path dead = tmp.resolve("dead-agent.sock");
        try (var listener = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            listener.bind(java.net.UnixDomainSocketAddress.of(dead));
        }
        SshExecutor ok = executor(fx.settings(server.port()).withAgentSocket(dead));
        assertEquals("ok\n", ok.run("127.0.0.1", Cmd.of("echo", "ok")).stdout());

        server.allowedKeys.clear();
        SshExecutor refused = executor(fx.settings(server.port()).withAgentSocket(dead));
        DhowException e = assertThrows(DhowException.class, () -> refused.run("127.0.0.1", Cmd.of("true")));
        assertEquals("host 127.0.0.1: authentication failed for root@127.0.0.1: the SSH agent at " + dead
                + " (SSH_AUTH_SOCK) is not reachable (connection refused) (tried: ~/.ssh/id_ecdsa)", e.getMessage());
    }

    @Test
    void keysGivenAsDataAuthenticateWithoutAnyFile() throws Exception {
        var kp = SshFixture.newKey();
        server.allowedKeys.clear();
        server.allow(kp);
        Path pem = tmp.resolve("data_key");
        SshFixture.writePrivateKey(kp, pem);
        SshSettings s = fx.settings(server.port()).withKeysOnly(true)
                .withKeyData(List.of(new dev.dhow.core.Sensitive(java.nio.file.Files.readString(pem))));
        java.nio.file.Files.delete(pem);
        assertEquals("ok\n", executor(s).run("127.0.0.1", Cmd.of("echo", "ok")).stdout());
    }

    @Test
    void keysOnlyDoesNotFallBackToDefaultKeys() throws Exception {
        SshSettings s = fx.settings(server.port()).withKeys(List.of("~/.ssh/other")).withKeysOnly(true);
        SshFixture.writePrivateKey(SshFixture.newKey(), fx.home.resolve(".ssh/other"));
        DhowException e = assertThrows(DhowException.class, () -> executor(s).run("127.0.0.1", Cmd.of("true")));
        assertEquals("host 127.0.0.1: authentication failed for root@127.0.0.1 (tried: ~/.ssh/other)", e.getMessage());
    }

    @Test
    void anUnreachableHostFailsFastWithoutHoldingUpTheOthers() throws Exception {
        int dead = freePort();
        fx.writeSshConfig("Host good1 good2\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\nHost dead\n  HostName 127.0.0.1\n  Port " + dead + "\n");
        SshExecutor ssh2 = executor(fx.settings(server.port()).withPort(null));
        Fleet.Results<Result> r = new Fleet(10).run(List.of("good1", "dead", "good2"), h -> ssh2.run(h, Cmd.of("echo", h)).check());
        assertEquals(List.of("good1\n", "good2\n"), r.values().stream().map(Result::stdout).toList());
        assertEquals(1, r.failures().size());
        assertEquals("host dead: connection refused (port " + dead + ")", r.failures().get(0).message());
        DhowException e = assertThrows(DhowException.class, r::check);
        assertEquals("host dead: connection refused (port " + dead + ")", e.getMessage());
    }
}
