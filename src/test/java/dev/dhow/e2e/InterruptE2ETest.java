package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.cli.Dhow;
import dev.dhow.sandbox.HttpProbe;
import dev.dhow.sandbox.RequestLoop;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHost;
import dev.dhow.sandbox.SandboxHosts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deploys that are interrupted (SIGINT, SIGTERM, twice) or lose a host mid-boot, on three real sandbox hosts behind
 * kamal-proxy, each under a request loop: dhow runs as its own process and gets real signals, as from a terminal's
 * Ctrl-C or a CI runner's cancel. Afterwards the previous version serves, the lock is free, no container of the
 * new version runs, and a plain deploy works with no manual step.
 */
@SandboxHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterruptE2ETest {
    static Sandbox sandbox;
    static Path project;
    static Path home;
    static String start;

    @BeforeAll
    static void project(Sandbox s) throws IOException {
        sandbox = s;
        project = Files.createTempDirectory("dhow-interrupt-project");
        home = Files.createTempDirectory("dhow-interrupt-home");
        DeployLifecycleE2ETest.copy(Path.of("examples/hello"), project);
        Files.createDirectories(project.resolve("config"));
        Files.createDirectories(project.resolve(".kamal"));
        Files.writeString(project.resolve(".kamal/secrets"), "REGISTRY_PASSWORD=sandbox\n");
        Files.writeString(project.resolve("config/deploy.yml"), """
                service: halt
                image: halt
                servers:
                  web: [%s, %s, %s]
                ssh:
                  keys_only: true
                  keys: [%s]
                registry:
                  server: %s
                  username: sandbox
                  password: [REGISTRY_PASSWORD]
                proxy:
                  healthcheck:
                    path: /up
                    interval: 1
                  run:
                    registry: %s
                    repository: %s
                    version: %s
                builder:
                  arch: amd64
                  context: .
                readiness_delay: 1
                deploy_timeout: 30
                output:
                  file:
                    path: log/dhow
                """.formatted(s.host(1).address(), s.host(2).address(), s.host(3).address(), s.sshKey(), s.registry(),
                s.proxyRegistry(), s.proxyRepository(), s.proxyVersion()));
        start = Files.readString(project.resolve("start"));
    }

    @AfterAll
    static void thaw() {
        if (sandbox != null) docker("unpause", sandbox.name() + "-host-3");
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.remove("VERSION");
        return env;
    }

    /** dhow in this JVM, for the steps around the interrupted ones. */
    static DeployLifecycleE2ETest.Run dhow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), env(), project).execute(args);
        return new DeployLifecycleE2ETest.Run(code, out.toString(), err.toString());
    }

    static String version(SandboxHost host) throws IOException {
        return HttpProbe.get(host.http("/version"), null, Duration.ofSeconds(5)).body().strip();
    }

    static String on(int host, String command) {
        return sandbox.host(host).ssh(command).orThrow().stdout().strip();
    }

    static void docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        try {
            new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next image answers its health check only {@code seconds} after it starts. */
    static void slowHealthCheck(int seconds) throws IOException {
        Files.writeString(project.resolve("start"), "mv /www/up /www/up.later && (sleep " + seconds + "; mv /www/up.later /www/up) &\n" + start);
    }

    static void normalHealthCheck() throws IOException {
        Files.writeString(project.resolve("start"), start);
    }

    /** Every host serves {@code version} and says so, the lock is free, and nothing of {@code abandoned} runs. */
    static void assertBackOn(String version, String abandoned) throws IOException {
        for (int h = 1; h <= 3; h++) {
            assertEquals(version, version(sandbox.host(h)), "host " + h + " serves");
            assertEquals("", on(h, "docker ps -q --filter name=halt-web-" + abandoned), "no " + abandoned + " container runs on host " + h);
        }
        assertEquals("There is no deploy lock\n", dhow("lock", "status").out());
        DeployLifecycleE2ETest.Run current = dhow("app", "version");
        assertEquals(0, current.code(), current.all());
        for (int h = 1; h <= 3; h++) {
            assertTrue(current.out().contains("App Host: " + sandbox.host(h).address() + "\n" + version + "\n"), current.out());
        }
    }

    static List<RequestLoop> loops() {
        return Stream.of(1, 2, 3).map(h -> RequestLoop.start(sandbox.host(h).http("/version"), 10)).toList();
    }

    static void assertNoFailedRequest(List<RequestLoop> loops) {
        for (RequestLoop loop : loops) {
            RequestLoop.Result r = loop.stop();
            assertEquals(List.of(), r.failures(), "failed requests: " + r);
            assertTrue(r.sent() > 0);
        }
    }

    static String newestLog() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("log/dhow"))) {
            Path newest = files.max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
            return Files.readString(newest);
        }
    }

    @Test
    @Order(1)
    void setupBootsTheFirstVersionEverywhere() throws Exception {
        DeployLifecycleE2ETest.Run setup = dhow("setup", "--version", "v1");
        assertEquals(0, setup.code(), setup.all());
        for (int h = 1; h <= 3; h++) assertEquals("v1", version(sandbox.host(h)));
    }

    @Test
    @Order(2)
    void sigintDuringTheHealthWaitPutsEveryHostBackAndReleasesTheLock() throws Exception {
        slowHealthCheck(10);
        List<RequestLoop> loops = loops();
        try (DhowProcess dhow = DhowProcess.start(project, env(), "deploy", "--version", "v2-slow", "--verbose")) {
            dhow.awaitLine(l -> l.contains("kamal-proxy deploy halt-web"), Duration.ofSeconds(180));
            dhow.signal("INT");
            int code = dhow.waitFor(Duration.ofSeconds(120));
            assertEquals(130, code, dhow.output());
            assertTrue(dhow.stderr().contains("Interrupted (SIGINT) while deploying version v2-slow; hosts are back on the version they ran before:"), dhow.output());
        } finally {
            normalHealthCheck();
        }
        assertNoFailedRequest(loops);
        assertBackOn("v1", "v2-slow");
        assertTrue(newestLog().contains("\n# FAILED: interrupted (SIGINT) ("), newestLog());
    }

    @Test
    @Order(3)
    void sigtermDuringThePullChangesNoHostAndReleasesTheLock() throws Exception {
        // A big layer makes the pull take long enough to be caught in the act.
        Path big = project.resolve("www/big.bin");
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(42).nextBytes(chunk);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 96; i++) out.write(chunk);
        }
        List<RequestLoop> loops = loops();
        try (DhowProcess dhow = DhowProcess.start(project, env(), "deploy", "--version", "v3-big", "--verbose")) {
            dhow.awaitLine(l -> l.contains("docker pull " + sandbox.registry()), Duration.ofSeconds(180));
            dhow.signal("TERM");
            int code = dhow.waitFor(Duration.ofSeconds(120));
            assertEquals(143, code, dhow.output());
            assertTrue(dhow.stderr().contains("Interrupted (SIGTERM)"), dhow.output());
        } finally {
            Files.delete(big);
        }
        assertNoFailedRequest(loops);
        assertBackOn("v1", "v3-big");
    }

    @Test
    @Order(4)
    void twoQuickSigintsStillPutEveryHostBack() throws Exception {
        slowHealthCheck(10);
        List<RequestLoop> loops = loops();
        try (DhowProcess dhow = DhowProcess.start(project, env(), "deploy", "--version", "v4-slow", "--verbose")) {
            dhow.awaitLine(l -> l.contains("kamal-proxy deploy halt-web"), Duration.ofSeconds(180));
            dhow.signal("INT");
            Thread.sleep(200);
            dhow.signal("INT");
            int code = dhow.waitFor(Duration.ofSeconds(120));
            assertEquals(130, code, dhow.output());
            assertTrue(dhow.stderr().contains("Already stopping"), dhow.output());
        } finally {
            normalHealthCheck();
        }
        assertNoFailedRequest(loops);
        assertBackOn("v1", "v4-slow");
    }

    @Test
    @Order(5)
    void afterTheInterruptionsAPlainDeployNeedsNoManualStepAndItsJsonStreamParsesLineByLine() throws Exception {
        List<com.fasterxml.jackson.databind.JsonNode> events = new ArrayList<>();
        int code;
        String output;
        try (DhowProcess dhow = DhowProcess.start(project, env(), "deploy", "--version", "v5", "--json")) {
            code = dhow.waitFor(Duration.ofSeconds(300));
            output = dhow.output();
            for (String line : dhow.stdout().split("\n")) {
                if (!line.isEmpty()) events.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
            }
        }
        assertEquals(0, code, output);
        assertEquals("run_started", events.get(0).get("type").asText(), output);
        com.fasterxml.jackson.databind.JsonNode last = events.get(events.size() - 1);
        assertEquals("run_finished", last.get("type").asText(), output);
        assertEquals(0, last.get("exit_code").asInt());
        assertEquals("ok", last.get("status").asText());
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("summary") && e.get("version").asText().equals("v5")), output);
        for (int h = 1; h <= 3; h++) assertEquals("v5", version(sandbox.host(h)));
    }

    @Test
    @Order(6)
    void aHostThatFreezesDuringTheBootIsReportedWithin20sAndTheOthersSwitchBack() throws Exception {
        String before = version(sandbox.host(1));
        slowHealthCheck(6);
        String frozen = sandbox.host(3).address();
        long frozeAt;
        int code;
        String output;
        try (DhowProcess dhow = DhowProcess.start(project, env(), "deploy", "--version", "v6-slow", "--verbose")) {
            dhow.awaitLine(l -> l.contains("[" + frozen + "] docker exec kamal-proxy kamal-proxy deploy halt-web"), Duration.ofSeconds(180));
            docker("pause", sandbox.name() + "-host-3");
            frozeAt = System.nanoTime();
            DhowProcess.Line reported = dhow.awaitLine(l -> l.contains(frozen) && l.contains("connection lost"), Duration.ofSeconds(40));
            double reportedAfter = (reported.at() - frozeAt) / 1e9;
            assertTrue(reportedAfter <= 20, "reported " + reportedAfter + " s after the freeze:\n" + dhow.output());
            code = dhow.waitFor(Duration.ofSeconds(60));
            double endedAfter = (System.nanoTime() - frozeAt) / 1e9;
            output = dhow.output();
            assertTrue(endedAfter <= 40, "ended " + endedAfter + " s after the freeze:\n" + output);
        } finally {
            normalHealthCheck();
            docker("unpause", sandbox.name() + "-host-3");
        }
        assertEquals(1, code, output);
        assertTrue(output.contains(sandbox.host(1).address() + " (web): switched back to " + before), output);
        assertTrue(output.contains(sandbox.host(2).address() + " (web): switched back to " + before), output);
        assertEquals(before, version(sandbox.host(1)));
        assertEquals(before, version(sandbox.host(2)));
        assertEquals("There is no deploy lock\n", dhow("lock", "status").out());
        // Thawed, the host finishes what it was doing; a plain deploy brings all three in line again.
        DeployLifecycleE2ETest.Run deploy = dhow("deploy", "--version", "v7");
        assertEquals(0, deploy.code(), deploy.all());
        for (int h = 1; h <= 3; h++) assertEquals("v7", version(sandbox.host(h)));
    }
}
