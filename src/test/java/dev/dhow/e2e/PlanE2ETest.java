package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhow.cli.Dhow;
import dev.dhow.sandbox.LocalDocker;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHosts;
import dev.dhow.sandbox.SandboxScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code dhow plan} on real sandbox hosts: clean right after a deploy; after deploy.yml and a secret change, exactly
 * those changes on exactly those hosts, with the hosts left byte for byte as they were; clean again after the deploy.
 * Web runs on hosts 1 and 2 behind kamal-proxy, an accessory on host 2; host 3 is added by the edit, never set up.
 */
@SandboxHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanE2ETest {
    private static final String SECRET = "plan-secret-before-5d1e";
    private static final String NEW_SECRET = "plan-secret-after-9b07";
    private static final ObjectMapper JSON = new ObjectMapper();
    /*
     * Everything a plan could leave behind on a host: files under the SSH user's home (the audit log, the lock
     * directory, env files, accessory files), containers with their start times, images, networks, volumes, and
     * kamal-proxy's saved routes.
     */
    private static final String FINGERPRINT = String.join("; ",
            "find ~ -xdev -printf '%p %s %T@ %m\\n' | sort",
            "cat ~/.kamal/*-audit.log 2>/dev/null",
            "ls -d ~/.kamal/lock-* 2>/dev/null",
            "docker ps -a --no-trunc --format '{{.ID}} {{.Names}} {{.State}} {{.Image}}'",
            "docker inspect -f '{{.Name}} {{.State.StartedAt}} {{.RestartCount}}' $(docker ps -aq) 2>/dev/null",
            "docker images --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}'",
            "docker network ls --format '{{.ID}} {{.Name}}'",
            "docker volume ls --format '{{.Name}}'",
            "docker exec kamal-proxy cat /home/kamal-proxy/.config/kamal-proxy/kamal-proxy.state 2>/dev/null",
            "true");

    private static Sandbox sandbox;
    private static Path project;
    private static Path home;

    record Run(int code, String out, String err) {
        String all() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeAll
    static void setUpWebAndAnAccessoryOnTwoHosts(Sandbox s) throws IOException {
        sandbox = s;
        Path root = SandboxScript.findProjectRoot();
        LocalDocker docker = new LocalDocker(root);
        String cache = s.registry() + "/dhow-e2e/busybox:1.35";
        docker.run("tag", "dhow-sandbox-busybox:1.35", cache).orThrow();
        docker.run("push", cache).orThrow();

        Path tmp = Files.createTempDirectory("dhow-plan-e2e-");
        home = Files.createDirectories(tmp.resolve("home"));
        project = tmp.resolve("project");
        copy(root.resolve("examples/hello"), project, Map.of());
        Files.delete(project.resolve("config/deploy.yml"));
        copy(root.resolve("src/test/resources/e2e/plan"), project, Map.of("@REGISTRY@", s.registry(),
                "@HOST1@", s.host(1).address(), "@HOST2@", s.host(2).address(), "@SSH_KEY@", s.sshKey().toString(),
                "@PROXY_REGISTRY@", s.proxyRegistry(), "@PROXY_REPOSITORY@", s.proxyRepository(), "@PROXY_VERSION@", s.proxyVersion()));
        Files.createDirectories(project.resolve(".kamal"));
        secrets(SECRET);

        Run setup = dhow("setup", "--version", "v1");
        assertEquals(0, setup.code(), setup.all());
    }

    @Test
    @Order(1)
    void rightAfterADeployThePlanFindsNothingToChangeOnAnyHost() {
        Run plan = dhow("plan", "--version", "v1");

        assertEquals(0, plan.code(), plan.all());
        assertTrue(plan.out().contains(host(1) + ": no changes\n" + host(2) + ": no changes\n"), plan.all());
        assertTrue(plan.out().endsWith("0 of 2 hosts would change.\n"), plan.all());
        assertEquals(List.of(), changes(dhow("plan", "--version", "v1", "--json")), "the JSON plan lists no change either");
    }

    @Test
    @Order(2)
    void afterEditingDeployYmlThePlanListsExactlyThoseChangesOnExactlyThoseHostsAndTouchesNothing() throws IOException {
        edit("GREETING: hi # env", "GREETING: hello");
        edit("# volumes", "volumes:\n  - /srv/hello-data:/data");
        edit("host: hello.example # proxy host", "host: plan.example");
        edit("MODE: fast # accessory env", "MODE: slow");
        edit("[" + host(1) + ", " + host(2) + "] # +host", "[" + host(1) + ", " + host(2) + ", " + host(3) + "]");
        secrets(NEW_SECRET);
        List<String> before = fingerprints();

        Run text = dhow("plan", "--version", "v1");
        Run json = dhow("plan", "--version", "v1", "--json");

        assertEquals(2, text.code(), text.all());
        assertEquals(2, json.code(), json.all());
        String h1 = host(1), h2 = host(2), h3 = host(3);
        List<String> app = List.of("app web: update", "app web ~ env GREETING: hi -> hello", "app web ~ env SECRET_TOKEN: (secret)",
                "app web + volume: -> /srv/hello-data:/data", "route hello-web: update", "route hello-web ~ host: hello.example -> plan.example");
        List<String> expected = new ArrayList<>();
        for (String h : List.of(h1, h2)) app.forEach(c -> expected.add(h + " " + c));
        expected.addAll(List.of(h2 + " accessory cache: reboot", h2 + " accessory cache ~ env MODE: fast -> slow"));
        expected.addAll(List.of(h3 + " network kamal: create", h3 + " kamal-proxy: create", h3 + " app web: create", h3 + " route hello-web: create"));
        assertEquals(new TreeSet<>(expected), new TreeSet<>(changes(json)), json.all());

        assertTrue(text.out().contains("      ~ env SECRET_TOKEN: changed (value not shown)\n"), text.all());
        assertTrue(text.out().endsWith("3 of 3 hosts would change.\n"), text.all());
        for (Run r : List.of(text, json)) {
            assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), "the old secret leaked:\n" + r.all());
            assertFalse(r.out().contains(NEW_SECRET) || r.err().contains(NEW_SECRET), "the new secret leaked:\n" + r.all());
        }
        assertEquals(before, fingerprints(), "plan changed something on a host");
    }

    @Test
    @Order(3)
    void afterTheDeployAndTheAccessoryRebootThePlanIsCleanAgain() {
        // A deploy never reboots accessories (Kamal's neither): the plan said so, and said to run this.
        Run reboot = dhow("accessory", "reboot", "cache");
        assertEquals(0, reboot.code(), reboot.all());
        Run deploy = dhow("deploy", "--skip-push", "--version", "v1");
        assertEquals(0, deploy.code(), deploy.all());

        Run plan = dhow("plan", "--version", "v1");

        assertEquals(0, plan.code(), plan.all());
        assertTrue(plan.out().endsWith("0 of 3 hosts would change.\n"), plan.all());
        assertEquals(List.of(), changes(dhow("plan", "--version", "v1", "--json")));
    }

    /** Each resource that would change, and each of its changes, as {@code host kind name: action} / {@code … op field: old -> new}. */
    private static List<String> changes(Run json) {
        List<String> out = new ArrayList<>();
        for (String line : json.out().split("\n")) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line + "\n" + json.all(), e);
            }
            if (!node.path("type").asText().equals("plan_resource") || node.path("action").asText().equals("none")) continue;
            String resource = node.path("host").asText() + " " + node.path("resource").asText()
                    + (node.path("name").asText().isEmpty() ? "" : " " + node.path("name").asText());
            out.add(resource + ": " + node.path("action").asText());
            for (JsonNode c : node.path("changes")) {
                String values = c.path("secret").asBoolean() ? "(secret)"
                        : (c.has("old") ? c.path("old").asText() + " " : "") + "-> " + c.path("new").asText("");
                out.add(resource + " " + c.path("op").asText() + " " + c.path("field").asText() + ": " + values);
            }
        }
        return out;
    }

    private static List<String> fingerprints() {
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= 3; n++) out.add(sandbox.host(n).ssh(FINGERPRINT).orThrow().stdout());
        return out;
    }

    private static String host(int n) {
        return sandbox.host(n).address();
    }

    private static void edit(String from, String to) throws IOException {
        Path file = project.resolve("config/deploy.yml");
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void secrets(String token) throws IOException {
        Files.writeString(project.resolve(".kamal/secrets"), "REGISTRY_PASSWORD=sandbox\nSECRET_TOKEN=" + token + "\nCACHE_PASSWORD=cache-pw-31a\n");
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

    private static void copy(Path from, Path to, Map<String, String> values) throws IOException {
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
                if (Files.isExecutable(p)) target.toFile().setExecutable(true);
            }
        }
    }
}
