package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.id;
import static dev.dhow.deploy.DeployFlowTest.proxyDeploy;
import static dev.dhow.deploy.DeployFlowTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary deploys against recorded hosts: web on 1.1.1.1 and 1.1.1.2 (proxied), workers on 1.1.1.3; {@code x-dhow:
 * canary:} soaks 6 s with checks every 2 s, so the canary hosts are 1.1.1.1 (web) and 1.1.1.3 (workers).
 */
class CanaryFlowTest {
    @TempDir Path tmp;

    static final String WEB_STATE = "docker inspect --format '{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' app-web-v2";
    static final String WORKERS_STATE = WEB_STATE.replace("app-web-v2", "app-workers-v2");
    static final String PROBE = "docker exec kamal-proxy sh -c 'if command -v wget >/dev/null 2>&1; then exec timeout 5 wget -q -O /dev/null \"http://$1$2\"; fi;"
            + " exec bash -c '\\''exec 3<>\"/dev/tcp/${1%:*}/${1##*:}\" && printf \"GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n\" \"$2\" \"$1\" >&3"
            + " && timeout 5 head -n 1 <&3 | grep -q \" 2[0-9][0-9] \"'\\'' bash \"$1\" \"$2\"' probe app-web-v2:80 /up";
    static final String RELEASE = "rm .kamal/lock-app/details && rm -r .kamal/lock-app";

    static Harness healthy(Path tmp, String scenario) {
        Harness h = DeployFlowTest.runningV1(tmp, scenario);
        h.remote.answer(WEB_STATE, "running 0 none\n").answer(WORKERS_STATE, "running 0 healthy\n");
        return h;
    }

    @Test
    void theCanaryHostsBootFirstAreCheckedThroughTheSoakThenTheOthersFollow() throws Exception {
        Harness h = healthy(tmp, "canary");
        assertEquals(0, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);

        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        List<String> soak = on1.subList(on1.indexOf(proxyDeploy("new-1.1.1.1")), on1.size()).stream()
                .filter(c -> c.equals(WEB_STATE) || c.equals(PROBE)).toList();
        assertEquals(List.of(WEB_STATE, WEB_STATE, PROBE, WEB_STATE, PROBE, WEB_STATE, PROBE), soak, "a baseline, then 3 rounds");
        assertEquals(4, h.remote.commandsOn("1.1.1.3").stream().filter(WORKERS_STATE::equals).count());
        assertTrue(h.remote.commandsOn("1.1.1.3").stream().noneMatch(PROBE::equals), "workers are not behind the proxy");
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                h.sleeps.stream().filter(d -> d.equals(Duration.ofSeconds(2))).toList());

        // 1.1.1.2 boots only after the last check and the hook.
        int lastCheck = indexOf(h, "1.1.1.1", PROBE, true);
        int booted2 = indexOf(h, "1.1.1.2", run("1.1.1.2", "web", "v2"), false);
        assertTrue(lastCheck < booted2, h.remoteLines().toString());
        assertTrue(h.remote.commandsOn("1.1.1.2").stream().noneMatch(c -> c.equals(WEB_STATE) || c.equals(PROBE)), "only canary hosts are watched");

