package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.runningV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event sequence of each flow, read the way a machine reads it: {@code --json} on stdout, one object per line.
 * Against recorded hosts (1.1.1.1 and 1.1.1.2 web, 1.1.1.3 workers).
 */
class EventStreamTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> SHAPE = Set.of("run_started", "step_started", "host_failed", "host_state", "summary", "run_finished");

    @TempDir Path tmp;

    /** Every stdout line, parsed: the test fails if one is not a JSON object of schema version 1. */
    static List<JsonNode> events(Harness h) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : h.out.split("\n")) {
            if (line.isEmpty()) continue;
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            assertEquals(1, node.get("v").asInt(), line);
            assertTrue(node.hasNonNull("ts") && node.hasNonNull("type"), line);
            out.add(node);
        }
        return out;
    }

    /** The run's outline: run and step starts, host outcomes, summary, end; each as {@code type[:detail]}. */
    static List<String> outline(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String type = e.get("type").asText();
            if (!SHAPE.contains(type)) continue;
            out.add(switch (type) {
                case "run_started" -> type + ":" + e.get("command").asText();
                case "step_started" -> type + ":" + e.get("step").asText();
                case "host_failed" -> type + ":" + e.get("host").asText();
                case "host_state" -> type + ":" + e.get("host").asText() + ":" + e.get("state").asText();
                case "summary" -> type + ":" + e.get("version").asText();
                default -> type + ":" + e.get("status").asText() + ":" + e.get("exit_code").asInt();
            });
        }
        return out;
    }

    @Test
    void aDeployTellsItsStepsASummaryAndEndsWithItsExitStatus() throws Exception {
        Harness h = runningV1(tmp, "simple");
        h.local.fail("docker buildx version", 1, "unknown command");
        assertEquals(0, h.dhow("deploy", "--version", "v2", "--json"), h.err);
        List<JsonNode> events = events(h);
        assertEquals(List.of("run_started:deploy", "step_started:build", "step_started:pull", "step_started:proxy",
                "step_started:stale", "step_started:boot", "step_started:prune", "summary:v2", "run_finished:ok:0"), outline(events));
        JsonNode first = events.get(0);
        assertEquals("v2", first.get("version").asText());
        assertEquals("[\"1.1.1.1\",\"1.1.1.2\",\"1.1.1.3\"]", first.get("hosts").toString());
        JsonNode summary = events.stream().filter(e -> e.get("type").asText().equals("summary")).findFirst().orElseThrow();
        assertEquals("{\"web\":[\"1.1.1.1\",\"1.1.1.2\"],\"workers\":[\"1.1.1.3\"]}", summary.get("hosts_by_role").toString());
        assertEquals("run_finished", events.get(events.size() - 1).get("type").asText(), "the last event carries the exit status");
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("step_finished")
                && e.get("step").asText().equals("boot") && e.get("ok").asBoolean()));
        assertTrue(h.err.isEmpty(), "stderr keeps human errors only: " + h.err);
        assertFalse(h.out.contains("supersecret-master") || h.out.contains("hunter2-registry"), "secrets are redacted");
    }

    @Test
    void setupBootstrapsThenDeploys() throws Exception {
        Harness h = runningV1(tmp, "simple");
        h.local.fail("docker buildx version", 1, "unknown command");
        assertEquals(0, h.dhow("setup", "--version", "v2", "--json"), h.err);
        assertEquals(List.of("run_started:setup", "step_started:bootstrap", "step_started:build", "step_started:pull",
                "step_started:proxy", "step_started:stale", "step_started:boot", "step_started:prune", "summary:v2",
                "run_finished:ok:0"), outline(events(h)));
    }

    @Test
    void aFailedDeployNamesTheFailedHostWhereEachHostWasLeftAndTheNextStep() throws Exception {
        Harness h = runningV1(tmp, "simple");
        h.remote.fail("1.1.1.2", "kamal-proxy deploy", 1, "Error: target failed to become healthy");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2", "--json"), h.err);
        List<JsonNode> events = events(h);
        List<String> outline = outline(events);
        assertTrue(outline.contains("host_failed:1.1.1.2"), outline.toString());
        assertEquals("run_finished:failed:1", outline.get(outline.size() - 1));
        assertFalse(outline.stream().anyMatch(s -> s.startsWith("summary")), "no summary of a failed deploy");
        JsonNode last = events.get(events.size() - 1);
        assertTrue(last.get("message").asText().startsWith("Deploying version v2 failed"), last.toString());
        assertTrue(last.get("next_step").asText().startsWith("Next: version v2 did not pass its health check"), last.toString());
        assertTrue(h.err.contains("ERROR Deploying version v2 failed"), "the human error stays on stderr: " + h.err);
    }

    @Test
    void aRollbackBootsTheEarlierVersionAndSummarisesIt() throws Exception {
        Harness h = runningV1(tmp, "simple");
        h.remote.answer("docker ps -a --format '{{.Names}}'", "app-web-v2\napp-web-v1\napp-workers-v2\napp-workers-v1\n");
        h.remote.answer("echo ${line#app-web-}", "v2\n").answer("echo ${line#app-workers-}", "v2\n");
        h.remote.answer("name=^app-web-v1$", "old").answer("name=^app-workers-v1$", "old");
        assertEquals(0, h.dhow("rollback", "v1", "--json"), h.err);
        assertEquals(List.of("run_started:rollback", "step_started:boot", "summary:v1", "run_finished:ok:0"), outline(events(h)));
    }

    @Test
    void anInterruptedDeployEndsInterruptedWithTheSignalsExitCode() throws Exception {
        Harness h = runningV1(tmp, "simple");
        h.remote.onCommand("kamal-proxy deploy app-web --target=\"new-", () -> h.cancellation.signal("INT"));
        assertEquals(130, h.dhow("redeploy", "--skip-push", "--version", "v2", "--json"), h.err);
        List<String> outline = outline(events(h));
        assertEquals("run_finished:interrupted:130", outline.get(outline.size() - 1), outline.toString());
        assertTrue(outline.stream().anyMatch(s -> s.startsWith("host_state:1.1.1.1:") || s.startsWith("host_state:1.1.1.2:")), outline.toString());
    }
}
