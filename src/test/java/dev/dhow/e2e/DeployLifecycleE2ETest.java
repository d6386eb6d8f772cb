package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.cli.Dhow;
import dev.dhow.sandbox.RequestLoop;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHost;
import dev.dhow.sandbox.SandboxHosts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deploy lifecycle on real sandbox hosts (sshd + dockerd each, the kamal-proxy stand-in): web on hosts 1 and
 * 2 behind kamal-proxy, a job role (no proxy, its own cmd) on host 3. Tests run in order on one set of hosts.
 */
@SandboxHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployLifecycleE2ETest {
    static final String SECRET = "s3cr3t-token-e2e-7f3a";

    static Sandbox sandbox;
    static Path project;
    static Path home;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void project(Sandbox s) throws IOException {
        sandbox = s;
        project = Files.createTempDirectory("dhow-e2e-project");
        home = Files.createTempDirectory("dhow-e2e-home");
        copy(Path.of("examples/hello"), project);
        Files.createDirectories(project.resolve("config"));
        Files.createDirectories(project.resolve(".kamal"));
        Files.writeString(project.resolve("config/deploy.yml"), config(s, List.of(s.host(1).address(), s.host(2).address()),
                "  server: " + s.registry() + "\n  username: sandbox\n  password: [REGISTRY_PASSWORD]\n"));
        Files.writeString(project.resolve(".kamal/secrets"), "REGISTRY_PASSWORD=sandbox\nSECRET_TOKEN=" + SECRET + "\n");
    }

    static String config(Sandbox s, List<String> webHosts, String registry) {
        return """
                service: hello
                image: hello
                servers:
                  web: [%s]
                  jobs:
                    hosts: [%s]
                    cmd: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
                ssh:
                  keys_only: true
                  keys: [%s]
                registry:
                %s
                env:
                  clear:
                    GREETING: hi
                  secret: [SECRET_TOKEN]
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
                deploy_timeout: 10
                """.formatted(String.join(", ", webHosts), s.host(3).address(), s.sshKey(), registry.stripTrailing(),
                s.proxyRegistry(), s.proxyRepository(), s.proxyVersion());
    }

    static Run dhow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.remove("VERSION");
        int code = Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), env, project).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String version(SandboxHost host) throws IOException {
        return dev.dhow.sandbox.HttpProbe.get(host.http("/version"), null, Duration.ofSeconds(5)).body().strip();
    }

    static String on(int host, String command) {
        return sandbox.host(host).ssh(command).orThrow().stdout().strip();
    }

    @Test
    @Order(1)
    void setupDeployAndRollbackWithARequestLoopCountingZeroFailedRequests() throws Exception {
        Run setup = dhow("setup", "--version", "v1");
        assertEquals(0, setup.code(), setup.all());
        assertEquals("v1", version(sandbox.host(1)));
        assertEquals("v1", version(sandbox.host(2)));

        try (RequestLoop loop1 = RequestLoop.start(sandbox.host(1).http("/version"), 20);
             RequestLoop loop2 = RequestLoop.start(sandbox.host(2).http("/version"), 20)) {
            String timeline = "deploy from " + java.time.LocalTime.now();
            Run deploy = dhow("deploy", "--version", "v2");
            timeline += " to " + java.time.LocalTime.now();
            assertEquals(0, deploy.code(), deploy.all());
            assertEquals("v2", version(sandbox.host(1)));
            assertEquals("v2", version(sandbox.host(2)));
            assertEquals("hello-jobs-v2", on(3, "docker ps --filter label=role=jobs --format '{{.Names}}'"), "the job role runs beside web");

            timeline += ", rollback from " + java.time.LocalTime.now();
            Run rollback = dhow("rollback");
            timeline += " to " + java.time.LocalTime.now();
            assertEquals(0, rollback.code(), rollback.all());
            assertTrue(rollback.err().contains("Rolling back to v1"), rollback.err());
            assertEquals("v1", version(sandbox.host(1)));
            assertEquals("v1", version(sandbox.host(2)));

            RequestLoop.Result r1 = loop1.stop();
            RequestLoop.Result r2 = loop2.stop();
            assertTrue(r1.sent() > 50 && r2.sent() > 50, r1 + " " + r2);
            assertEquals(List.of(), r1.failures(), "failed requests on host 1 (" + timeline + ")\n" + deploy.err() + rollback.err());
            assertEquals(List.of(), r2.failures(), "failed requests on host 2 (" + timeline + ")\n" + deploy.err() + rollback.err());
        }
        assertEquals("hello-jobs-v1", on(3, "docker ps --filter label=role=jobs --format '{{.Names}}'"));
    }

    @Test
    @Order(2)
    void secretsReachTheContainerEnvironmentAndNothingElse() {
        assertEquals(SECRET, on(1, "docker exec hello-web-v1 sh -c 'echo $SECRET_TOKEN'"));
        assertEquals(SECRET, on(3, "docker exec hello-jobs-v1 sh -c 'echo $SECRET_TOKEN'"));
        assertEquals("600", on(1, "stat -c %a .kamal/apps/hello/env/roles/web.env"));
        for (int h = 1; h <= 3; h++) {
            assertFalse(on(h, "cat .kamal/hello-audit.log").contains(SECRET), "audit log on host " + h);
            assertFalse(on(h, "docker inspect --format '{{json .Args}} {{json .Config.Cmd}} {{json .Path}}' $(docker ps -aq)").contains(SECRET),
                    "container argv on host " + h);
        }
        Run redeploy = dhow("redeploy", "--skip-push", "--version", "v2", "--verbose");
        assertEquals(0, redeploy.code(), redeploy.all());
        assertFalse(redeploy.all().contains(SECRET), "verbose output");
        assertFalse(redeploy.all().contains("sandbox\n") && redeploy.all().contains("-p sandbox"), "registry password");
    }

    @Test
    @Order(2)
    void dryRunPrintsEveryCommandAndTouchesNoHost() throws Exception {
        String before = version(sandbox.host(1));
        String containers = on(1, "docker ps -a --format '{{.Names}} {{.State}}' | sort") + on(3, "docker ps -a --format '{{.Names}}' | sort");
        String audit = on(1, "cat .kamal/hello-audit.log");
        Run dry = dhow("deploy", "--version", "v9-dry", "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        // The boot's docker run goes in one command with its audit line and env file: find it on the host's line.
        assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("[" + sandbox.host(1).address() + "] ")
                && l.contains(" && docker run --detach --restart unless-stopped --name hello-web-v9-dry")), dry.out());
        assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("[" + sandbox.host(3).address() + "] ")
                && l.contains(" && docker run --detach --restart unless-stopped --name hello-jobs-v9-dry")), dry.out());
        assertTrue(dry.out().contains("[local] docker build -t "), "this machine has no buildx, and the dry run knows: " + dry.out());
        assertEquals(before, version(sandbox.host(1)));
        assertEquals(containers, on(1, "docker ps -a --format '{{.Names}} {{.State}}' | sort") + on(3, "docker ps -a --format '{{.Names}}' | sort"));
        assertEquals(audit, on(1, "cat .kamal/hello-audit.log"));
        assertEquals("", on(1, "ls -d .kamal/lock-hello 2>/dev/null || true"));
    }

    @Test
    @Order(3)
    void aVersionWhoseHealthCheckFailsLeavesTheOldOneServingAndReleasesTheLock() throws Exception {
        Path up = project.resolve("www/up");
        String upContent = Files.readString(up);
        Files.delete(up);
        try {
            Run deploy = dhow("deploy", "--version", "v3-broken");
            assertEquals(1, deploy.code(), deploy.all());
            assertTrue(deploy.err().contains("Deploying version v3-broken failed"), deploy.err());
            // Retrying the same broken version would fail the same way: the next step is to fix it.
            assertTrue(deploy.err().contains("Next: version v3-broken did not pass its health check"), deploy.err());
            assertFalse(deploy.err().contains("Retry with:"), deploy.err());
        } finally {
            Files.writeString(up, upContent);
        }
        assertEquals("v2", version(sandbox.host(1)));
        assertEquals("v2", version(sandbox.host(2)));
        assertEquals("hello-jobs-v2", on(3, "docker ps --filter label=role=jobs --format '{{.Names}}'"));
        Run status = dhow("lock", "status");
        assertEquals(0, status.code(), status.all());
        assertEquals("There is no deploy lock\n", status.out());
    }

    @Test
    @Order(4)
    void whenOneHostFailsTheHostsThatAlreadySwitchedAreSwitchedBack() throws Exception {
        // Host 2 carries an env tag that makes the new version fail its health check there only; boot.limit 1
        // boots host 1 first, so host 1 has switched to v5 by the time host 2 fails.
        Path start = project.resolve("start");
        String original = Files.readString(start);
        Files.writeString(start, "if [ -n \"$BREAK_UP\" ]; then rm -f /www/up; fi\n" + original);
        String tagged = config(sandbox, List.of(sandbox.host(1).address(), sandbox.host(2).address() + ": broken"),
                "  server: " + sandbox.registry() + "\n  username: sandbox\n  password: [REGISTRY_PASSWORD]\n")
                .replace("web: [" + sandbox.host(1).address() + ", " + sandbox.host(2).address() + ": broken]",
                        "web:\n    - " + sandbox.host(1).address() + "\n    - " + sandbox.host(2).address() + ": broken")
                .replace("  secret: [SECRET_TOKEN]\n", "  secret: [SECRET_TOKEN]\n  tags:\n    broken:\n      BREAK_UP: \"1\"\n")
                + "boot:\n  limit: 1\n";
        Files.writeString(project.resolve("config/tagged.yml"), tagged);
        try (RequestLoop loop = RequestLoop.start(sandbox.host(1).http("/version"), 20)) {
            Run deploy = dhow("deploy", "-c", "config/tagged.yml", "--version", "v5");
            assertEquals(1, deploy.code(), deploy.all());
            assertTrue(deploy.err().contains(sandbox.host(1).address() + " (web): switched back to v2"), deploy.err());
            assertEquals("v2", version(sandbox.host(1)));
            assertEquals("v2", version(sandbox.host(2)));
            RequestLoop.Result r = loop.stop();
            assertEquals(List.of(), r.failures(), "switching back drops no request");
            assertTrue(r.bodies().containsKey("v5"), "host 1 did serve v5 before switching back: " + r.bodies());
        } finally {
            Files.writeString(start, original);
        }
        assertEquals("", on(1, "docker ps -q --filter name=hello-web-v5"), "the new container is stopped");
        assertEquals("There is no deploy lock\n", dhow("lock", "status").out());
    }

    @Test
    @Order(5)
    void aHostThatIsDownStopsTheDeployCleanlyWithTheOthersUnchanged() throws Exception {
        // Nothing listens on this sandbox address: SSH to it is refused, as to a host that is down.
        String down = sandbox.host(1).address().replaceAll("\\.\\d+$", ".99");
        Files.writeString(project.resolve("config/down.yml"), config(sandbox,
                List.of(sandbox.host(1).address(), sandbox.host(2).address(), down), "  server: " + sandbox.registry()
                        + "\n  username: sandbox\n  password: [REGISTRY_PASSWORD]\n"));
        Run deploy = dhow("deploy", "-c", "config/down.yml", "--version", "v4");
        assertEquals(1, deploy.code(), deploy.all());
        assertTrue(deploy.err().contains(down + ": could not pull"), deploy.err());
        assertTrue(deploy.err().contains("no host was changed"), deploy.err());
        assertEquals("v2", version(sandbox.host(1)));
        assertEquals("v2", version(sandbox.host(2)));
        assertEquals("There is no deploy lock\n", dhow("lock", "status").out());
    }

    @Test
    @Order(6)
    void ofTwoConcurrentDeploysExactlyOneProceeds() throws Exception {
        Path hook = project.resolve(".kamal/hooks/pre-deploy");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nsleep 4\n");
        hook.toFile().setExecutable(true);
        try {
            CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> dhow("redeploy", "--skip-push", "--version", "v1"));
            CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> dhow("redeploy", "--skip-push", "--version", "v1"));
            List<Run> runs = List.of(a.get(), b.get());
            assertEquals(1, runs.stream().filter(r -> r.code() == 0).count(), runs.toString());
            Run loser = runs.stream().filter(r -> r.code() != 0).findFirst().orElseThrow();
            assertEquals(3, loser.code(), loser.all());
            assertTrue(loser.err().contains("Deploy lock already in place!"), loser.err());
        } finally {
            Files.delete(hook);
        }
        assertEquals("v1", version(sandbox.host(1)));
        assertEquals("There is no deploy lock\n", dhow("lock", "status").out());
    }

    @Test
    @Order(7)
    void maintenanceModeAnswers503UntilLiveAndAProxyRebootKeepsTheRoutes() throws Exception {
        Run maintenance = dhow("app", "maintenance", "--message", "Back soon");
        assertEquals(0, maintenance.code(), maintenance.all());
        assertEquals(503, dev.dhow.sandbox.HttpProbe.get(sandbox.host(1).http("/version"), null, Duration.ofSeconds(5)).status());
        Run live = dhow("app", "live");
        assertEquals(0, live.code(), live.all());
        assertEquals("v1", version(sandbox.host(1)));

        Run reboot = dhow("proxy", "reboot", "-y", "--rolling");
        assertEquals(0, reboot.code(), reboot.all());
        assertTrue(on(1, "docker exec kamal-proxy kamal-proxy list").contains("hello-web"), "routes restored from the proxy's state");
        assertEquals("v1", version(sandbox.host(1)));
        assertEquals("v1", version(sandbox.host(2)));
    }

    @Test
    @Order(8)
    void removeThenALocalRegistryDeployNeedsNoRegistryButTheTunnel() throws Exception {
        Run remove = dhow("remove", "-y");
        assertEquals(0, remove.code(), remove.all());
        assertEquals("", on(1, "docker ps -aq --filter label=service=hello"));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(project.resolve("config/local.yml"), config(sandbox, List.of(sandbox.host(1).address(), sandbox.host(2).address()),
                "  server: localhost:" + port + "\n"));
        try {
            Run setup = dhow("setup", "-c", "config/local.yml", "--version", "L1");
            assertEquals(0, setup.code(), setup.all());
            assertTrue(setup.err().contains("Setting up local registry port forwarding to"), setup.err());
            assertEquals("L1", version(sandbox.host(1)));
            assertEquals("L1", version(sandbox.host(2)));
            assertEquals("localhost:" + port + "/hello:L1", on(1, "docker inspect --format '{{.Config.Image}}' hello-web-L1"));
        } finally {
            dhow("registry", "remove", "-c", "config/local.yml");
            dhow("remove", "-y", "-c", "config/local.yml");
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