        assertEquals(List.of("post-canary KAMAL_HOSTS=1.1.1.1,1.1.1.3 KAMAL_VERSION=v2 KAMAL_LOCK=true KAMAL_COMMAND=deploy"),
                Files.readAllLines(h.project.resolve("hooks.log")));
        assertTrue(h.err.contains("Canary hosts 1.1.1.1, 1.1.1.3 passed every check; booting the other hosts"), h.err);
        assertTrue(h.err.contains("  canary: 1.1.1.1, 1.1.1.3 verified for 6s before the other hosts"), h.err);
    }

    @Test
    void aCanaryContainerThatRestartsPutsTheCanaryHostsBackAndLeavesTheOthersUntouched() {
        Harness h = DeployFlowTest.runningV1(tmp, "canary");
        h.remote.answerOnce("1.1.1.1", WEB_STATE, "running 0 none\n").answerOnce("1.1.1.1", WEB_STATE, "running 0 none\n")
                .answer("1.1.1.1", WEB_STATE, "restarting 1 none\n").answer(WORKERS_STATE, "running 0 none\n");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);

        assertTrue(h.err.contains("ERROR Canary of version v2 failed: container app-web-v2 is restarting on 1.1.1.1 (web);"
                + " the canary hosts were put back, the other hosts never left the version they ran:\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.1 (web): switched back to v1\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.3 (workers): switched back to v1\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.2: not booted: still on the version it ran before\n"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        int back = on1.indexOf("docker start app-web-v1");
        assertTrue(back > on1.indexOf(proxyDeploy("new-1.1.1.1")), on1.toString());
        assertEquals(List.of("docker start app-web-v1", id("web", "v1"), proxyDeploy("old-1.1.1.1"), id("web", "v2") + " | xargs docker stop"),
                on1.subList(back, back + 4));
        assertEquals(RELEASE, on1.get(on1.size() - 1), "the lock is released");
        assertTrue(h.remote.commandsOn("1.1.1.2").stream().noneMatch(c -> c.contains("docker run --detach")), "1.1.1.2 never boots");
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker tag")), "latest still names v1");
    }

    @Test
    void aRestartCountThatMovesWhileTheContainerRunsFailsTheCheck() {
        Harness h = DeployFlowTest.runningV1(tmp, "canary");
        h.remote.answerOnce("1.1.1.3", WORKERS_STATE, "running 0 none\n").answer("1.1.1.3", WORKERS_STATE, "running 2 none\n")
                .answer(WEB_STATE, "running 0 none\n");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("Canary of version v2 failed: container app-workers-v2 restarted (2 times) on 1.1.1.3 (workers)"), h.err);
    }

    @Test
    void aFailedHealthProbeFailsTheCanary() {
        Harness h = healthy(tmp, "canary");
        h.remote.fail(PROBE, 1, "wget: server returned error: HTTP/1.1 502 Bad Gateway");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("Canary of version v2 failed: health check failed on 1.1.1.1 (web)"), h.err);
        assertTrue(h.err.contains("  1.1.1.1 (web): switched back to v1\n"), h.err);
    }

    @Test
    void aProbeThatFailsBecauseTheContainerJustStoppedSaysTheContainerStopped() {
        Harness h = DeployFlowTest.runningV1(tmp, "canary");
        // The state check before the probe still saw it running; the one after the failed probe sees it gone.
        h.remote.answerOnce("1.1.1.1", WEB_STATE, "running 0 none\n").answerOnce("1.1.1.1", WEB_STATE, "running 0 none\n")
                .answer("1.1.1.1", WEB_STATE, "exited 0 none\n").answer(WORKERS_STATE, "running 0 none\n");
        h.remote.fail(PROBE, 1, "wget: can't connect to remote host: Connection refused");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("Canary of version v2 failed: container app-web-v2 is exited on 1.1.1.1 (web)"), h.err);
    }

    @Test
    void aFailingPostCanaryHookPutsEveryCanaryHostBack() {
        Harness h = healthy(tmp, "canary_hook_fails");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("ERROR Canary of version v2 failed: post-canary hook failed (checkout smoke test: 3 of 20 orders failed)"
                + " on 1.1.1.1, 1.1.1.3;"), h.err);
        assertTrue(h.err.contains("  1.1.1.1 (web): switched back to v1\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.3 (workers): switched back to v1\n"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.2").stream().noneMatch(c -> c.contains("docker run --detach")));
    }

    @Test
    void aSignalDuringTheSoakPutsTheCanaryHostsBackAndExits130() {
        Harness h = healthy(tmp, "canary");
        h.remote.onCommand(PROBE, () -> h.cancellation.signal("INT"));
        assertEquals(130, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("  1.1.1.1 (web): switched back to v1\n"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.2").stream().noneMatch(c -> c.contains("docker run --detach")));
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals(RELEASE, on1.get(on1.size() - 1));
    }

    @Test
    void theCommandLineOverridesTheSettingsAndNoCanaryTurnsItOff() {
        Harness h = healthy(tmp, "canary");
        assertEquals(0, h.dhow("deploy", "--skip-push", "--version", "v2", "--canary=2", "--soak=4s"), h.err);
        assertTrue(h.err.contains("  canary: 1.1.1.1, 1.1.1.2, 1.1.1.3 verified for 4s before the other hosts"), h.err);
        assertEquals(2, h.sleeps.stream().filter(d -> d.equals(Duration.ofSeconds(2))).count());

        Harness plain = healthy(tmp.resolve("plain"), "canary");
        assertEquals(0, plain.dhow("deploy", "--skip-push", "--version", "v2", "--no-canary"), plain.err);
        assertTrue(plain.remote.calls().stream().noneMatch(c -> c.command().equals(WEB_STATE)));
        assertFalse(plain.err.contains("canary"), plain.err);
    }

    @Test
    void withoutSettingsOnlyTheFlagMakesACanaryAndABadSoakIsAUsageError() {
        Harness h = healthy(tmp, "simple");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2", "--canary", "--soak", "2"), h.err);
        assertTrue(h.err.contains("  canary: 1.1.1.1, 1.1.1.3 verified for 2s before the other hosts"), h.err);
        assertEquals(2, h.dhow("redeploy", "--skip-push", "--version", "v2", "--canary", "--soak", "soon"));
        assertTrue(h.err.contains("--soak: should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0, not 'soon'"), h.err);
    }

    private static int indexOf(Harness h, String host, String command, boolean last) {
        List<RecordingExecutor.Call> calls = h.remote.calls();
        int found = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).host().equals(host) && (calls.get(i).command().equals(command) || calls.get(i).command().endsWith(" && " + command))) {
                found = i;
                if (!last) return i;
            }
        }
        return found;
    }
}
