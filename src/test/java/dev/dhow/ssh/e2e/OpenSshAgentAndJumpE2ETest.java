package dev.dhow.ssh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhow server exec} against Debian's OpenSSH sshd with a real {@code ssh-agent}: the 1Password set-up (one key
 * of many in the agent chosen by its {@code .pub} and IdentitiesOnly), agents that cannot help, and jump hosts that
 * fail (run with -Pe2e).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSshAgentAndJumpE2ETest {
    private static final String STRICT = "127.0.0.3";
    private static final String TARGET = "127.0.0.4";
    private static final String JUMP = "127.0.0.5";

    @TempDir static Path shared;
    final List<Path> otherKeys = new ArrayList<>();
    Path rightKey;
    Path clientKey;
    /** Lets in only the right key, and hangs up after 3 failed attempts: offering all 8 agent keys cannot work. */
    OpenSshd strict;
    OpenSshd target;
    Path home;
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    void startSshds() throws Exception {
        assumeTrue(OpenSshd.available() && Files.isExecutable(Path.of("/usr/bin/ssh-agent")),
                "needs /usr/sbin/sshd, ssh-keygen and ssh-agent (apt-get install openssh-server openssh-client) and root");
        for (int i = 1; i <= 7; i++) otherKeys.add(keygen("other-" + i));
        rightKey = keygen("right");
        clientKey = keygen("client");
        strict = OpenSshd.start(shared.resolve("strict"), STRICT, OpenSshd.freePort(STRICT), List.of(), "MaxAuthTries 3",
                Path.of(rightKey + ".pub"));
        target = OpenSshd.start(shared.resolve("target"), TARGET, OpenSshd.freePort(TARGET), List.of(), "",
                Path.of(clientKey + ".pub"));
    }

    @AfterAll
    void stopSshds() {
        if (strict != null) strict.close();
        if (target != null) target.close();
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

    private Path keygen(String name) throws Exception {
        Path file = shared.resolve(name);
        OpenSshd.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file.toString()));
        return file;
    }

    /** A real ssh-agent holding {@code keys}, in that order (it offers them in that order). */
    private Process agent(Path socket, Path... keys) throws Exception {
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        cleanup.add(agent::destroyForcibly);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) Thread.sleep(50);
        for (Path key : keys) {
            ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process p = add.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
        }
        return agent;
    }

    private Path eightKeysRightOneLast() throws Exception {
        Path socket = shared.resolve("agent-" + System.nanoTime() + ".sock");
        List<Path> keys = new ArrayList<>(otherKeys);
        keys.add(rightKey);
        agent(socket, keys.toArray(Path[]::new));
        return socket;
    }

    private record Run(int code, String out, String err) {}

    /** {@code dhow server exec id -un} from a project whose deploy.yml lists {@code host}, as the user {@code home}. */
    private Run serverExec(String host, int port, String sshExtra, Path agentSocket, String... flags) throws Exception {
        Path project = Files.createDirectories(home.resolve("project/config"));
        String service = "dhow-e2e-" + Long.toHexString(System.nanoTime());
        Files.writeString(project.resolve("deploy.yml"), String.join("\n",
                "service: " + service,
                "image: acme/app",
                "registry: {username: acme, password: [KAMAL_REGISTRY_PASSWORD]}",
                "builder: {arch: amd64}",
                "servers: [" + host + "]",
                "ssh: {port: " + port + sshExtra + "}",
                ""));
        StringWriter out = new StringWriter(), err = new StringWriter();
        Map<String, String> env = agentSocket == null ? Map.of("HOME", home.toString())
                : Map.of("HOME", home.toString(), "SSH_AUTH_SOCK", agentSocket.toString());
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("server", "exec", "id", "-un"));
        int code = dev.dhow.cli.Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), env,
                home.resolve("project")).execute(args.toArray(String[]::new));
        // The sshd logs in as this machine's root: remove the audit line Kamal's format puts in /root/.kamal.
        Files.deleteIfExists(Path.of(System.getProperty("user.home"), ".kamal", service + "-audit.log"));
        return new Run(code, out.toString(), err.toString());
    }

    private static String errorLine(Run run) {
        return run.err().lines().filter(l -> l.startsWith("ERROR ")).findFirst().orElse(run.err());
    }

    @Test
    void aKeyChosenByItsPublicHalfAmongEightAgentKeysLogsInWhereOfferingThemAllCannot() throws Exception {
        Path socket = eightKeysRightOneLast();
        // Only the public half is here, as with 1Password: the agent holds the private one.
        Files.copy(Path.of(rightKey + ".pub"), home.resolve(".ssh/right.pub"));
        Files.writeString(home.resolve(".ssh/config"), "Host " + STRICT + "\n  IdentityFile ~/.ssh/right.pub\n  IdentitiesOnly yes\n");

        Run chosen = serverExec(STRICT, strict.port, "", socket);

        assertEquals(0, chosen.code(), chosen.err());
        assertEquals("App Host: " + STRICT + "\nroot\n\n", chosen.out());

        // Without the config the agent offers its keys in its own order, and sshd hangs up before the right one.
        Files.delete(home.resolve(".ssh/config"));
        Run all = serverExec(STRICT, strict.port, "", socket);

        assertEquals(1, all.code(), all.err());
        assertTrue(errorLine(all).endsWith("host " + STRICT + ": authentication failed for root@" + STRICT
                + ": the server closed the connection after 3 keys (Too many authentication failures): the agent offers all 8"
                + " of its keys; choose one with IdentityFile <key>.pub and IdentitiesOnly yes in the ssh config, or ssh/keys"
                + " with keys_only: true (tried: agent key other-1, agent key other-2, agent key other-3)"), all.err());
    }

    @Test
    void keysOnlyWithTheKeysPubBesideItLetsTheAgentSignAsWell() throws Exception {
        Path socket = eightKeysRightOneLast();
        // The private key file is not readable here (a placeholder); its .pub names the agent's key.
        Files.writeString(home.resolve(".ssh/deploy"), "not a key\n");
        Files.copy(Path.of(rightKey + ".pub"), home.resolve(".ssh/deploy.pub"));

        Run run = serverExec(STRICT, strict.port, ", keys: [~/.ssh/deploy], keys_only: true, config: false", socket);

        assertEquals(0, run.code(), run.err());
        assertEquals("App Host: " + STRICT + "\nroot\n\n", run.out());
    }

    @Test
    void anAgentThatHoldsNoKeyIsSaidPlainly() throws Exception {
        Path socket = shared.resolve("empty-" + System.nanoTime() + ".sock");
        agent(socket);

        Run run = serverExec(STRICT, strict.port, ", config: false", socket);

        assertEquals(1, run.code(), run.err());
        assertTrue(errorLine(run).endsWith("host " + STRICT + ": authentication failed for root@" + STRICT + ": the SSH agent at "
                + socket + " (SSH_AUTH_SOCK) holds no keys; no key file is configured and no ~/.ssh/id_* file exists"), run.err());
    }

    @Test
    void aDeadAgentSocketIsSaidPlainly() throws Exception {
        Path socket = shared.resolve("dead-" + System.nanoTime() + ".sock");
        Process agent = agent(socket, rightKey);
        agent.destroyForcibly().waitFor();
        assertTrue(Files.exists(socket), "a killed agent leaves its socket behind");

        Run run = serverExec(STRICT, strict.port, ", config: false", socket);

        assertEquals(1, run.code(), run.err());
        assertTrue(errorLine(run).endsWith("host " + STRICT + ": authentication failed for root@" + STRICT + ": the SSH agent at "
                + socket + " (SSH_AUTH_SOCK) is not reachable (connection refused); no key file is configured and no"
                + " ~/.ssh/id_* file exists"), run.err());
    }

    @Test
    void aJumpHostThatRefusesTheConnectionIsNamed() throws Exception {
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        int closed = OpenSshd.freePort(JUMP);
        Files.writeString(home.resolve(".ssh/config"), "Host bastion\n  HostName " + JUMP + "\n  Port " + closed + "\n");

        Run run = serverExec(TARGET, target.port, ", proxy: bastion", null, "-v");

        assertEquals(1, run.code(), run.err());
        assertTrue(errorLine(run).endsWith("host " + TARGET + ": jump host bastion: connection refused (port " + closed + ")"), run.err());
        assertTrue(run.err().contains("ssh: " + TARGET + ": connecting to jump host bastion (root@" + JUMP + ":" + closed + ")"),
                run.err());
    }

    @Test
    void aJumpHostThatRejectsTheLoginIsNamed() throws Exception {
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        try (OpenSshd jump = OpenSshd.start(shared.resolve("jump-" + System.nanoTime()), JUMP, OpenSshd.freePort(JUMP), List.of(), "")) {
            Files.writeString(home.resolve(".ssh/config"), "Host bastion\n  HostName " + JUMP + "\n  Port " + jump.port + "\n");

            Run run = serverExec(TARGET, target.port, ", proxy: bastion", null, "-v");

            assertEquals(1, run.code(), run.err());
            assertTrue(errorLine(run).endsWith("host " + TARGET + ": jump host bastion: authentication failed for root@" + JUMP
                    + " (tried: ~/.ssh/id_ed25519)"), run.err());
            assertTrue(run.err().contains("ssh: " + TARGET + ": jump host bastion: offering ~/.ssh/id_ed25519"), run.err());
        }
    }

    @Test
    void aWorkingJumpHostCarriesTheLoginAndVerboseNamesEachHop() throws Exception {
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        try (OpenSshd jump = OpenSshd.start(shared.resolve("jump-" + System.nanoTime()), JUMP, OpenSshd.freePort(JUMP), List.of(), "",
                Path.of(clientKey + ".pub"))) {
            Files.writeString(home.resolve(".ssh/config"), "Host bastion\n  HostName " + JUMP + "\n  Port " + jump.port + "\n");

            Run run = serverExec(TARGET, target.port, ", proxy: bastion", null, "-v");

            assertEquals(0, run.code(), run.err());
            assertEquals("App Host: " + TARGET + "\nroot\n\n", run.out());
            assertTrue(run.err().contains("ssh: " + TARGET + ": jump host bastion: authenticated as root with ~/.ssh/id_ed25519"), run.err());
            assertTrue(run.err().contains("ssh: " + TARGET + ": connecting to root@" + TARGET + ":" + target.port + " through jump host bastion"),
                    run.err());
        }
    }
}
