package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy, redeploy and their failure paths against recorded hosts: 1.1.1.1 and 1.1.1.2 run web (proxied), 1.1.1.3 runs workers. */
class DeployFlowTest {
    @TempDir Path tmp;

    static final String LOGIN = "docker login -u [REDACTED] --password-stdin";
    static final String AUDIT = "mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [tester@example.com] ";
    static final String LOG = "\" >> .kamal/app-audit.log";
    static final String PULL_CHECK = "{ docker inspect -f '{{ .Config.Labels.service }}' dhh/app:v2 | grep -x app || (echo \"Image dhh/app:v2 is missing the 'service' label\" && exit 1); }";
    static final String MIRROR = "docker info --format '{{index .RegistryConfig.Mirrors 0}}'";
    /** The login, and (as there are several hosts) the registry-mirror query in its round trip. */
    static final String LOGIN_AND_MIRROR = LOGIN + " && { " + MIRROR + " 2> /dev/null || true; }";
    static final String STATUS_FORMAT = "xargs docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}'";
    static final String PROXY_FLAGS = " --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" --log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"";

    static String id(String role, String version) {
        return "docker container ls --all --filter 'name=^app-" + role + "-" + version + "$' --quiet";
    }

    static String versions(String role) {
        return "docker ps --filter label=service=app --filter label=destination= --filter label=role=" + role
                + " --format \"{{.Names}}\" | while read line; do echo ${line#app-" + role + "-}; done";
    }

    static String current(String role) {
        String filters = "--filter label=service=app --filter label=destination= --filter label=role=" + role + " --filter status=running --filter status=restarting";
        return "sh -c 'docker ps --latest --format '\\''{{.Names}}'\\'' " + filters
                + " --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --format '\\''{{.Names}}'\\'' "
                + filters + "' | head -1 | while read line; do echo ${line#app-" + role + "-}; done";
    }

    /** A boot's questions in one round trip: running versions, the current one, a container already named for the version. */
    static String survey(String role, String version) {
        return versions(role) + " ; echo '# current' ; " + current(role) + " ; echo '# existing' ; " + id(role, version);
    }

    static String run(String host, String role, String version) {
        return "docker run --detach --restart unless-stopped --name app-" + role + "-" + version + " --network kamal --hostname " + host
                + "-abcdef012345 --env KAMAL_CONTAINER_NAME=\"app-" + role + "-" + version + "\" --env KAMAL_VERSION=\"" + version
                + "\" --env KAMAL_HOST=\"" + host + "\" --env-file .kamal/apps/app/env/roles/" + role + ".env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\""
                + role + "\" --label destination dhh/app:" + version + (role.equals("workers") ? " bin/jobs" : "");
    }

    /** The boot's one round trip: audit line, env directory, env file from standard input, docker run. */
    static String booted(String host, String role, String version) {
        String env = ".kamal/apps/app/env/roles/" + role + ".env";
        return AUDIT + "[" + role + "] Booted app version " + version + LOG + " && mkdir -p .kamal/apps/app/env/roles && ( umask 077 && cat > "
                + env + ".dhow-upload && chmod 0600 " + env + ".dhow-upload && mv -f " + env + ".dhow-upload " + env + " ) && " + run(host, role, version);
    }

    static String proxyDeploy(String cid) {
        return "docker exec kamal-proxy kamal-proxy deploy app-web --target=\"" + cid + ":80\"" + PROXY_FLAGS;
    }

    /** The pull, its label check, then (only if both worked) the audit line, in one round trip. */
    static List<String> pulled(String version) {
        return List.of("docker image rm --force dhh/app:" + version + " ; docker pull dhh/app:" + version + " && "
                + PULL_CHECK.replace("v2", version) + " && " + AUDIT + "Pulled image with version " + version + LOG);
    }

    /** Hosts running v1 (containers v1 everywhere), where v2's containers appear once started. */
    static Harness runningV1(Path tmp, String scenario) {
        return runningV1(new Harness(tmp, scenario));
    }

