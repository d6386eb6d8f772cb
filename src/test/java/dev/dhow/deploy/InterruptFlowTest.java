package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.runningV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a signal does to a deploy in flight, against recorded hosts (1.1.1.1 and 1.1.1.2 web, 1.1.1.3 workers). */
class InterruptFlowTest {
    @TempDir Path tmp;

    static final String LOCK_RELEASE = "rm .kamal/lock-app/details && rm -r .kamal/lock-app";

    @Test
    void aSignalDuringTheBootPutsEveryHostBackReleasesTheLockAndExits130() {
        Harness h = runningV1(tmp, "simple");
        h.remote.onCommand("kamal-proxy deploy app-web --target=\"new-", () -> h.cancellation.signal("INT"));
        assertEquals(130, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("Interrupted (SIGINT) while deploying version v2; hosts are back on the version they ran before:"), h.err);
        assertTrue(h.err.contains("Deploy again with: dhow redeploy --skip-push --version v2"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals(LOCK_RELEASE, on1.get(on1.size() - 1));
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker tag")), "nothing is tagged latest");
        // Hosts boot in parallel, so each may have got anywhere when the signal came; each is put back from there.
        for (String host : List.of("1.1.1.1", "1.1.1.2")) {
            List<String> on = h.remote.commandsOn(host);
            boolean started = on.stream().anyMatch(c -> c.contains("docker run --detach"));
            boolean routed = on.stream().anyMatch(c -> c.contains("kamal-proxy deploy app-web --target=\"new-" + host));
            if (routed) {
                assertTrue(h.err.contains(host + " (web): switched back to v1"), h.err);
                assertTrue(on.contains("docker start app-web-v1"), on.toString());
            } else if (started) {
                assertTrue(h.err.contains(host + " (web): stopped the new container before it served; still on v1"), h.err);
            } else {
                assertTrue(h.err.contains(host + " (web): not booted: still on "), h.err);
            }
            if (started) assertTrue(on.contains(DeployFlowTest.id("web", "v2") + " | xargs docker stop"), "the new container is stopped on " + host + ": " + on);
        }
        assertTrue(h.err.contains("1.1.1.3 (workers): not booted: still on ")
                || h.err.contains("1.1.1.3 (workers): stopped the new container before it served; still on v1"), h.err);
        assertTrue(h.err.indexOf("  1.1.1.1 (web)") < h.err.indexOf("  1.1.1.2 (web)"), "hosts in their order: " + h.err);
    }

    @Test
    void aSignalBeforeAnyHostIsTouchedStopsAtOnceAndReleasesTheLock() {
        Harness h = runningV1(tmp, "simple");
        h.remote.onCommand("docker pull", () -> h.cancellation.signal("TERM"));
        assertEquals(143, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker run --detach")), "no container is started");
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals(LOCK_RELEASE, on1.get(on1.size() - 1));
        assertTrue(h.err.contains("Interrupted (SIGTERM)"), h.err);
    }

    @Test
    void aSecondSignalDuringTheUndoSkipsTheRestAndSaysHowToPutTheHostsBack() {
        Harness h = runningV1(tmp, "simple");
        h.remote.onCommand("kamal-proxy deploy app-web --target=\"new-", () -> h.cancellation.signal("INT"));
        // The undo has begun when the first old container is started again: that is when the user insists.
        h.remote.onCommand("docker start app-web-v1", () -> h.cancellation.signal("INT"));
        assertEquals(130, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("Interrupted twice (SIGINT) while deploying version v2; the undo was cut short"), h.err);
        assertTrue(h.err.contains("undo skipped after a second interrupt"), h.err);
        assertTrue(h.err.contains("Put them back with: dhow rollback v1"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals(LOCK_RELEASE, on1.get(on1.size() - 1));
    }

    @Test
    void theOutputLogOfAnInterruptedRunSaysSo() throws Exception {
        Harness h = runningV1(tmp, "session_log");
        h.remote.onCommand("kamal-proxy deploy app-web --target=\"new-", () -> h.cancellation.signal("INT"));
        assertEquals(130, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        try (var files = java.nio.file.Files.list(h.project.resolve("log/dhow"))) {
            String log = java.nio.file.Files.readString(files.findFirst().orElseThrow());
            assertTrue(log.contains("\n# FAILED: interrupted (SIGINT) ("), log);
        }
    }
}
