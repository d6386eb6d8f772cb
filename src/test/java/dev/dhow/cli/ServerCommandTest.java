package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.OutputLine;
import dev.dhow.ssh.Result;
import dev.dhow.ssh.SshFixture;
import dev.dhow.ssh.TestSshServer;
import dev.dhow.ssh.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    @TempDir Path tmp;
    SshFixture fx;
    TestSshServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        fx = new SshFixture(tmp.resolve("home"));
        server = new TestSshServer(tmp.resolve("hostkey"), fx.clientKey.getPublic());
        server.workDir = Files.createDirectories(tmp.resolve("remote-home"));
        Files.writeString(fx.home.resolve(".ssh/config"), "Host web-a web-b db-1\n  HostName 127.0.0.1\n");
        Path project = Files.createDirectories(tmp.resolve("project/config"));
        Files.writeString(project.resolve("deploy.yml"), """
                service: app
                image: acme/app
                registry: {username: acme, password: [KAMAL_REGISTRY_PASSWORD]}
                servers:
                  web: [web-a, web-b]
                  jobs: [db-1]
                builder: {arch: amd64}
                ssh:
                  port: %d
                  config: %s
                """.formatted(server.port(), fx.home.resolve(".ssh/config")));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private int dhow(String... args) {
        Map<String, String> env = Map.of("HOME", fx.home.toString());
        return Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), env, tmp.resolve("project")).execute(args);
    }

    @Test
    void execRunsOnEveryHostAndPrintsOutputPerHost() {
        assertEquals(0, dhow("server", "exec", "echo", "hello"), err.toString());
        assertEquals("App Host: web-a\nhello\n\nApp Host: web-b\nhello\n\nApp Host: db-1\nhello\n\n", out.toString());
        assertTrue(err.toString().contains("Running 'echo hello' on web-a, web-b, db-1..."), err.toString());
        assertEquals(3, server.sessionsCreated.get(), "one connection per host");
    }

    @Test
    void execPassesWordsThatLookLikeOptionsOnToTheCommand() {
        assertEquals(0, dhow("server", "exec", "echo", "-un", "--x"), err.toString());
        assertTrue(out.toString().startsWith("App Host: web-a\n-un --x\n"), out.toString());
    }

    @Test
    void execRecordsKamalsAuditLineOnEachHostBeforeRunning() throws Exception {
        assertEquals(0, dhow("server", "exec", "-h", "web-a,web-b", "echo a; echo b"), err.toString());
        assertEquals("App Host: web-a\na\nb\n\nApp Host: web-b\na\nb\n\n", out.toString());
        List<String> audit = Files.readAllLines(server.workDir.resolve(".kamal/app-audit.log"));
        assertEquals(2, audit.size(), audit::toString);
        assertTrue(audit.stream().anyMatch(l -> l.matches("\\[\\S+\\] \\[.+\\] Executed cmd 'echo a; echo b' on web-a")), audit::toString);
        assertTrue(audit.stream().anyMatch(l -> l.endsWith("] Executed cmd 'echo a; echo b' on web-b")), audit::toString);
    }

    @Test
    void aCommandDoesNotRunWhenItsAuditLineCannotBeWritten() throws Exception {
        Files.writeString(server.workDir.resolve(".kamal"), "a file where the directory should be");
        assertEquals(1, dhow("server", "exec", "-h", "web-a", "touch ran"));
        assertTrue(err.toString().contains("host web-a: command failed (exit 1): touch ran"), err.toString());
        assertTrue(Files.notExists(server.workDir.resolve("ran")));
    }

    @Test
    void thePreConnectHookRunsOnceBeforeAnyHostIsReached() throws Exception {
        Path hook = Files.createDirectories(tmp.resolve("project/.kamal/hooks")).resolve("pre-connect");
        Files.writeString(hook, "#!/bin/sh\necho \"$KAMAL_HOSTS\" >> \"" + tmp.resolve("hook.log") + "\"\n");
        hook.toFile().setExecutable(true);
        Files.writeString(tmp.resolve("project/.kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=s3cret\n");
        assertEquals(0, dhow("server", "exec", "--version", "v1", "true"), err.toString());
        assertEquals(List.of("web-a,web-b,db-1"), Files.readAllLines(tmp.resolve("hook.log")));
        assertEquals(0, dhow("server", "exec", "--version", "v1", "-H", "true"), err.toString());
        assertEquals(1, Files.readAllLines(tmp.resolve("hook.log")).size(), "-H skips hooks");
    }

    @Test
    void aSecretDeployYmlNamesButNoFileDefinesStopsTheCommandBeforeItsFirstSecretIsUsed() throws Exception {
        Path hook = Files.createDirectories(tmp.resolve("project/.kamal/hooks")).resolve("pre-connect");
        Files.writeString(hook, "#!/bin/sh\ntouch \"" + tmp.resolve("hook-ran") + "\"\n");
        hook.toFile().setExecutable(true);
        assertEquals(1, dhow("server", "exec", "--version", "v1", "touch ran"));
        assertTrue(err.toString().contains("registry/password: Secret 'KAMAL_REGISTRY_PASSWORD' not found, no secret files"
                + " (.kamal/secrets-common, .kamal/secrets) provided"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("hook-ran")));
        assertTrue(Files.notExists(server.workDir.resolve("ran")));
    }

    @Test
    void execHonoursRoleAndHostFilters() {
        assertEquals(0, dhow("server", "exec", "-r", "jobs", "hostname >/dev/null && echo ok"));
        assertEquals("App Host: db-1\nok\n\n", out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, dhow("server", "exec", "-h", "web-b", "echo", "b"));
        assertEquals("App Host: web-b\nb\n\n", out.toString());
    }

    @Test
    void unknownOptionsBelongToTheCommandWhileDhowsOwnOptionsStillWork() {
        assertEquals(0, dhow("server", "exec", "ls", "-1d", "/", "-h", "web-a"), err.toString());
        assertEquals("App Host: web-a\n/\n\n", out.toString());
    }

    @Test
    void rawOutputIsUnmodifiedAndHasNoHeaders() {
        assertEquals(0, dhow("server", "exec", "--raw", "-p", "printf", "'a\\n\\n'"));
        assertEquals("a\n\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aFailingCommandExitsOneAndNamesTheHost() {
        assertEquals(1, dhow("server", "exec", "-h", "web-a", "echo oops >&2; exit 3"));
        assertTrue(err.toString().contains("ERROR host web-a: command failed (exit 3): echo oops >&2; exit 3\noops"), err.toString());
    }

    @Test
    void rawAndInteractiveTogetherAreRefused() {
        assertEquals(1, dhow("server", "exec", "--raw", "-i", "bash"));
        assertTrue(err.toString().contains("Raw is not compatible with interactive"), err.toString());
    }

    /** A scripted executor: commands matching a rule fail, everything else succeeds; records the order. */
    static final class Scripted implements Executor {
        final List<String> ran = new ArrayList<>();
        final Predicate<String> fails;

        Scripted(Predicate<String> fails) {
            this.fails = fails;
        }

        @Override
        public synchronized Result stream(String host, Cmd cmd, java.time.Duration limit, Consumer<OutputLine> lines) {
            ran.add(host + ": " + cmd.redacted());
            return new Result(host, cmd.redacted(), fails.test(host + ": " + cmd.redacted()) ? 1 : 0, "", "");
        }

        @Override public void upload(String host, byte[] content, String remotePath, int mode) {}
        @Override public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) { return 0; }
        @Override public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) { return null; }
        @Override public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) { return null; }
    }

    private Console console() {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), Verbosity.NORMAL, false);
    }

    @Test
    void bootstrapOnlyCreatesTheRunDirectoryWhereDockerIsInstalled() {
        Scripted ssh = new Scripted(c -> false);
        dev.dhow.deploy.Bootstrap.run(dev.dhow.deploy.Hosts.standalone(ssh), console(), List.of("h1"), ".kamal");
        assertEquals(List.of("h1: docker -v", "h1: mkdir -p .kamal"), ssh.ran);
    }

    @Test
    void bootstrapInstallsDockerWithKamalsCommandsAndAddsANonRootUserToTheGroup() {
        Scripted ssh = new Scripted(c -> c.endsWith("docker -v") || c.contains("-eq 0 ]") && !c.contains("sudo") || c.contains("grep -qw docker"));
        dev.dhow.deploy.Bootstrap.run(dev.dhow.deploy.Hosts.standalone(ssh), console(), List.of("h1"), ".kamal");
        assertEquals(List.of(
                "h1: docker -v",
                "h1: [ \"${EUID:-$(id -u)}\" -eq 0 ] || sudo -nl usermod >/dev/null",
                "h1: sh -c 'curl -fsSL https://get.docker.com || wget -O - https://get.docker.com || echo \"exit 1\"' | sh",
                "h1: [ \"${EUID:-$(id -u)}\" -eq 0 ]",
                "h1: id -nG \"${USER:-$(id -un)}\" | grep -qw docker",
                "h1: sudo -n usermod -aG docker \"${USER:-$(id -un)}\"",
                "h1: kill -HUP $PPID",
                "h1: mkdir -p .kamal"), ssh.ran);
        assertTrue(err.toString().contains("Missing Docker on h1. Installing…"));
    }

    @Test
    void bootstrapWithoutSuperuserNamesTheHostsThatNeedDockerInstalledByHand() {
        Scripted ssh = new Scripted(c -> c.endsWith("docker -v") && !c.startsWith("h2") || c.contains("sudo -nl"));
        DhowException e = assertThrows(DhowException.class,
                () -> dev.dhow.deploy.Bootstrap.run(dev.dhow.deploy.Hosts.standalone(ssh), console(), List.of("h1", "h2", "h3"), ".kamal"));
        assertEquals("Docker is not installed on h1, h3 and can't be automatically installed without having root access"
                + " and either `wget` or `curl`. Install Docker manually: https://docs.docker.com/engine/install/", e.getMessage());
    }
}
