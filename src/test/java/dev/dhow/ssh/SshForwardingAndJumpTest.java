package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshForwardingAndJumpTest extends InProcessServerTestBase {
    /** A line server answering "echo:<line>", standing in for a registry or database port. */
    private int echoServer() throws Exception {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter w = new PrintWriter(s.getOutputStream(), true);
                    w.println("echo:" + r.readLine());
                    s.close();
                } catch (Exception ignored) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    private static String ask(int port, String line) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            new PrintWriter(s.getOutputStream(), true).println(line);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void localForwardCarriesConnectionsToAPortSeenFromTheHost() throws Exception {
        int echo = echoServer();
        SshExecutor ssh = executor(fx.settings(server.port()));
        try (Tunnel t = ssh.forwardLocal("127.0.0.1", 0, "127.0.0.1", echo)) {
            assertTrue(t.port() > 0);
            assertEquals("echo:hello", ask(t.port(), "hello"));
        }
        assertEquals(List.of("127.0.0.1:" + echo), server.directTcpipTargets);
    }

    @Test
    void remoteForwardCarriesTheHostsLoopbackPortBackToThisMachine() throws Exception {
        int registry = echoServer();
        int remotePort = freePort();
        SshExecutor ssh = executor(fx.settings(server.port()));
        try (Tunnel t = ssh.forwardRemote("127.0.0.1", remotePort, "localhost", registry)) {
            assertEquals(remotePort, t.port());
            // The "host" is this machine, so its loopback port is reachable here; the bytes went through SSH.
            assertEquals("echo:pull", ask(remotePort, "pull"));
            assertEquals("echo:from-remote-shell\n",
                    ssh.run("127.0.0.1", Cmd.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + remotePort
                            + "; echo from-remote-shell >&3; cat <&3")).stdout());
        }
        assertEquals(1, server.sessionsCreated.get(), "the tunnel rides the pooled connection");
    }

    @Test
    void remoteForwardOnABusyPortFailsNamingTheHost() throws Exception {
        ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cleanup.add(busy);
        SshExecutor ssh = executor(fx.settings(server.port()));
        DhowException e = assertThrows(DhowException.class, () -> ssh.forwardRemote("127.0.0.1", busy.getLocalPort(), "localhost", 1));
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: failed to establish port forward"), e.getMessage());
    }

    @Test
    void proxyJumpHostCarriesTheConnectionToTheTarget() throws Exception {
        TestSshServer jump = new TestSshServer(tmp.resolve("jumpkey"), fx.clientKey.getPublic());
        cleanup.add(jump);
        // The target is known by an alias only the ssh config resolves; it must be reached through the jump.
        fx.writeSshConfig("Host target\n  HostName 127.0.0.1\n  Port " + server.port() + "\n");
        SshExecutor ssh = executor(fx.settings(server.port()).withPort(null).withProxy("127.0.0.1:" + jump.port()));
        assertEquals("via-jump\n", ssh.run("target", Cmd.of("echo", "via-jump")).stdout());
        assertEquals("again\n", ssh.run("target", Cmd.of("echo", "again")).stdout());
        assertEquals(List.of("127.0.0.1:" + server.port()), jump.directTcpipTargets);
        assertEquals(1, jump.sessionsCreated.get());
        assertEquals(1, server.sessionsCreated.get());
        assertTrue(java.nio.file.Files.readString(fx.home.resolve(".ssh/known_hosts")).contains("[127.0.0.1]:" + server.port() + " "),
                "the target is recorded under its own name and port");
    }

    @Test
    void proxyJumpFromTheSshConfigIsHonoured() throws Exception {
        TestSshServer jump = new TestSshServer(tmp.resolve("jumpkey"), fx.clientKey.getPublic());
        cleanup.add(jump);
        fx.writeSshConfig("Host bastion\n  HostName 127.0.0.1\n  Port " + jump.port() + "\n"
                + "Host app1\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  ProxyJump bastion\n");
        SshExecutor ssh = executor(fx.settings(server.port()).withPort(null));
        assertEquals("ok\n", ssh.run("app1", Cmd.of("echo", "ok")).stdout());
        assertEquals(List.of("127.0.0.1:" + server.port()), jump.directTcpipTargets);
    }

    @Test
    void aJumpHostThatRefusesTheConnectionIsNamedInTheError() throws Exception {
        int closed = freePort();
        fx.writeSshConfig("Host bastion\n  HostName 127.0.0.1\n  Port " + closed + "\n"
                + "Host app1\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  ProxyJump bastion\n");
        SshExecutor ssh = executor(fx.settings(server.port()).withPort(null));
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("app1", Cmd.of("true")));
        assertEquals("host app1: jump host bastion: connection refused (port " + closed + ")", e.getMessage());
        assertEquals(0, server.sessionsCreated.get(), "the target was never reached");
    }

    @Test
    void aJumpHostThatRejectsTheLoginIsNamedInTheError() throws Exception {
        TestSshServer jump = new TestSshServer(tmp.resolve("jumpkey"));
        cleanup.add(jump);
        fx.writeSshConfig("Host app1\n  HostName 127.0.0.1\n  Port " + server.port() + "\n");
        SshExecutor ssh = executor(fx.settings(server.port()).withPort(null).withProxy("deploy@127.0.0.1:" + jump.port()));
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("app1", Cmd.of("true")));
        assertEquals("host app1: jump host 127.0.0.1: authentication failed for deploy@127.0.0.1 (tried: ~/.ssh/id_ecdsa)",
                e.getMessage());
        assertEquals(0, server.sessionsCreated.get(), "the target was never reached");
    }

    @Test
    void verboseSaysWhichHopItIsConnectingToAndAuthenticatingWith() throws Exception {
        TestSshServer jump = new TestSshServer(tmp.resolve("jumpkey"), fx.clientKey.getPublic());
        cleanup.add(jump);
        fx.writeSshConfig("Host bastion\n  HostName 127.0.0.1\n  Port " + jump.port() + "\n"
                + "Host app1\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  ProxyJump bastion\n");
        SshExecutor ssh = executor(fx.settings(server.port()).withPort(null));
        assertEquals("ok\n", ssh.run("app1", Cmd.of("echo", "ok")).stdout());
        String print = org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(fx.clientKey.getPublic());
        List<String> narrated = fx.err.toString().lines().filter(l -> l.startsWith("ssh: ")).toList();
        assertEquals(List.of(
                "ssh: app1: connecting to jump host bastion (root@127.0.0.1:" + jump.port() + ")",
                "ssh: app1: jump host bastion: offering ~/.ssh/id_ecdsa (ecdsa-sha2-nistp256 " + print + ")",
                "ssh: app1: jump host bastion: authenticated as root with ~/.ssh/id_ecdsa",
                "ssh: app1: connecting to root@127.0.0.1:" + server.port() + " through jump host bastion",
                "ssh: app1: offering ~/.ssh/id_ecdsa (ecdsa-sha2-nistp256 " + print + ")",
                "ssh: app1: authenticated as root with ~/.ssh/id_ecdsa",
                "ssh: connected to root@app1"), narrated);
    }

    @Test
    void minasOwnLoggingStaysQuietAlsoUnderTheClientSubclassesName() {
        // MINA names its loggers after the bean's class; dhow's client subclass must not escape ssh/log_level.
        executor(fx.settings(server.port()));
        var mina = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.sshd");
        var client = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DhowSshClient.class);
        assertEquals(ch.qos.logback.classic.Level.OFF, mina.getLevel());
        assertEquals(ch.qos.logback.classic.Level.OFF, client.getLevel());
    }

    @Test
    void proxyCommandCarriesTheConnection() throws Exception {
        Path log = tmp.resolve("proxy.log");
        String cmd = "echo %h:%p >> " + log + "; exec bash -c 'exec 3<>/dev/tcp/%h/%p; cat <&3 & exec cat >&3'";
        SshExecutor ssh = executor(fx.settings(server.port()).withProxyCommand(cmd));
        assertEquals("piped\n", ssh.run("127.0.0.1", Cmd.of("echo", "piped")).stdout());
        assertEquals("127.0.0.1:" + server.port() + "\n", java.nio.file.Files.readString(log));
    }

    @Test
    void proxyCommandPlaceholdersAreExpanded() {
        assertEquals("ssh -W 10.0.0.5:2222 deploy@bastion 100%",
                ProxyCommandRelay.expand("ssh -W %h:%p %r@bastion 100%%", "10.0.0.5", 2222, "deploy"));
    }
}
