package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhow plan} against what real hosts printed for its one read-only command: sandbox hosts right after
 * {@code dhow setup} of v1 ({@code src/test/resources/plan/after-setup-v1}: web on .1 and .2 behind kamal-proxy, a
 * job role and an accessory on .3) and a host that ran v1, v2 and v3 ({@code plan/three-versions}), compared with the
 * configuration of each {@code deploy/plan_*} scenario.
 */
class PlanningTest {
    private static final String SNAPSHOT = "echo @@dhow:home";
    private static final List<String> HOSTS = List.of("127.0.10.1", "127.0.10.2", "127.0.10.3");
    // What the hosts' containers and env files hold (plan_after_setup's secrets) and what plan_edited's secrets say.
    private static final List<String> SECRETS = List.of("tok-secret-111", "tok-secret-999", "cachepw-222");

    @TempDir Path tmp;

    @Test
    void rightAfterSetupEveryHostHasNoChangesAndWasAskedOnceWithNothingWritten() {
        Harness h = afterSetup("plan_after_setup");

        assertEquals(0, h.dhow("plan", "--version", "v1"), h.err);

        assertEquals("""
                Deploying v1 (127.0.10.254:5000/hello:v1: in the registry)
                127.0.10.1: no changes
                127.0.10.2: no changes
                127.0.10.3: no changes
                0 of 3 hosts would change.
                """, h.out);
        assertEquals("Comparing 3 hosts with deploy.yml for v1 (read only: no lock, nothing written)...\n", h.err);
        // One command per host and nothing else: no lock, no audit line, no upload, no login, nothing run locally.
        assertEquals(HOSTS, h.remote.calls().stream().map(RecordingExecutor.Call::host).sorted().toList());
        assertTrue(h.remote.calls().stream().allMatch(c -> c.command().startsWith(SNAPSHOT)), h.remoteLines().toString());
        assertEquals(List.of(), h.local.calls());
    }

    @Test
    void theSnapshotCommandOnlyReads() {
        Harness h = afterSetup("plan_after_setup");
        h.dhow("plan", "--version", "v1", "-h", "127.0.10.3");

        String command = h.remote.commandsOn("127.0.10.3").get(0);
        // Each thing it runs, with what it reads: nothing that creates, removes, starts or stops, and no redirect to a file.
        for (String word : List.of("mkdir", "rm ", "docker run", "docker rm", "docker rmi", "docker start", "docker stop", "docker exec",
                "docker pull", "docker tag", "docker network create", "kamal-proxy deploy", "touch", "tee")) {
            assertFalse(command.contains(word), word + " in " + command);
        }
        assertFalse(command.replace(">/dev/null", "").replace("2>&1", "").replace("<none>", "").contains(">"), "output goes nowhere but /dev/null: " + command);
        assertTrue(command.contains("sed 's/=.*//' \"$f\""), "env files: keys only, values stay on the host: " + command);
    }

    @Test
    void aDryRunShowsTheCommandEachHostWouldRunAndNoPlan() {
        Harness h = new Harness(tmp, "plan_after_setup");

        assertEquals(0, h.dhow("plan", "--version", "v1", "--dry-run", "-h", "127.0.10.1"), h.err);

        assertTrue(h.out.startsWith("[127.0.10.1] echo @@dhow:home; "), h.out);
        assertFalse(h.out.contains("would change") || h.out.contains("Deploying v1"), h.out);
        assertEquals(List.of(), h.remote.calls());
    }

