package dev.dhow.ssh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import dev.dhow.ssh.SshExecutor;
import dev.dhow.ssh.SshSettings;
import dev.dhow.ssh.Tunnel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The SSH engine against Debian's real OpenSSH sshd on loopback addresses (run with -Pe2e). */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSshE2ETest {
    @TempDir static Path shared;
    Path clientKey;
    OpenSshd sshd;
    Path home;
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    void startSshd() throws Exception {
        assumeTrue(OpenSshd.available(), "needs /usr/sbin/sshd and ssh-keygen (apt-get install openssh-server) and root");
        clientKey = OpenSshd.keygen(shared.resolve("client_ed25519"), "ed25519");
        String addr = "127.0.0.2";
        sshd = OpenSshd.start(shared.resolve("sshd1"), addr, OpenSshd.freePort(addr), List.of(), "",
                Path.of(clientKey + ".pub"));
    }

    @AfterAll
    void stopSshd() {
        if (sshd != null) sshd.close();
    }

    @BeforeEach
    void freshHome() throws Exception {
        home = Files.createTempDirectory(shared, "home");
        Files.createDirectories(home.resolve(".ssh"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) c.close();
        cleanup.clear();
    }

    private SshSettings settings() {
        return new SshSettings(null, sshd.port, null, null, List.of(), false, List.of(), List.of(), "fatal",
                SshSettings.VerifyHostKey.ACCEPT_NEW, home.resolve(".ssh/known_hosts"), 30, Duration.ofMinutes(15),
                Duration.ofSeconds(5), SshSettings.KeepAlive.DEFAULT, null, home, 0, 10, false);
    }

    private SshExecutor ssh(SshSettings s) {
        SshExecutor e = new SshExecutor(s, new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Verbosity.NORMAL, false));
        cleanup.add(0, e);
        return e;
    }

    private String knownLine(String name, Path pub) throws Exception {
        String[] parts = Files.readString(pub).trim().split(" ");
        return name + " " + parts[0] + " " + parts[1];
    }

    @Test
    void dhowServerExecRunsAgainstOpenSshFromADeployYml() throws Exception {
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        Path project = Files.createDirectories(home.resolve("project/config"));
        // The sshd logs in as this machine's root, so Kamal's audit line lands in /root/.kamal: a service name of
        // our own keeps it apart from anything else there, and the file is removed again below.
        String service = "dhow-e2e-" + Long.toHexString(System.nanoTime());
        Path runDir = Path.of(System.getProperty("user.home"), ".kamal");
        boolean runDirExisted = Files.isDirectory(runDir);
        Files.writeString(project.resolve("deploy.yml"), String.join("\n",
                "service: " + service,
                "image: acme/app",
                "registry: {username: acme, password: [KAMAL_REGISTRY_PASSWORD]}",
                "builder: {arch: amd64}",
                "servers: [" + sshd.address + "]",
                "ssh: {port: " + sshd.port + ", config: false}",
                ""));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = dev.dhow.cli.Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                java.util.Map.of("HOME", home.toString()), home.resolve("project")).execute("server", "exec", "id", "-un");
        Path audit = runDir.resolve(service + "-audit.log");
        try {
            assertEquals(0, code, err.toString());
            assertEquals("App Host: " + sshd.address + "\nroot\n\n", out.toString());
            String line = Files.readString(audit);
            assertTrue(line.endsWith("] Executed cmd 'id -un' on " + sshd.address + "\n"), line);
        } finally {
            Files.deleteIfExists(audit);
            if (!runDirExisted) Files.deleteIfExists(runDir);
        }
    }

    @Test
    void keyFileAuthenticatesAndCommandsRunInTheUsersLoginShell() {
        SshExecutor ssh = ssh(settings().withKeys(List.of(clientKey.toString())).withKeysOnly(true));
        Result r = ssh.run(sshd.address, Cmd.raw("id -un; pwd; echo $SSH_CONNECTION")).check();
        List<String> lines = r.stdout().lines().toList();
        assertEquals("root", lines.get(0));
        assertEquals("/root", lines.get(1));
        assertTrue(lines.get(2).endsWith(sshd.address + " " + sshd.port), lines.get(2));
    }

    @Test
    void defaultKeyInTheHomeIsUsedWhenNoKeysAreConfigured() throws Exception {
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        assertEquals("ok\n", ssh(settings()).run(sshd.address, Cmd.of("echo", "ok")).check().stdout());
    }

    @Test
    void agentAtSshAuthSockAuthenticatesWithoutAnyKeyFile() throws Exception {
        Path sock = shared.resolve("agent-" + System.nanoTime() + ".sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true).start();
        cleanup.add(agent::destroy);
        for (int i = 0; i < 100 && !Files.exists(sock); i++) Thread.sleep(50);
        ProcessBuilder add = new ProcessBuilder("ssh-add", clientKey.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", sock.toString());
        Process p = add.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);

        assertEquals("agent\n", ssh(settings().withAgentSocket(sock)).run(sshd.address, Cmd.of("echo", "agent")).check().stdout());

        // ssh.forward_agent: the remote command reaches the local agent (e.g. for git over ssh on the host).
        Result forwarded = ssh(settings().withAgentSocket(sock).withForwardAgent(true)).run(sshd.address, Cmd.of("ssh-add", "-l"));
        assertEquals(0, forwarded.exitCode(), forwarded.stderr());
        assertTrue(forwarded.stdout().contains("dhow-e2e (ED25519)"), forwarded.stdout());
        assertEquals(2, ssh(settings().withAgentSocket(sock)).run(sshd.address, Cmd.of("ssh-add", "-l")).exitCode(),
                "without forward_agent the host sees no agent");

        ProcessBuilder clear = new ProcessBuilder("ssh-add", "-D").redirectErrorStream(true);
        clear.environment().put("SSH_AUTH_SOCK", sock.toString());
        clear.start().waitFor();
        DhowException e = assertThrows(DhowException.class, () -> ssh(settings().withAgentSocket(sock)).run(sshd.address, Cmd.of("true")));
        assertEquals("host " + sshd.address + ": authentication failed for root@" + sshd.address + ": the SSH agent at " + sock
                + " (SSH_AUTH_SOCK) holds no keys; no key file is configured and no ~/.ssh/id_* file exists", e.getMessage());
    }

    @Test
    void unknownHostIsRecordedAndAChangedKeyIsRefusedWithItsFingerprint() throws Exception {
        SshSettings s = settings().withKeys(List.of(clientKey.toString()));
        ssh(s).run(sshd.address, Cmd.of("true")).check();
        String name = "[" + sshd.address + "]:" + sshd.port;
        String recorded = Files.readString(home.resolve(".ssh/known_hosts"));
        assertTrue(recorded.equals(knownLine(name, sshd.hostKeyPub("ed25519")) + "\n")
                || recorded.equals(knownLine(name, sshd.hostKeyPub("ecdsa")) + "\n"), recorded);
        // What OpenSSH's own client thinks of the line dhow wrote: it must accept it under strict checking.
        Process check = new ProcessBuilder("ssh", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + home.resolve(".ssh/known_hosts"), "-i", clientKey.toString(),
                "-p", Integer.toString(sshd.port), "root@" + sshd.address, "true").redirectErrorStream(true).start();
        String sshOut = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), sshOut);

        Path impostor = OpenSshd.keygen(shared.resolve("impostor-" + System.nanoTime()), "ed25519");
        Files.writeString(home.resolve(".ssh/known_hosts"), knownLine(name, Path.of(impostor + ".pub")) + "\n");
        DhowException e = assertThrows(DhowException.class, () -> ssh(s).run(sshd.address, Cmd.of("true")));
        String knownPrint = KeyUtils.getFingerPrint(PublicKeyEntry.parsePublicKeyEntry(Files.readString(Path.of(impostor + ".pub")).trim()).resolvePublicKey(null, null, null));
        String realPrint = KeyUtils.getFingerPrint(PublicKeyEntry.parsePublicKeyEntry(Files.readString(sshd.hostKeyPub("ed25519")).trim()).resolvePublicKey(null, null, null));
        assertEquals("host " + sshd.address + ": HOST KEY CHANGED. known_hosts (" + home.resolve(".ssh/known_hosts") + ") has "
                + knownPrint + " but the server offered ssh-ed25519 " + realPrint
                + ". This may be an attack; if the host was rebuilt, remove the old key with: ssh-keygen -R '" + name + "' -f "
                + home.resolve(".ssh/known_hosts"), e.getMessage());
    }

    @Test
    void aHostKnownByOneKeyTypeIsAskedForThatType() throws Exception {
        String name = "[" + sshd.address + "]:" + sshd.port;
        for (String type : List.of("ecdsa", "ed25519")) {
            Files.writeString(home.resolve(".ssh/known_hosts"), knownLine(name, sshd.hostKeyPub(type)) + "\n");
            SshSettings s = settings().withKeys(List.of(clientKey.toString())).withVerifyHostKey(SshSettings.VerifyHostKey.ALWAYS);
            try (SshExecutor ssh = new SshExecutor(s, new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Verbosity.NORMAL, false))) {
                assertEquals(0, ssh.run(sshd.address, Cmd.of("true")).exitCode(), type);
            }
        }
    }

    @Test
    void manyParallelCommandsShareOneConnectionWithinSshdsMaxSessions() {
        SshExecutor ssh = ssh(settings().withKeys(List.of(clientKey.toString())));
        Fleet.Results<Result> r = new Fleet(25).run(Collections.nCopies(25, sshd.address),
                h -> ssh.run(h, Cmd.raw("sleep 0.3; echo $SSH_CONNECTION")).check());
        r.check();
        assertEquals(1, ssh.connectionsOpened());
        assertEquals(1, r.values().stream().map(Result::stdout).distinct().count(), "one TCP connection (same source port)");
    }

    @Test
    void uploadAndStdinWorkAgainstOpenSsh() throws Exception {
        SshExecutor ssh = ssh(settings().withKeys(List.of(clientKey.toString())));
        Path target = shared.resolve("uploaded-" + System.nanoTime() + ".env");
        ssh.upload(sshd.address, "KEY=value\n".getBytes(StandardCharsets.UTF_8), target.toString(), 0600);
        assertEquals("KEY=value\n", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("pw", ssh.run(sshd.address, Cmd.of("cat").withStdin(new Sensitive("pw"))).stdout());
    }

    @Test
    void remoteForwardReachesThisMachineFromTheHost() throws Exception {
        SshExecutor ssh = ssh(settings().withKeys(List.of(clientKey.toString())));
        try (ServerSocket local = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (var s = local.accept()) {
                    s.getOutputStream().write("registry-here\n".getBytes(StandardCharsets.UTF_8));
                } catch (Exception ignored) {
                    // test over
                }
            });
            t.start();
            int remotePort = OpenSshd.freePort("127.0.0.1");
            try (Tunnel tunnel = ssh.forwardRemote(sshd.address, remotePort, "localhost", local.getLocalPort())) {
                assertEquals(remotePort, tunnel.port());
                Result r = ssh.run(sshd.address, Cmd.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + remotePort + "; cat <&3"));
                assertEquals("registry-here\n", r.stdout());
            }
            t.join(5000);
        }
    }

    @Test
    void jumpHostIsTheOnlyWayToTheSecondSshd() throws Exception {
        String ns = "dhow-e2e-" + ProcessHandle.current().pid();
        int octet = (int) (ProcessHandle.current().pid() % 200) + 20;
        String hostSide = "10.213." + octet + ".1", nsSide = "10.213." + octet + ".2";
        String vethHost = "dhv" + octet + "h", vethNs = "dhv" + octet + "n";
        try {
            OpenSshd.run(List.of("ip", "netns", "add", ns));
        } catch (Exception e) {
            assumeTrue(false, "network namespaces unavailable: " + e.getMessage());
        }
        try {
            OpenSshd.run(List.of("ip", "link", "add", vethHost, "type", "veth", "peer", "name", vethNs, "netns", ns));
            OpenSshd.run(List.of("ip", "addr", "add", hostSide + "/30", "dev", vethHost));
            OpenSshd.run(List.of("ip", "link", "set", vethHost, "up"));
            OpenSshd.run(List.of("ip", "netns", "exec", ns, "ip", "addr", "add", nsSide + "/30", "dev", vethNs));
            OpenSshd.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", vethNs, "up"));
            OpenSshd.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            List<String> inNs = List.of("ip", "netns", "exec", ns);
            // The jump sshd listens on the namespace's veth address (reachable from here); the target only on the
            // namespace's own loopback, which nothing outside the namespace can reach.
            try (OpenSshd jump = OpenSshd.start(shared.resolve("jump"), nsSide, 2222, inNs, "", Path.of(clientKey + ".pub"));
                 OpenSshd target = OpenSshd.start(shared.resolve("target"), "127.0.0.1", 2200, inNs, "", Path.of(clientKey + ".pub"))) {
                Files.writeString(home.resolve(".ssh/config"), "Host hidden\n  HostName 127.0.0.1\n  Port 2200\n");
                SshSettings direct = settings().withPort(null).withKeys(List.of(clientKey.toString()))
                        .withConfigFiles(List.of(home.resolve(".ssh/config"))).withConnectTimeout(Duration.ofSeconds(3));
                DhowException e = assertThrows(DhowException.class, () -> ssh(direct).run("hidden", Cmd.of("true")));
                assertEquals("host hidden: connection refused (port 2200)", e.getMessage());

                SshExecutor viaJump = ssh(direct.withProxy("root@" + nsSide + ":2222"));
                Result r = viaJump.run("hidden", Cmd.raw("echo $SSH_CONNECTION; cat " + target.dir.resolve("sshd_config") + " | head -1")).check();
                List<String> lines = r.stdout().lines().toList();
                assertTrue(lines.get(0).startsWith("127.0.0.1 ") && lines.get(0).endsWith(" 127.0.0.1 2200"), lines.get(0));
                assertEquals("ListenAddress 127.0.0.1:2200", lines.get(1));
                assertTrue(jump.log().contains("direct-tcpip") || jump.log().contains("Connection from"), jump.log());
                assertTrue(Files.readString(home.resolve(".ssh/known_hosts")).contains("[127.0.0.1]:2200 "),
                        "the hidden target is recorded under its own name");
            }
        } finally {
            try {
                OpenSshd.run(List.of("ip", "link", "del", vethHost));
            } catch (Exception ignored) {
                // deleted with the namespace
            }
            OpenSshd.run(List.of("ip", "netns", "del", ns));
        }
    }
}