    static Harness runningV1(Harness h) {
        h.remote.answer(STATUS_FORMAT, "running\n");
        for (String host : List.of("1.1.1.1", "1.1.1.2")) {
            h.remote.answerOnce(host, id("web", "v2"), "").answer(host, id("web", "v2"), "new-" + host);
            h.remote.answer(host, id("web", "v1"), "old-" + host);
            h.remote.answer(host, "echo ${line#app-web-}", "v1\n");
        }
        h.remote.answerOnce("1.1.1.3", id("workers", "v2"), "").answer("1.1.1.3", id("workers", "v2"), "new-worker");
        h.remote.answer("1.1.1.3", "echo ${line#app-workers-}", "v1\n");
        return h;
    }

    static List<String> webBoot(String host) {
        return List.of(
                booted(host, "web", "v2"),
                id("web", "v2"),
                proxyDeploy("new-" + host),
                id("web", "v1") + " | xargs docker stop");
    }

    static void assertLines(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) assertEquals(expected.get(i), actual.get(i), "line " + i);
        assertEquals(expected.size(), actual.size(), String.join("\n", actual));
    }

    @Test
    void redeployBootsEveryRoleOnEveryHostAndTagsLatestOnlyAtTheEnd() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);

        List<String> expected1 = new java.util.ArrayList<>();
        expected1.add("mkdir -p .kamal && mkdir .kamal/lock-app && echo \"" + LockTest.encoded(dev.dhow.commands.LockCommands.details(
                "Automatic deploy lock", "v2", "tester@example.com", "2026-11-22T10:00:00Z")) + "\" > .kamal/lock-app/details");
        expected1.addAll(List.of(LOGIN_AND_MIRROR));
        expected1.addAll(pulled("v2"));
        expected1.add(survey("web", "v2"));
        expected1.addAll(webBoot("1.1.1.1"));
        expected1.addAll(List.of(AUDIT.replace("10:00:00", "10:00:07") + "Tagging dhh/app:v2 as the latest image" + LOG + " && docker tag dhh/app:v2 dhh/app:latest",
                "rm .kamal/lock-app/details && rm -r .kamal/lock-app"));
        // Either web host may open the barrier first; the workers' readiness sleep then moves the shared test clock
        // on, possibly before the other web host writes its boot line.
        assertLines(expected1, h.remote.commandsOn("1.1.1.1").stream()
                .map(l -> l.replace("10:00:07Z] [tester@example.com] [web] Booted", "10:00:00Z] [tester@example.com] [web] Booted")).toList());

        List<String> expected3 = new java.util.ArrayList<>(List.of(LOGIN_AND_MIRROR));
        expected3.addAll(pulled("v2"));
        expected3.addAll(List.of(survey("workers", "v2"),
                booted("1.1.1.3", "workers", "v2"),
                id("workers", "v2") + " | " + STATUS_FORMAT,
                id("workers", "v2") + " | " + STATUS_FORMAT,
                id("workers", "v1") + " | xargs docker stop -t 30",
                AUDIT.replace("10:00:00", "10:00:07") + "Tagging dhh/app:v2 as the latest image" + LOG + " && docker tag dhh/app:v2 dhh/app:latest"));
        assertLines(expected3, h.remote.commandsOn("1.1.1.3"));

        assertEquals(List.of(Duration.ofSeconds(7)), h.sleeps, "the readiness delay of the workers role");
        assertTrue(h.err.contains("[1.1.1.3] Waiting for the first healthy web container before booting workers..."), h.err);
        assertTrue(h.err.contains("  Finished all in 7.0 seconds"), h.err);
    }

    @Test
    void aDeployStartsConnectingToEveryHostBeforeItTakesTheLock() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);
        assertEquals(List.of("1.1.1.1 after 0 commands", "1.1.1.2 after 0 commands", "1.1.1.3 after 0 commands"),
                h.remote.connectedAhead().subList(0, 3));
    }

    @Test
    void theStaleCheckAsksWhatTheBootNeedsSoEachRoleOnEachHostIsAskedOnce() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        for (String host : List.of("1.1.1.1", "1.1.1.2")) {
            List<String> on = h.remote.commandsOn(host);
            assertEquals(1, on.stream().filter(c -> c.contains("# current")).count(), on.toString());
            assertEquals(List.of(survey("web", "v2")), on.stream().filter(c -> c.contains("docker ps")).toList(), "no other query of versions");
        }
    }

    @Test
    void redeployingTheServedVersionMovesItAsideAndStopsItUnderItsNewName() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer(STATUS_FORMAT, "running\n");
        h.remote.answer("1.1.1.1", versions("web"), "v2\n").answer("1.1.1.1", current("web"), "v2\n").answer("1.1.1.1", id("web", "v2"), "abc\n");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2", "-h", "1.1.1.1"), h.err);
        List<String> on = h.remote.commandsOn("1.1.1.1");
        int renamed = on.indexOf("docker rename app-web-v2 app-web-v2_replaced_abcdef0123456789");
        int switched = on.indexOf(proxyDeploy("abc"));
        int stopped = on.indexOf(id("web", "v2_replaced_abcdef0123456789") + " | xargs docker stop");
        assertTrue(0 < renamed && renamed < switched && switched < stopped, on.toString());
        assertTrue(on.stream().noneMatch(c -> c.equals(id("web", "v2") + " | xargs docker stop")), "the new container keeps running: " + on);
        assertTrue(h.err.contains("Renaming container v2 to v2_replaced_abcdef0123456789 as already deployed"), h.err);
    }

    @Test
    void theContainerIdPrintedByDockerRunIsHandedToKamalProxyWithoutALookup() {
        Harness h = runningV1(tmp, "simple");
        h.remote.answer("1.1.1.1", "docker run --detach", "0123456789ab" + "c".repeat(52) + "\n");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        int run = on1.indexOf(on1.stream().filter(c -> c.endsWith(run("1.1.1.1", "web", "v2"))).findFirst().orElseThrow());
        assertEquals(proxyDeploy("0123456789ab"), on1.get(run + 1));
    }

    @Test
    void aDeployLogsInOncePerHostAndPrunesInOneRoundTrip() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);
        for (String host : List.of("1.1.1.1", "1.1.1.2", "1.1.1.3")) {
            List<String> on = h.remote.commandsOn(host);
            assertEquals(1, on.stream().filter(c -> c.startsWith("docker login")).count(), host + ": " + on);
            assertEquals(1, on.stream().filter(c -> c.contains("Pruned containers")).count(), host + ": " + on);
        }
        // What a full deploy costs each host, lock and unlock included: pinned, so a new round trip is a decision.
        // The web hosts' counts hold one container-id lookup that a real docker run makes unnecessary (the harness
        // answers docker run with no id), so on real hosts it is 12, 10 and 10 (the goal is at most 12).
        assertEquals(List.of(13, 11, 10), List.of("1.1.1.1", "1.1.1.2", "1.1.1.3").stream().map(host -> h.remote.commandsOn(host).size()).toList());
    }

    @Test
    void deployAlsoBootsTheProxyStopsStaleContainersAndPrunes() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("1.1.1.1", versions("web"), "v1\nv0\n");
        runningV1(h);
        assertEquals(0, h.dhow("deploy", "--skip-push", "--version", "v2"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        // The prune is one && chain per host: look at its parts.
        List<String> landmarks = on1.stream().flatMap(c -> c.contains("Pruned containers") ? java.util.Arrays.stream(c.split(" && ")) : java.util.stream.Stream.of(c))
                .filter(c -> c.startsWith("docker network create") || c.startsWith("docker container start kamal-proxy")
                || c.contains("xargs docker stop") || c.startsWith("docker exec kamal-proxy") || c.startsWith("docker ps -q -a")
                || c.startsWith("docker image prune") || c.contains("&& docker tag")).toList();
        assertEquals(List.of(
                "docker network create kamal ; mkdir -p .kamal/proxy/apps-config && docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'",
                "docker container start kamal-proxy || echo $(cat .kamal/proxy/options 2> /dev/null || echo \"--publish 80:80 --publish 443:443 --log-opt max-size=10m\") $(cat .kamal/proxy/image 2> /dev/null || echo \"basecamp/kamal-proxy\"):$(cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\") $(cat .kamal/proxy/run_command 2> /dev/null || echo \"\") | xargs docker run --name kamal-proxy --network kamal --detach --restart unless-stopped --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy --volume $PWD/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config",
                id("web", "v0") + " | xargs docker stop",
                proxyDeploy("new-1.1.1.1"),
                id("web", "v1") + " | xargs docker stop",
                AUDIT.replace("10:00:00", "10:00:07") + "Tagging dhh/app:v2 as the latest image" + LOG + " && docker tag dhh/app:v2 dhh/app:latest",
                "docker ps -q -a --filter label=service=app --filter status=created --filter status=exited --filter status=dead | tail -n +6 | while read container_id; do docker rm $container_id; done",
                "docker image prune --force --filter label=service=app"), landmarks);
    }

    @Test
    void aFailedHealthCheckInALaterGroupSwitchesEarlierHostsBackAndReleasesTheLock() {
        Harness h = runningV1(tmp, "rolling");
        h.remote.fail("1.1.1.2", "kamal-proxy deploy app-web --target=\"new-1.1.1.2", 1, "Error: target failed to become healthy within configured timeout (30s)");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"));

        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        int booted = on1.indexOf(proxyDeploy("new-1.1.1.1"));
        assertEquals(List.of(
                proxyDeploy("new-1.1.1.1"),
                id("web", "v1") + " | xargs docker stop",
                "docker start app-web-v1",
                id("web", "v1"),
                proxyDeploy("old-1.1.1.1"),
                id("web", "v2") + " | xargs docker stop",
                AUDIT.replace("10:00:00", "10:00:02") + "[web] Switched back to app version v1 after the failed boot of v2" + LOG,
                "rm .kamal/lock-app/details && rm -r .kamal/lock-app"), on1.subList(booted, on1.size()));

        List<String> on2 = h.remote.commandsOn("1.1.1.2");
        assertLines(List.of(proxyDeploy("new-1.1.1.2"),
                id("web", "v2") + " | xargs docker logs --timestamps --tail 50 2>&1",
                id("web", "v2") + " | xargs docker inspect --format '{{json .State.Health}}'",
                id("web", "v2") + " | xargs docker stop"), on2.subList(on2.indexOf(proxyDeploy("new-1.1.1.2")), on2.size()));
        assertFalse(h.remote.commandsOn("1.1.1.3").contains(run("1.1.1.3", "workers", "v2")), "the last group never boots");
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker tag")), "latest still names v1");

        assertTrue(h.err.contains("ERROR Deploying version v2 failed; hosts are back on the version they ran before:\n"
                + "  1.1.1.2: failed: host 1.1.1.2: command failed (exit 1): " + proxyDeploy("new-1.1.1.2") + "\n"
                + "    Error: target failed to become healthy within configured timeout (30s)\n"
                + "  1.1.1.1 (web): switched back to v1\n"
                + "  1.1.1.3: not booted: still on the version it ran before\n"
                + "Next: version v2 did not pass its health check (its logs are above); fix it and deploy a new build,"
                + " as running the same version again would fail the same way.\n"), h.err);
        assertEquals(List.of(Duration.ofSeconds(2)), h.sleeps, "boot.wait after the first group only");
    }

    @Test
    void whenEveryPrimaryContainerFailsTheOtherRolesHaltAtTheBarrier() {
        Harness h = runningV1(tmp, "simple");
        h.remote.fail("kamal-proxy deploy app-web", 1, "Error: target failed to become healthy within configured timeout (30s)");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"));
        assertFalse(h.remote.commandsOn("1.1.1.3").contains(run("1.1.1.3", "workers", "v2")));
        assertTrue(h.err.contains("  1.1.1.3: failed: host 1.1.1.3: Halted at barrier"), h.err);
        assertTrue(h.err.contains("[1.1.1.3] First web container is unhealthy, not booting workers\n"), "the prefix names the host once: " + h.err);
    }

    @Test
    void aHostThatIsDownStopsTheDeployBeforeAnyHostChanges() {
        Harness h = runningV1(tmp, "simple");
        h.remote.unreachable("1.1.1.2");
        assertEquals(1, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker run --detach")), h.remoteLines().toString());
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals("rm .kamal/lock-app/details && rm -r .kamal/lock-app", on1.get(on1.size() - 1), "the lock is released");
        assertTrue(h.err.contains("  1.1.1.2: could not pull dhh/app:v2: connection refused\n  no host was changed\n"), h.err);
        assertTrue(h.err.contains("Retry with: dhow deploy --skip-push --version v2"), "a host that was down: retrying is right: " + h.err);
    }

    @Test
    void aDeployLockHeldByAnotherDeployStopsThisOneWithExitThree() {
        Harness h = runningV1(tmp, "simple");
        h.remote.fail("mkdir .kamal/lock-app", 1, "mkdir: cannot create directory '.kamal/lock-app': File exists")
                .answer("base64 -d", "Locked by: Other at 2026-11-22T09:59:00Z\nVersion: v3\nMessage: Automatic deploy lock\n");
        assertEquals(3, h.dhow("deploy", "--skip-push", "--version", "v2"));
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker run --detach") || c.command().startsWith("rm .kamal/lock-app")));
        assertTrue(h.out.contains("Locked by: Other"), h.out);
    }

    @Test
    void secretsReachOnlyTheEnvFileAndStandardInput() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2", "--verbose"), h.err);
        // The env file goes up on the standard input of the command that boots the container.
        assertTrue(h.remote.stdins().contains("RAILS_MASTER_KEY=supersecret-master\n"), h.remote.stdins().toString());
        assertTrue(h.remote.stdins().contains("hunter2-registry"), h.remote.stdins().toString());
        for (String secret : List.of("supersecret-master", "hunter2-registry")) {
            assertTrue(h.remote.shellLines().stream().noneMatch(l -> l.contains(secret)), "argv: " + secret);
            assertFalse(h.err.contains(secret) || h.out.contains(secret), "output: " + secret);
        }
    }

    @Test
    void dryRunPrintsEveryHostsCommandsAndTouchesNothing() {
        Harness h = runningV1(tmp, "simple");
        h.local.fail("docker buildx version", 1, "docker: unknown command: docker buildx");
        h.local.answer("git rev-parse --show-toplevel", h.project.toString() + "\n");
        assertEquals(0, h.dhow("deploy", "--version", "v2", "--dry-run"), h.err);
        assertEquals(List.of(), h.remote.calls());
        assertEquals(List.of("docker --version", "docker buildx version", "docker info --format '{{.Architecture}}'",
                "git rev-parse --show-toplevel", "git rev-parse HEAD", "git status --porcelain"),
                h.local.calls().stream().map(RecordingExecutor.Call::command).toList(), "only read-only questions run for real");
        assertTrue(h.out.contains("/project && docker build -t dhh/app:v2 -t dhh/app:latest"), "the real answer to `docker buildx version`: " + h.out);
        assertTrue(h.out.contains("[1.1.1.1] " + booted("1.1.1.1", "web", "v2") + "\n"), h.out);
        assertTrue(h.out.contains("[1.1.1.1] " + proxyDeploy("CONTAINER_ID") + "\n"), h.out);
        assertTrue(h.out.contains("[1.1.1.3] " + booted("1.1.1.3", "workers", "v2") + "\n"), h.out);
    }

    @Test
    void aPercentageBootLimitIsOfAllConfiguredHostsNotOfTheSelectedOnes() {
        // 50% of the 4 configured hosts is 2: the 2 selected hosts boot as one group, so there is one wait.
        Harness h = newContainersAnswer(new Harness(tmp, "boot_percent_of_all_hosts"));
        assertEquals(0, h.dhow("app", "boot", "--version", "v2", "-h", "1.1.1.1,1.1.1.2"), h.err);
        assertEquals(List.of(Duration.ofSeconds(2)), h.sleeps, "one boot group (of 2 hosts), one wait");
        Harness all = newContainersAnswer(new Harness(tmp.resolve("all"), "boot_percent_of_all_hosts"));
        assertEquals(0, all.dhow("app", "boot", "--version", "v2"), all.err);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), all.sleeps, "all 4 hosts: two groups of 2");
    }

    static Harness newContainersAnswer(Harness h) {
        for (String host : List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4")) {
            h.remote.answerOnce(host, id("web", "v2"), "").answer(host, id("web", "v2"), "new-" + host);
        }
        return h;
    }
}