    @Test
    void anEditedConfigListsEveryChangedFieldPerHostAndNeverASecret() {
        Harness h = afterSetup("plan_edited");

        assertEquals(2, h.dhow("plan", "--version", "v1"), h.err);

        String web = """
                  ~ app web: v1, booted again with the changes below
                      ~ env GREETING: hi → hello
                      + env LANG: C.UTF-8
                      ~ env SECRET_TOKEN: changed (value not shown)
                      + label team: ops
                      + volume: /srv/hello:/data
                      ~ log-opt max-size: 10m → 20m
                      + option cpus: 0.5
                      + option memory: 256m
                  ~ route hello-web: dhow deploy changes it
                      ~ host: hello.example → hello2.example
                      ~ health-check-path: /up → /health
                      ~ target-timeout: 30s → 10s
                """;
        assertEquals("Deploying v1 (127.0.10.254:5000/hello:v1: in the registry)\n"
                + "127.0.10.1\n" + web
                + "127.0.10.2\n" + web
                + """
                127.0.10.3
                  ~ app jobs: v1, booted again with the changes below
                      ~ env GREETING: hi → hello
                      + env LANG: C.UTF-8
                      ~ env SECRET_TOKEN: changed (value not shown)
                      + label team: ops
                      + volume: /srv/hello:/data
                      ~ log-opt max-size: 10m → 20m
                  ~ accessory cache: needs a reboot: dhow accessory reboot cache (dhow deploy does not reboot accessories)
                      ~ env MODE: fast → slow
                      ~ log-opt max-size: 10m → 20m
                      + publish: 127.0.0.1:6379:6379/tcp
                      ~ file hello-cache/etc/cache.conf: changed (value not shown)
                3 of 3 hosts would change.
                """, h.out);
        assertNoSecret(h);
    }

    @Test
    void withJsonThePlanIsInTheEventStreamOneObjectPerHostAndResourceSecretsMarkedWithoutValues() throws IOException {
        Harness h = afterSetup("plan_edited");

        assertEquals(2, h.dhow("plan", "--version", "v1", "--json", "-h", "127.0.10.3"), h.err);

        List<JsonNode> lines = json(h.out);
        assertEquals(List.of("run_started", "info", "plan", "plan_host", "plan_resource", "plan_resource", "plan_summary", "run_finished"),
                lines.stream().map(l -> l.path("type").asText()).toList());
        assertEquals("""
                {"version":"v1","image":"127.0.10.254:5000/hello:v1","in_registry":true,"registry":"in the registry"}""", fields(lines.get(2)));
        assertEquals("""
                {"host":"127.0.10.3","changes":true,"unknown":false}""", fields(lines.get(3)));
        JsonNode jobs = lines.get(4);
        assertEquals("127.0.10.3 app jobs update", jobs.path("host").asText() + " " + jobs.path("resource").asText() + " "
                + jobs.path("name").asText() + " " + jobs.path("action").asText());
        assertEquals("""
                {"op":"~","field":"env GREETING","old":"hi","new":"hello"}""", jobs.path("changes").get(0).toString());
        assertEquals("""
                {"op":"~","field":"env SECRET_TOKEN","secret":true}""", jobs.path("changes").get(2).toString());
        assertEquals("accessory cache reboot", lines.get(5).path("resource").asText() + " " + lines.get(5).path("name").asText() + " "
                + lines.get(5).path("action").asText());
        assertEquals("""
                {"hosts":1,"changed":1,"unknown":0,"changes":true}""", fields(lines.get(6)));
        assertEquals(2, lines.get(7).path("exit_code").asInt(), "run_finished carries the plan's exit code");
        assertNoSecret(h);
    }

    @Test
    void anUnreachableHostAndOneWithoutDockerAreFindingsAndTheIncompletePlanExitsOne() {
        Harness h = new Harness(tmp, "plan_after_setup");
        h.remote.answer("127.0.10.1", SNAPSHOT, read("plan/after-setup-v1/127.0.10.1.txt"));
        h.remote.unreachable("127.0.10.2");
        h.remote.answer("127.0.10.3", SNAPSHOT, "@@dhow:home\n/root\n@@dhow:no-docker\n");

        assertEquals(1, h.dhow("plan", "--version", "v1"), h.err);

        assertEquals("""
                Deploying v1 (127.0.10.254:5000/hello:v1: in the registry)
                127.0.10.1: no changes
                127.0.10.2
                  ? host: unreachable: connection refused
                127.0.10.3
                  ! host docker: Docker is not installed: dhow deploy would fail; dhow setup installs it
                1 of 3 hosts would change, 1 could not be checked.
                """, h.out);
        assertTrue(h.err.endsWith("ERROR The plan is incomplete: 1 host could not be checked\n"), h.err);
    }

