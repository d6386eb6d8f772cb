package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every kamal-proxy call of canary checks, pause/resume and rollouts, by exact string. */
class ProgressiveDeliveryCommandsTest {
    AppCommands web() {
        return Fixtures.app(Fixtures.load("app"), "web", "1.1.1.1");
    }

    AppCommands webStaging() {
        return Fixtures.app(Fixtures.load("app", "staging"), "web", "1.1.1.1");
    }

    @Test
    void pauseWithoutOptionsLeavesKamalProxysDefaults() {
        assertEquals("docker exec kamal-proxy kamal-proxy pause app-web", web().pause(Optional.empty(), Optional.empty()).toString());
    }

    @Test
    void pausePassesDrainTimeoutAndMaxPauseAsGoDurations() {
        assertEquals("docker exec kamal-proxy kamal-proxy pause app-web --drain-timeout=\"10s\" --max-pause=\"2m0s\"",
                web().pause(Optional.of("10s"), Optional.of("2m0s")).toString());
    }

    @Test
    void resumeIsKamalProxysResume() {
        assertEquals("docker exec kamal-proxy kamal-proxy resume app-web-staging", webStaging().live().toString());
    }

    @Test
    void rolloutDeployNamesTheNewContainerAsTargetWithTheDeployTimeouts() {
        assertEquals("docker exec kamal-proxy kamal-proxy rollout deploy app-web --target=\"abc123:80\" --deploy-timeout=\"30s\" --drain-timeout=\"30s\"",
                web().rolloutDeploy("abc123").toString());
    }

    @Test
    void rolloutSetTakesAPercentageAListOrBoth() {
        assertEquals("docker exec kamal-proxy kamal-proxy rollout set app-web --percent=\"10\"", web().rolloutSet(Optional.of(10), List.of()).toString());
        assertEquals("docker exec kamal-proxy kamal-proxy rollout set app-web --list=\"beta,gamma\"",
                web().rolloutSet(Optional.empty(), List.of("beta", "gamma")).toString());
        assertEquals("docker exec kamal-proxy kamal-proxy rollout set app-web-staging --percent=\"25\" --list=\"beta\"",
                webStaging().rolloutSet(Optional.of(25), List.of("beta")).toString());
    }

    @Test
    void rolloutStopEndsTheSplit() {
        assertEquals("docker exec kamal-proxy kamal-proxy rollout stop app-web", web().rolloutStop().toString());
    }

    @Test
    void aHostileRolloutValueStaysOneQuotedWord() {
        assertEquals("docker exec kamal-proxy kamal-proxy rollout set app-web --list=\"\\$(reboot)\"",
                web().rolloutSet(Optional.empty(), List.of("$(reboot)")).toString());
    }

    @Test
    void theRolloutNoteLivesInTheAppDirectory() {
        assertEquals(".kamal/apps/app-staging/rollout/web", webStaging().rolloutNotePath());
        assertEquals("mkdir -p .kamal/apps/app/rollout", web().ensureRolloutDirectory().toString());
        assertEquals("cat .kamal/apps/app/rollout/web 2> /dev/null", web().readRolloutNote().toString());
        assertEquals("rm -f .kamal/apps/app/rollout/web", web().removeRolloutNote().toString());
    }

    @Test
    void canaryStateReadsStatusRestartsAndHealthOfTheVersionsContainer() {
        assertEquals("docker inspect --format '{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' app-web-staging-v2",
                webStaging().canaryState("v2").toString());
    }

    @Test
    void theCanaryHealthProbeRunsInTheProxyContainerAgainstTheContainersPortAndPath() {
        assertEquals("docker exec kamal-proxy sh -c 'if command -v wget >/dev/null 2>&1; then exec timeout 5 wget -q -O /dev/null \"http://$1$2\"; fi;"
                + " exec bash -c '\\''exec 3<>\"/dev/tcp/${1%:*}/${1##*:}\" && printf \"GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n\" \"$2\" \"$1\" >&3"
                + " && timeout 5 head -n 1 <&3 | grep -q \" 2[0-9][0-9] \"'\\'' bash \"$1\" \"$2\"' probe app-web-v2:80 /up",
                web().proxyHealthProbe("v2").toString());
    }
}
