package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshExecutorTest {
    @TempDir Path tmp;
    SshFixture fx;
    TestSshServer server;
    SshExecutor ssh;

    @BeforeEach
    void start() throws Exception {
        fx = new SshFixture(tmp.resolve("home"));
        server = new TestSshServer(tmp.resolve("hostkey"), fx.clientKey.getPublic());
        ssh = new SshExecutor(fx.settings(server.port()), fx.console());
    }

    @AfterEach
    void stop() throws Exception {
        ssh.close();
        server.close();
    }

    @Test
    void runCollectsStdoutStderrAndExitCode() {
        Result r = ssh.run("127.0.0.1", Cmd.raw("echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals("127.0.0.1", r.host());
    }

    @Test
    void wordsAreQuotedForTheRemoteShell() {
        Result r = ssh.run("127.0.0.1", Cmd.of("printf", "%s|", "a b", "it's", "$HOME"));
        assertEquals("a b|it's|$HOME|", r.stdout());
    }

    @Test
    void failedCommandErrorNamesHostAndRedactedCommandButNotTheSecret() {
        Cmd cmd = Cmd.of("sh", "-c").appendSecret(new Sensitive("exit 7 # hunter2"), false);
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", cmd).check());
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: command failed (exit 7): sh -c [REDACTED]"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(fx.err.toString().contains("hunter2"), "verbose narration must be redacted");
        assertTrue(fx.err.toString().contains("[127.0.0.1] sh -c [REDACTED]"), fx.err.toString());
    }

    @Test
    void stdinOfTheCommandReceivesTheSensitiveInput() {
        Cmd login = Cmd.of("cat").withStdin(new Sensitive("s3cret-password"));
        assertEquals("s3cret-password", ssh.run("127.0.0.1", login).stdout());
    }

    @Test
    void commandWithoutStdinSeesEndOfFileInsteadOfHanging() {
        assertEquals("", ssh.run("127.0.0.1", Cmd.of("cat")).stdout());
    }

    @Test
    void streamingHandsOverEachLineWithItsHostAsItArrives() {
        List<OutputLine> lines = Collections.synchronizedList(new ArrayList<>());
        Result r = ssh.stream("127.0.0.1", Cmd.raw("echo one; echo two >&2; printf three"), Executor.DEFAULT_LIMIT, lines::add);
        assertEquals(List.of(new OutputLine("127.0.0.1", false, "one"), new OutputLine("127.0.0.1", true, "two"),
                new OutputLine("127.0.0.1", false, "three")), lines.stream().sorted((a, b) -> order(a) - order(b)).toList());
        assertEquals("one\nthree", r.stdout());
    }

    @Test
    void printerShowsLiveLinesWithTheirHostPrefix() {
        ssh.stream("127.0.0.1", Cmd.raw("echo building; echo warning >&2"), Executor.DEFAULT_LIMIT, OutputLine.printer(fx.console()));
        assertEquals("[127.0.0.1] building\n", fx.out.toString());
        assertTrue(fx.err.toString().contains("[127.0.0.1] warning\n"), fx.err.toString());
    }

    private static int order(OutputLine l) {
        return List.of("one", "two", "three").indexOf(l.text());
    }

    @Test
    void aConnectionOpenedAheadIsTheOneTheFirstCommandUses() throws Exception {
        ssh.connectAhead(List.of("127.0.0.1"));
        for (int i = 0; i < 200 && ssh.connectionsOpened() == 0; i++) Thread.sleep(25);
        assertEquals(1, ssh.connectionsOpened(), "opened in the background, before any command");
        assertEquals("1\n", ssh.run("127.0.0.1", Cmd.of("echo", "1")).stdout());
        assertEquals(1, ssh.connectionsOpened());
        assertEquals(1, server.sessionsCreated.get());
    }

    @Test
    void aHostThatCannotBeReachedAheadIsReportedByItsFirstCommand() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (SshExecutor down = new SshExecutor(fx.settings(closed), fx.console())) {
            down.connectAhead(List.of("127.0.0.1"));
            HostUnavailable e = assertThrows(HostUnavailable.class, () -> down.run("127.0.0.1", Cmd.of("true")));
            assertTrue(e.getMessage().startsWith("host 127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void aFileWrittenFromStandardInputInASubshellLeavesTheUmaskOfTheCommandsAfterIt() throws Exception {
        Path env = tmp.resolve("web.env");
        Path after = tmp.resolve("after");
        Cmd boot = Cmd.and(Cmd.raw("(").append(dev.dhow.core.UploadCommand.of(env.toString(), 0600)).appendRaw(")"),
                Cmd.of("touch", after.toString())).withStdin(new Sensitive("SECRET=1\n"));
        Path plain = tmp.resolve("plain");
        assertEquals(0, ssh.run("127.0.0.1", Cmd.of("touch", plain.toString())).exitCode());
        assertEquals(0, ssh.run("127.0.0.1", boot).exitCode());
        assertEquals("SECRET=1\n", Files.readString(env));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(after), "umask 077 stays in the subshell");
    }

    @Test
    void manyCommandsShareOneConnectionPerHost() {
        for (int i = 0; i < 25; i++) assertEquals(0, ssh.run("127.0.0.1", Cmd.of("true")).exitCode());
        assertEquals(1, ssh.connectionsOpened());
        assertEquals(1, server.sessionsCreated.get());
    }

    @Test
    void parallelCommandsOnOneHostAreMultiplexedOverOneConnection() {
        Fleet fleet = new Fleet(30);
        List<String> sameHost = Collections.nCopies(30, "127.0.0.1");
        Fleet.Results<Result> results = fleet.run(sameHost, h -> ssh.run(h, Cmd.raw("sleep 0.2; echo ok")).check());
        results.check();
        assertEquals(30, results.values().stream().filter(r -> r.stdout().equals("ok\n")).count());
        assertEquals(1, server.sessionsCreated.get(), "30 channels, one connection");
    }

    @Test
    void uploadWritesContentWithTheRequestedMode() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("remote/.kamal/apps/app/env/roles"));
        for (int mode : new int[] {0600, 0640, 0755}) {
            Path target = dir.resolve("web-" + Integer.toOctalString(mode) + ".env");
            byte[] content = ("SECRET=x" + mode + "\n").getBytes(StandardCharsets.UTF_8);
            ssh.upload("127.0.0.1", content, target.toString(), mode);
            assertEquals("SECRET=x" + mode + "\n", Files.readString(target));
            assertEquals(PosixFilePermissions.toString(LocalExecutor.permissions(mode)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
        assertFalse(fx.err.toString().contains("SECRET"), "upload narration must not show the content");
    }

    @Test
    void uploadReplacesAnExistingFile() throws Exception {
        Path target = tmp.resolve("existing.env");
        Files.writeString(target, "OLD=1\n");
        ssh.upload("127.0.0.1", "NEW=2\n".getBytes(StandardCharsets.UTF_8), target.toString(), 0600);
        assertEquals("NEW=2\n", Files.readString(target));
        assertFalse(Files.exists(tmp.resolve("existing.env.dhow-upload")));
    }

    @Test
    void uploadIntoMissingDirectoryFailsNamingTheHost() {
        DhowException e = assertThrows(DhowException.class, () -> ssh.upload("127.0.0.1", new byte[] {1},
                tmp.resolve("no/such/dir/file").toString(), 0600));
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: command failed"), e.getMessage());
    }

    @Test
    void droppedConnectionIsReopenedAndTheNextCommandRuns() throws Exception {
        assertEquals("1\n", ssh.run("127.0.0.1", Cmd.of("echo", "1")).stdout());
        server.dropAllSessions();
        assertEquals("2\n", ssh.run("127.0.0.1", Cmd.of("echo", "2")).stdout());
        assertEquals(2, server.sessionsCreated.get());
        assertEquals(2, ssh.connectionsOpened());
    }

    @Test
    void aCommandInterruptedByADropIsReportedAndNeverRunTwice() throws Exception {
        Path marker = tmp.resolve("ran");
        Thread dropper = new Thread(() -> {
            try {
                // Drop only once the command has really started on the host.
                while (!Files.exists(marker)) Thread.sleep(20);
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            server.dropAllSessions();
        });
        dropper.start();
        Cmd cmd = Cmd.raw("echo x >> " + marker + "; sleep 5");
        DhowException e = assertThrows(DhowException.class, () -> ssh.run("127.0.0.1", cmd));
        dropper.join();
        assertTrue(e.getMessage().startsWith("host 127.0.0.1: connection lost (the host stopped answering, or the network dropped) while running: echo x"), e.getMessage());
        Thread.sleep(300);
        assertEquals(1, Files.readAllLines(marker).size());
    }

    @Test
    void idleConnectionsAreClosedAfterThePoolIdleTimeout() throws Exception {
        ssh.close();
        ssh = new SshExecutor(fx.settings(server.port()).withPoolIdleTimeout(Duration.ofMillis(300)), fx.console());
        ssh.run("127.0.0.1", Cmd.of("true"));
        assertEquals(1, ssh.openConnections());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ssh.openConnections() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(0, ssh.openConnections());
        ssh.run("127.0.0.1", Cmd.of("true"));
        assertEquals(2, ssh.connectionsOpened());
    }

    @Test
    void connectionStartsAreBoundedByMaxConcurrentStarts() throws Exception {
        StringBuilder cfg = new StringBuilder();
        List<String> hosts = IntStream.rangeClosed(1, 6).mapToObj(i -> "h" + i).toList();
        for (String h : hosts) cfg.append("Host ").append(h).append("\n  HostName 127.0.0.1\n");
        fx.writeSshConfig(cfg.toString());
        ssh.close();
        ssh = new SshExecutor(fx.settings(server.port()).withMaxConcurrentStarts(2), fx.console());
        server.authDelayMillis = 300;
        new Fleet(6).run(hosts, h -> ssh.run(h, Cmd.of("true")).check()).check();
        assertEquals(6, server.sessionsCreated.get());
        assertEquals(2, ssh.maxConcurrentStartsSeen());
        assertTrue(server.maxAuthsInFlight.get() <= 2, "server saw " + server.maxAuthsInFlight.get());
    }

    @Test
    void keepAlivesHoldASilentLongCommandAndAnIdleConnectionOpen() throws Exception {
        // The server drops connections silent for 1 s, like a NAT or firewall forgetting an idle flow.
        org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(server.server, Duration.ofMillis(1500));
        ssh.close();
        ssh = new SshExecutor(fx.settings(server.port()).withKeepAliveInterval(Duration.ofMillis(200)), fx.console());
        assertEquals("done\n", ssh.run("127.0.0.1", Cmd.raw("sleep 3; echo done")).check().stdout());
        Thread.sleep(2000);
        ssh.run("127.0.0.1", Cmd.of("true")).check();
        assertEquals(1, ssh.connectionsOpened());
    }

    @Test
    void withoutKeepAlivesTheIdleConnectionIsDroppedAndReopenedTransparently() throws Exception {
        org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(server.server, Duration.ofSeconds(1));
        ssh.close();
        ssh = new SshExecutor(fx.settings(server.port()).withKeepAliveInterval(Duration.ofMinutes(5)), fx.console());
        ssh.run("127.0.0.1", Cmd.of("true")).check();
        Thread.sleep(2000);
        ssh.run("127.0.0.1", Cmd.of("true")).check();
        assertEquals(2, ssh.connectionsOpened(), "the control case: the server really does drop idle connections");
    }

    @Test
    void interactiveCommandRunsWithATerminal() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = ssh.runInteractive("127.0.0.1", Cmd.raw("echo hi; exit 4"),
                new java.io.ByteArrayInputStream(new byte[0]), out);
        assertEquals(4, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hi"));
    }
}