    @Test
    void aNewVersionNotYetInTheRegistryIsBootedFromWhatDeployWouldPush() {
        Harness h = afterSetup("plan_after_setup");
        h.registry = (registry, image, tag, secrets) -> new RegistryProbe.Answer(Optional.of(false), "not in the registry yet");

        assertEquals(2, h.dhow("plan", "--version", "v2", "-h", "127.0.10.1"), h.err);

        assertEquals("""
                Deploying v2 (127.0.10.254:5000/hello:v2: not in the registry yet (dhow deploy builds and pushes it))
                127.0.10.1
                  ~ app web: v1 → v2 (image not on the host yet)
                1 of 1 host would change.
                """, h.out);
    }

    @Test
    void thePrunePreviewNamesTheStoppedContainersBeyondRetainContainers() {
        Harness h = new Harness(tmp, "plan_retain_one");
        h.remote.answer("127.0.10.1", SNAPSHOT, read("plan/three-versions/127.0.10.1.txt"));

        assertEquals(2, h.dhow("plan", "--version", "v3", "-h", "127.0.10.1"), h.err);

        assertEquals("""
                Deploying v3 (127.0.10.254:5000/hello:v3: in the registry)
                127.0.10.1
                  - prune: 1 stopped container, 0 images: what dhow prune all would remove now
                      - container: hello-web-v1
                1 of 1 host would change.
                """, h.out);
    }

    @Test
    void deployWithPlanRefusesWithoutATerminalOrYesBeforeAnythingRuns() {
        Harness h = afterSetup("plan_edited");

        assertEquals(1, h.dhow("deploy", "--plan", "--skip-push", "--version", "v1"));

        assertTrue(h.err.contains("dhow deploy --plan asks before deploying, and there is no terminal to ask on: pass -y to deploy without asking"), h.err);
        assertEquals(List.of(), h.remote.calls());
        assertEquals("", h.out);
    }

    @Test
    void deployWithPlanAndYesPrintsThePlanThenDeploys() {
        Harness h = afterSetup("plan_after_setup");
        String newContainer = "docker container ls --all --filter 'name=^hello-web-v2$' --quiet";
        h.remote.answerOnce("127.0.10.1", newContainer, "").answer(newContainer, "abc123");

        assertEquals(0, h.dhow("deploy", "--plan", "-y", "--skip-push", "--version", "v2", "-h", "127.0.10.1"), h.err);

        assertTrue(h.out.startsWith("""
                Deploying v2 (127.0.10.254:5000/hello:v2: in the registry)
                127.0.10.1
                  ~ app web: v1 → v2 (image not on the host yet)
                1 of 1 host would change.
                """), h.out);
        List<String> commands = h.remote.commandsOn("127.0.10.1");
        assertTrue(commands.get(0).startsWith(SNAPSHOT), commands.get(0));
        assertTrue(commands.get(1).startsWith("mkdir -p .kamal && mkdir .kamal/lock-hello"), "then the deploy, under the lock: " + commands.get(1));
        assertTrue(commands.stream().anyMatch(c -> c.contains("docker run --detach --restart unless-stopped --name hello-web-v2 ")), commands.toString());
    }

    private Harness afterSetup(String scenario) {
        Harness h = new Harness(tmp, scenario);
        for (String host : HOSTS) h.remote.answer(host, SNAPSHOT, read("plan/after-setup-v1/" + host + ".txt"));
        return h;
    }

    private static void assertNoSecret(Harness h) {
        for (String secret : SECRETS) {
            assertFalse(h.out.contains(secret) || h.err.contains(secret), secret + " leaked:\n" + h.out + h.err);
        }
    }

    /** An event's own fields, without the envelope (v, ts, type). */
    private static String fields(JsonNode event) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = event.deepCopy();
        copy.remove(List.of("v", "ts", "type"));
        return copy.toString();
    }

    private static List<JsonNode> json(String out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) nodes.add(mapper.readTree(line));
        return nodes;
    }

    private static String read(String resource) {
        try {
            return Files.readString(Path.of("src/test/resources", resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
