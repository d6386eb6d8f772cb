package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.sandbox.HttpProbe;
import dev.dhow.sandbox.LocalDocker;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHost;
import dev.dhow.sandbox.SandboxHosts;
import dev.dhow.sandbox.SandboxScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day-2 commands on real sandbox hosts: the {@code shop} app on hosts 1 and 2, its PostgreSQL accessory {@code db}
 * on host 2 (image built here from Debian's postgresql, its data directory and a volume named with shell syntax),
 * the password in {@code .kamal/secrets}. The tests run in
 * order on one deployment; dhow runs in-process, except where a real terminal or a never-ending command is the
 * point ({@code dhow console} under {@code script}, {@code app logs -f}), where it runs as its own process.
 */
@SandboxHosts(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoE2ETest {
    private static Path project;
    private static Path home;
    private static String dbImage;

    record Run(int exit, String out, String err) {
        Run orThrow() {
            if (exit != 0) throw new AssertionError("dhow exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    @BeforeAll
    static void deployTheShopWithItsDatabase(Sandbox sandbox) throws Exception {
        Path root = SandboxScript.findProjectRoot();
        dbImage = new LocalDocker(root).buildAndPush("src/test/resources/e2e/accessory/postgres", sandbox.registry() + "/dhow-e2e/postgres:15");
        Path tmp = Files.createTempDirectory("dhow-day2-");
        home = Files.createDirectories(tmp.resolve("home"));
        project = tmp.resolve("shop");
        Map<String, String> values = Map.of("@REGISTRY@", sandbox.registry(), "@HOST1@", sandbox.host(1).address(),
                "@HOST2@", sandbox.host(2).address(), "@PROXY_REGISTRY@", sandbox.proxyRegistry(),
                "@PROXY_REPOSITORY@", sandbox.proxyRepository(), "@PROXY_VERSION@", sandbox.proxyVersion(),
                "@SSH_KEY@", sandbox.sshKey().toString());
        copyFilling(root.resolve("src/test/resources/e2e/accessory/shop"), project, values);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.email=e2e@dhow.dev", "-c", "user.name=e2e", "commit", "-qm", "shop");

        dhow("setup").orThrow();
        awaitNotes(sandbox.host(2), body -> body.isEmpty(), "the empty notes table");
    }

    @Test
    @Order(0)
    void aDataDirectoryAndVolumeHoldingShellSyntaxAreMountedAsWrittenAndRunNothingOnTheHost(Sandbox sandbox) {
        SandboxHost host = sandbox.host(2);
        String home = host.ssh("pwd").orThrow().stdout().strip();

        String mounts = host.ssh("docker inspect --format '{{range .Mounts}}{{.Source}}|{{.Destination}}{{println}}{{end}}' shop-db")
                .orThrow().stdout();

        assertTrue(mounts.contains(home + "/shop-db/data dir$(touch /tmp/dhow-pwned-by-directory)|/var/lib/postgresql/data\n"), mounts);
        assertTrue(mounts.contains("/srv/shop backups$(touch /tmp/dhow-pwned-by-volume)|/srv/backups\n"), mounts);
        assertEquals("", host.ssh("ls /tmp | grep dhow-pwned || true").orThrow().stdout(), "a command substitution ran on the host");
    }

    @Test
    @Order(1)
    void theAppOnTheSecondHostReadsTheDatabaseOverTheKamalNetworkWithThePasswordFromTheSecrets(Sandbox sandbox) throws Exception {
        dhow("accessory", "exec", "db", "--reuse", "psql -h /tmp -U postgres -d app -c \"INSERT INTO notes (body) VALUES ('kept across reboot')\"").orThrow();

        String notes = awaitNotes(sandbox.host(2), body -> body.contains("kept across reboot"), "the inserted note");

        assertEquals("kept across reboot", notes.strip());
        String env = sandbox.host(2).ssh("cat .kamal/apps/shop/env/accessories/db.env").orThrow().stdout();
        assertEquals("DB_PASSWORD=s3cret-from-kamal-secrets\n", env);
        String rendered = sandbox.host(2).ssh("cat shop-db/etc/dhow/init.sql").orThrow().stdout();
        assertTrue(rendered.contains("CREATE USER app PASSWORD 's3cret-from-kamal-secrets';"), rendered);
    }

    @Test
    @Order(2)
    void theDatabaseKeepsItsDataAcrossAnAccessoryReboot(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(2);
        String before = host.ssh("docker ps -q --filter label=service=shop-db").orThrow().stdout().strip();

        Run reboot = dhow("accessory", "reboot", "db").orThrow();

        String after = host.ssh("docker ps -q --filter label=service=shop-db").orThrow().stdout().strip();
        assertNotEquals("", after, reboot.err());
        assertNotEquals(before, after, "reboot runs a new container");
        assertEquals("kept across reboot", awaitNotes(host, body -> body.contains("kept across reboot"), "the note after the reboot").strip());
    }

    @Test
    @Order(3)
    void detailsAndAuditShowTheAccessoryAndWhatWasDone(Sandbox sandbox) {
        Run details = dhow("details").orThrow();
        Run audit = dhow("audit").orThrow();

        assertTrue(details.out().contains("Accessory db Host: " + sandbox.host(2).address()), details.out());
        assertTrue(details.out().contains("shop-db"), details.out());
        assertTrue(details.out().contains("App Host: " + sandbox.host(1).address()), details.out());
        assertTrue(audit.out().contains("Booted db accessory"), audit.out());
        assertTrue(audit.out().contains("Executed cmd 'psql -h /tmp"), audit.out());
    }

    @Test
    @Order(4)
    void theConsoleAliasRunsAnInteractiveShellInTheRunningContainerThroughAPty(Sandbox sandbox) throws Exception {
        // script(1) gives dhow a real terminal, so it asks docker for -it and puts the terminal in raw mode.
        Process console = new ProcessBuilder("script", "-qefc", javaCommand("console"), "/dev/null")
                .directory(project.toFile()).redirectErrorStream(true).start();
        Output output = Output.of(console.getInputStream());
        try (OutputStream keys = console.getOutputStream()) {
            output.await(s -> s.contains("# ") || s.contains("$ "), Duration.ofSeconds(60), "the shell prompt");
            type(keys, "tty; echo $((6*7))_answer; echo $DB_HOST\r");
            output.await(s -> s.contains("42_answer"), Duration.ofSeconds(30), "the answer");
            type(keys, "exit 3\r");
            assertTrue(console.waitFor(30, TimeUnit.SECONDS), output.text());
        } finally {
            console.destroyForcibly();
        }

        String text = output.text();
        assertTrue(text.contains("/dev/pts/"), "the container shell has a terminal: " + text);
        assertTrue(text.contains("shop-db"), text);
        assertEquals(3, console.exitValue(), "the remote exit code is dhow's: " + text);
    }

    @Test
    @Order(5)
    void theDbcAliasOpensPsqlInTheAccessoryOnItsHost(Sandbox sandbox) throws Exception {
        Process dbc = new ProcessBuilder("script", "-qefc", javaCommand("dbc"), "/dev/null")
                .directory(project.toFile()).redirectErrorStream(true).start();
        Output output = Output.of(dbc.getInputStream());
        try (OutputStream keys = dbc.getOutputStream()) {
            output.await(s -> s.contains("app=#"), Duration.ofSeconds(60), "the psql prompt");
            type(keys, "SELECT 'rows=' || count(*) FROM notes;\r");
            output.await(s -> s.contains("rows=1"), Duration.ofSeconds(30), "the query result");
            type(keys, "\\q\r");
            assertTrue(dbc.waitFor(30, TimeUnit.SECONDS), output.text());
        } finally {
            dbc.destroyForcibly();
        }
        assertEquals(0, dbc.exitValue(), output.text());
    }

    @Test
    @Order(6)
    void followingTheAppLogsThroughGrepShowsTheLinesOfBothHostsAsTheyComePrefixedByHost(Sandbox sandbox) throws Exception {
        String h1 = sandbox.host(1).address();
        String h2 = sandbox.host(2).address();
        Process follow = new ProcessBuilder("sh", "-c", javaCommand("app logs -f -g 'started on\\|marker-from-exec'") + " </dev/null")
                .directory(project.toFile()).start();
        Output output = Output.of(follow.getInputStream());
        Output errors = Output.of(follow.getErrorStream());
        try {
            output.await(s -> s.contains("[" + h1 + "] ") && s.contains("[" + h2 + "] "), Duration.ofSeconds(60),
                    "lines from both hosts (stderr: " + errors.text() + ")");
            // Still following, through grep: a new line on host 2 arrives at once, not when grep's buffer fills.
            dhow("app", "exec", "--reuse", "-h", h2, "sh -c 'echo marker-from-exec > /proc/1/fd/1'").orThrow();
            output.await(s -> s.contains("[" + h2 + "] ") && s.contains("marker-from-exec"), Duration.ofSeconds(30), "the new line");
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
            follow.destroyForcibly();
        }
        for (String line : output.text().split("\n")) {
            if (line.isBlank()) continue;
            assertTrue(line.startsWith("[" + h1 + "] ") || line.startsWith("[" + h2 + "] "), "unprefixed line: " + line);
        }
        assertTrue(output.text().contains("[" + h1 + "] ") && output.text().contains("shop ") && output.text().contains("started on " + h1), output.text());
    }

    @Test
    @Order(7)
    void removingTheAccessoryWithYesLeavesNothingBehind(Sandbox sandbox) {
        SandboxHost host = sandbox.host(2);

        Run removed = dhow("accessory", "remove", "db", "-y").orThrow();

        assertEquals("", host.ssh("docker ps -aq --filter label=service=shop-db").orThrow().stdout().strip(), removed.err());
        assertEquals("", host.ssh("docker image ls -q " + dbImage).orThrow().stdout().strip(), "the image is gone");
        assertNotEquals(0, host.ssh("ls shop-db").exitCode(), "the data and files directory is gone");
        assertNotEquals(0, host.ssh("ls .kamal/apps/shop/env/accessories/db.env").exitCode(), "the secrets env file is gone");
        assertTrue(host.ssh("docker ps -q --filter label=service=shop").orThrow().stdout().strip().length() > 0, "the app still runs");
    }

    @AfterAll
    static void removeTheLocalProject() throws IOException {
        if (project == null) return;
        try (var paths = Files.walk(project.getParent())) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // --- helpers ---

    private static Run dhow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment(), project, Services.real()).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("DOCKER_BUILDKIT", "0");
        return env;
    }

    /** A shell command running dhow in its own JVM, with this test run's classpath. */
    private static String javaCommand(String args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "HOME=" + home + " exec " + java + " -cp " + classpath + " dev.dhow.cli.Dhow " + args;
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String awaitNotes(SandboxHost host, Predicate<String> ready, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpProbe.Response r = HttpProbe.get(host.http("/cgi-bin/notes"), host.address(), Duration.ofSeconds(10));
                last = r.status() + " " + r.body();
                if (r.status() == 200 && !r.body().contains("psql:") && ready.test(r.body().strip())) return r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("timed out waiting for " + what + "; last answer: " + last);
    }

    private static void git(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
    }

    private static void copyFilling(Path from, Path to, Map<String, String> values) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    continue;
                }
                String text = Files.readString(p);
                for (var e : values.entrySet()) text = text.replace(e.getKey(), e.getValue());
                Files.writeString(target, text);
            }
        }
    }

    /** Collects a process stream in the background, so tests can wait for text to appear. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        static Output of(InputStream in) {
            Output o = new Output();
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (o.bytes) {
                            o.bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "dhow-e2e-output");
            t.setDaemon(true);
            t.start();
            return o;
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void await(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (condition.test(text())) return;
                Thread.sleep(200);
            }
            throw new AssertionError("timed out waiting for " + what + "; output so far:\n" + text());
        }
    }
}
