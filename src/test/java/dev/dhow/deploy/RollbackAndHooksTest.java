package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackAndHooksTest {
    @TempDir Path tmp;

    static String names(String role) {
        return "docker container ls --all --filter label=service=app --filter label=destination= --filter label=role=" + role + " --format '{{ .Names }}'";
    }

    /** Every host runs v3 and still has stopped containers of v2 and v1 (v1 is gone from 1.1.1.2). */
    static Harness afterThreeDeploys(Path tmp) {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("1.1.1.1", names("web"), "app-web-v3\napp-web-v2\napp-web-v1\n");
        h.remote.answer("1.1.1.2", names("web"), "app-web-v3\napp-web-v2_replaced_0123456789abcdef\napp-web-v2\n");
        h.remote.answer("1.1.1.3", names("workers"), "app-workers-v3\napp-workers-v2\napp-workers-v1\n");
        h.remote.answer("echo ${line#app-web-}", "v3\n").answer("echo ${line#app-workers-}", "v3\n");
        h.remote.answer("xargs docker inspect --format", "running\n");
        h.remote.answer(id("web", "v2"), "cid-v2").answer(id("workers", "v2"), "wid-v2");
        return h;
    }

    @Test
    void rollbackWithoutAVersionPicksTheNewestEarlierVersionPresentOnEveryHost() {
        Harness h = afterThreeDeploys(tmp);
        assertEquals(0, h.dhow("rollback", "--version", "v3"), h.err);
        assertTrue(h.err.contains("Rolling back to v2, the newest earlier version on every host"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertTrue(on1.contains("docker rename app-web-v2 app-web-v2_replaced_abcdef0123456789"), on1.toString());
        assertTrue(on1.stream().anyMatch(c -> c.endsWith(" && docker tag dhh/app:v2 dhh/app:latest")), on1.toString());
        assertTrue(h.remote.commandsOn("1.1.1.3").contains("docker rename app-workers-v2 app-workers-v2_replaced_abcdef0123456789"));
    }

    @Test
    void rollbackToAVersionMissingOnAHostChangesNothingAndFails() {
        Harness h = afterThreeDeploys(tmp);
        h.remote.answer("1.1.1.2", id("web", "v1"), "");
        assertEquals(1, h.dhow("rollback", "v1", "--version", "v3"), "a CI job must not go green: " + h.err);
        assertTrue(h.err.contains("The app version 'v1' is not available as a container (use 'dhow app containers' for available versions)"), h.err);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker run --detach") || c.command().startsWith("docker rename")));
        assertEquals("rm .kamal/lock-app/details && rm -r .kamal/lock-app", h.remote.commandsOn("1.1.1.1").get(h.remote.commandsOn("1.1.1.1").size() - 1));
    }

    @Test
    void hooksRunWithKamalVariablesAndOnlyTheDeployHooksGetSecrets() throws Exception {
        Harness h = new Harness(tmp, "hooks");
        DeployFlowTest.runningV1(h);
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        List<String> log = Files.readAllLines(h.project.resolve("hooks.log"));
        assertEquals(List.of(
                "pre-connect KAMAL_COMMAND=redeploy KAMAL_SUBCOMMAND=unset KAMAL_HOSTS=1.1.1.1,1.1.1.2,1.1.1.3 KAMAL_LOCK=false KAMAL_VERSION=v2 KAMAL_SERVICE_VERSION=app@v2 KAMAL_PERFORMER=tester@example.com KAMAL_RUNTIME=unset MASTER=supersecret-master",
                "pre-deploy KAMAL_COMMAND=redeploy KAMAL_SUBCOMMAND=unset KAMAL_HOSTS=1.1.1.1,1.1.1.2,1.1.1.3 KAMAL_LOCK=true KAMAL_VERSION=v2 KAMAL_SERVICE_VERSION=app@v2 KAMAL_PERFORMER=tester@example.com KAMAL_RUNTIME=unset MASTER=supersecret-master",
                "pre-app-boot KAMAL_COMMAND=redeploy KAMAL_SUBCOMMAND=unset KAMAL_HOSTS=1.1.1.1,1.1.1.2,1.1.1.3 KAMAL_LOCK=true KAMAL_VERSION=v2 KAMAL_SERVICE_VERSION=app@v2 KAMAL_PERFORMER=tester@example.com KAMAL_RUNTIME=unset MASTER=unset",
                "post-app-boot KAMAL_COMMAND=redeploy KAMAL_SUBCOMMAND=unset KAMAL_HOSTS=1.1.1.1,1.1.1.2,1.1.1.3 KAMAL_LOCK=true KAMAL_VERSION=v2 KAMAL_SERVICE_VERSION=app@v2 KAMAL_PERFORMER=tester@example.com KAMAL_RUNTIME=unset MASTER=unset",
                "post-deploy KAMAL_COMMAND=redeploy KAMAL_SUBCOMMAND=unset KAMAL_HOSTS=1.1.1.1,1.1.1.2,1.1.1.3 KAMAL_LOCK=false KAMAL_VERSION=v2 KAMAL_SERVICE_VERSION=app@v2 KAMAL_PERFORMER=tester@example.com KAMAL_RUNTIME=7 MASTER=supersecret-master"), log);
        assertFalse(h.err.contains("supersecret-master"), h.err);
        assertTrue(h.err.contains("Running .kamal/hooks/pre-deploy..."), h.err);
    }

    @Test
    void skipHooksRunsNone() {
        Harness h = new Harness(tmp, "hooks");
        DeployFlowTest.runningV1(h);
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2", "-H"), h.err);
        assertFalse(Files.exists(h.project.resolve("hooks.log")));
    }

    @Test
    void aFailingHookStopsTheDeployBeforeAnyHostChanges() throws Exception {
        Harness h = new Harness(tmp, "hooks");
        DeployFlowTest.runningV1(h);
        Files.writeString(h.project.resolve(".kamal/hooks/pre-deploy"), "#!/bin/sh\necho not today\nexit 3\n");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("ERROR Hook `pre-deploy` failed:\nnot today"), h.err);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker run --detach")));
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertEquals("rm .kamal/lock-app/details && rm -r .kamal/lock-app", on1.get(on1.size() - 1));
    }

    @Test
    void appBootWithoutVersionBootsTheLatestTag() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("echo ${line#app-web-}", "v1\n").answer("echo ${line#app-workers-}", "v1\n");
        h.remote.answer("xargs docker inspect --format", "running\n");
        h.remote.answerOnce("1.1.1.1", id("web", "latest"), "").answer(id("web", "latest"), "cid");
        h.remote.answerOnce("1.1.1.2", id("web", "latest"), "");
        h.remote.answerOnce("1.1.1.3", id("workers", "latest"), "");
        h.env.put("VERSION", "v9");
        assertEquals(0, h.dhow("app", "boot"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.1").stream().anyMatch(c -> c.contains("docker run --detach") && c.endsWith("dhh/app:latest")));
        assertTrue(h.remote.commandsOn("1.1.1.1").contains(DeployFlowTest.survey("web", "latest")), h.remote.commandsOn("1.1.1.1").toString());
    }

    @Test
    void outputFileWritesTheRunToATimestampedLogWithItsOutcome() throws Exception {
        Harness h = new Harness(tmp, "session_log");
        DeployFlowTest.runningV1(h);
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        Path log = h.project.resolve("log/dhow/2026-11-22T10-00-00_redeploy.log");
        String text = Files.readString(log);
        assertTrue(text.startsWith("Acquiring the deploy lock...\n"), text);
        assertTrue(text.endsWith("  Finished all in 7.0 seconds\n# Completed in 7.0s\n"), text);
        assertTrue(h.err.contains("Logs written to " + log), h.err);

        Harness failing = new Harness(tmp.resolve("f"), "session_log");
        DeployFlowTest.runningV1(failing);
        failing.remote.fail("kamal-proxy deploy", 1, "unhealthy");
        assertEquals(1, failing.dhow("redeploy", "--skip-push", "--version", "v2"));
        String failed = Files.readString(failing.project.resolve("log/dhow/2026-11-22T10-00-00_redeploy.log"));
        assertTrue(failed.contains("\n# FAILED: DeployFailedException: Deploying version v2 failed"), failed);
    }

    @Test
    void aFailingPostAppBootHookSwitchesTheBootedHostsBack() throws Exception {
        Harness h = new Harness(tmp, "hooks");
        DeployFlowTest.runningV1(h);
        Files.writeString(h.project.resolve(".kamal/hooks/post-app-boot"), "#!/bin/sh\necho smoke test failed\nexit 1\n");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"));
        assertTrue(h.err.contains("  dhow: Hook `post-app-boot` failed:\n    smoke test failed\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.1 (web): switched back to v1\n"), h.err);
        assertTrue(h.err.contains("  1.1.1.3 (workers): switched back to v1\n"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.3").contains("docker start app-workers-v1"));
    }
}
