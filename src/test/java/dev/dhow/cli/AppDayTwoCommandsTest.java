package dev.dhow.cli;

import static dev.dhow.cli.AccessoryCommandTest.AUDIT;
import static dev.dhow.cli.AccessoryCommandTest.LOG;
import static dev.dhow.cli.AccessoryCommandTest.assertInOrder;
import static dev.dhow.cli.AccessoryCommandTest.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.deploy.Harness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dhow app exec|logs|details|containers|images|version}, {@code dhow details}, {@code dhow audit} and {@code proxy logs -f} against recorded hosts. */
class AppDayTwoCommandsTest {
    @TempDir Path tmp;

    static final String FILTERS = "--filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting";
    static final String CURRENT_VERSION = "sh -c 'docker ps --latest --format '\\''{{.Names}}'\\'' " + FILTERS
            + " --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --format '\\''{{.Names}}'\\'' "
            + FILTERS + "' | head -1 | while read line; do echo ${line#app-web-}; done";
    static final String CURRENT_ID = "sh -c 'docker ps --latest --quiet " + FILTERS
            + " --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --quiet "
            + FILTERS + "' | head -1";

    @Test
    void execRunsInANewContainerOfTheLatestImageOnEveryHostAfterLoggingIn() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("bin/rails about", "Rails 8\n");

        assertEquals(0, h.dhow("app", "exec", "-r", "web", "-e", "FOO:bar", "bin/rails", "about"), h.err);

        assertInOrder(List.of(
                "docker login -u [REDACTED] --password-stdin",
                AUDIT + "Executed cmd 'bin/rails about' on app version latest" + LOG,
                "docker run --rm --name app-web-exec-latest-abcdef --network kamal --env-file .kamal/apps/app/env/roles/web.env --env FOO=\"bar\" "
                        + "--log-opt max-size=\"10m\" dhh/app:latest bin/rails about"), h.remote.commandsOn("1.1.1.2"));
        assertTrue(h.out.contains("App Host: 1.1.1.1\nRails 8\n\nApp Host: 1.1.1.2\nRails 8\n"), h.out);
        assertTrue(h.remote.commandsOn("1.1.1.3").isEmpty(), "only the web role was selected");
    }

    @Test
    void execWithReuseRunsInTheRunningVersionFoundOnThePrimaryHost() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("1.1.1.1", "echo ${line#app-web-}", "v7\n");

        assertEquals(0, h.dhow("app", "exec", "--reuse", "-r", "web", "--version", "v7", "ls"), h.err);
        assertEquals(0, h.dhow("app", "exec", "--reuse", "-r", "web", "ls"), h.err);

        assertTrue(h.remoteLines().contains("1.1.1.1: " + CURRENT_VERSION), h.remoteLines().toString());
        assertEquals(2, h.remote.commandsOn("1.1.1.2").stream().filter(c -> c.equals("docker exec app-web-v7 ls")).count(), h.remoteLines().toString());
    }

    @Test
    void interactiveExecWithoutATerminalFailsAtOnceInsteadOfWaitingForKeys() {
        Harness h = harness(tmp, "simple");
        assertEquals(1, h.dhow("app", "exec", "-i", "--reuse", "bin/rails console"));
        assertTrue(h.err.contains("ERROR dhow app exec -i needs a terminal, and standard input is not one"), h.err);
        assertTrue(h.remote.calls().isEmpty(), "no host is reached");
    }

    @Test
    void interactiveExecUsesAPtyOnThePrimaryHostFromATerminal() {
        Harness h = harness(tmp, "simple");
        h.inputTerminal = true;
        h.remote.answer("1.1.1.1", "echo ${line#app-web-}", "v7\n");

        assertEquals(0, h.dhow("app", "exec", "-i", "--reuse", "bin/rails console"), h.err);
        assertEquals(0, h.dhow("app", "exec", "-i", "-e", "A:1", "bash"), h.err);

        List<String> interactive = h.remoteLines().stream().filter(l -> l.endsWith("(interactive)")).toList();
        assertEquals(List.of("1.1.1.1: docker exec -it app-web-v7 bin/rails console (interactive)",
                "1.1.1.1: docker run -it --rm --name app-web-exec-latest-abcdef --network kamal --env-file .kamal/apps/app/env/roles/web.env --env A=\"1\" "
                        + "--log-opt max-size=\"10m\" dhh/app:latest bash (interactive)"), interactive);
        assertTrue(h.remoteLines().contains("1.1.1.1: docker login -u [REDACTED] --password-stdin"), "a new container may need a pull");
    }

    @Test
    void execRefusesIncompatibleOptionsAndAMissingCommand() {
        Harness h = harness(tmp, "simple");

        assertEquals(1, h.dhow("app", "exec", "--detach", "--reuse", "ls"));
        assertTrue(h.err.contains("ERROR Detach is not compatible with reuse"), h.err);
        assertEquals(1, h.dhow("app", "exec", "--raw", "-i", "ls"));
        assertTrue(h.err.contains("ERROR Raw is not compatible with interactive"), h.err);
        assertEquals(1, h.dhow("app", "exec"));
        assertTrue(h.err.contains("ERROR No command provided. You must specify a command to execute."), h.err);
        assertEquals(List.of(), h.remote.calls());
    }

    @Test
    void detachedExecLeavesTheContainerRunning() {
        Harness h = harness(tmp, "simple");

        assertEquals(0, h.dhow("app", "exec", "-r", "workers", "--detach", "bin/jobs --once"), h.err);

        assertTrue(h.remote.commandsOn("1.1.1.3").contains("docker run --detach --name app-workers-exec-latest-abcdef --network kamal "
                + "--env-file .kamal/apps/app/env/roles/workers.env --log-opt max-size=\"10m\" dhh/app:latest bin/jobs --once"), h.remote.commandsOn("1.1.1.3").toString());
    }

    @Test
    void logsShowTheCurrentContainersLastHundredLinesPerHostAndSayWhenThereIsNothing() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("1.1.1.1", "xargs docker logs", "line one\n");
        h.remote.fail("1.1.1.2", "xargs docker logs", 1, "no container");

        assertEquals(0, h.dhow("app", "logs", "-r", "web"), h.err);

        assertTrue(h.remoteLines().contains("1.1.1.1: " + CURRENT_ID + " | xargs docker logs --timestamps --tail 100 2>&1"), h.remoteLines().toString());
        assertTrue(h.out.contains("App Host: 1.1.1.1\nline one\n"), h.out);
        assertTrue(h.out.contains("App Host: 1.1.1.2\nNothing found\n"), h.out);
    }

    @Test
    void logsWithGrepSinceAndAContainerId() {
        Harness h = harness(tmp, "simple");

        assertEquals(0, h.dhow("app", "logs", "-r", "web", "-h", "1.1.1.1", "-s", "5m", "-g", "GET /", "--grep-options", "-C 2", "-T", "--container-id", "C137"), h.err);

        assertEquals(List.of("1.1.1.1: sh -c 'echo C137' | xargs docker logs --since 5m 2>&1 | grep 'GET /' -C 2"), h.remoteLines());
    }

    @Test
    void followingLogsStreamsThePrimaryRoleOnEveryHostAtOnceThroughTerminalsWithHostPrefixes() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("1.1.1.1", "--follow", "started on one\nGET /\n");
        h.remote.answer("1.1.1.2", "--follow", "started on two\n");

        assertEquals(0, h.dhow("app", "logs", "-f"), h.err);

        assertEquals(List.of("1.1.1.1: " + CURRENT_ID + " | xargs docker logs --timestamps --tail 10 --follow 2>&1 (interactive)",
                "1.1.1.2: " + CURRENT_ID + " | xargs docker logs --timestamps --tail 10 --follow 2>&1 (interactive)"),
                h.remoteLines().stream().sorted().toList());
        // Hosts stream at once, so their lines may interleave; each host's own lines stay in order.
        assertEquals(List.of("[1.1.1.1] started on one", "[1.1.1.1] GET /"),
                h.out.lines().filter(l -> l.startsWith("[1.1.1.1]")).toList(), "one host's lines stay in order, without the terminal's \\r: " + h.out);
        assertTrue(h.out.contains("[1.1.1.2] started on two\n"), h.out);
        assertTrue(h.err.contains("Following logs on 1.1.1.1, 1.1.1.2..."), h.err);
    }

    @Test
    void versionContainersImagesAndDetailsAnswerPerHost() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("echo ${line#app-web-}", "v7\n");
        h.remote.answer("echo ${line#app-workers-}", "v6\n");
        h.remote.answer("docker image ls dhh/app", "dhh/app v7\n");

        assertEquals(0, h.dhow("app", "version"), h.err);
        assertTrue(h.out.contains("App Host: 1.1.1.1\nv7\n\nApp Host: 1.1.1.2\nv7\n\nApp Host: 1.1.1.3\nv6\n"), h.out);

        assertEquals(0, h.dhow("app", "images", "-h", "1.1.1.3"), h.err);
        assertEquals("App Host: 1.1.1.3\ndhh/app v7\n\n", h.out);

        assertEquals(0, h.dhow("app", "containers", "-h", "1.1.1.3"), h.err);
        assertEquals(0, h.dhow("app", "details", "-h", "1.1.1.3"), h.err);
        assertTrue(h.remoteLines().contains("1.1.1.3: docker container ls --all --filter label=service=app --filter label=destination="), h.remoteLines().toString());
        assertTrue(h.remoteLines().contains("1.1.1.3: docker ps --filter label=service=app --filter label=destination= --filter label=role=workers"), h.remoteLines().toString());
    }

    @Test
    void auditTailsTheAuditLogOfEveryHost() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("1.1.1.3", "tail -n 50 .kamal/app-audit.log", "[2026-11-22T10:00:00Z] [tester@example.com] Booted app\n");

        assertEquals(0, h.dhow("audit"), h.err);

        assertEquals(3, h.remoteLines().stream().filter(l -> l.endsWith(": tail -n 50 .kamal/app-audit.log")).count());
        assertTrue(h.out.contains("App Host: 1.1.1.3\n[2026-11-22T10:00:00Z] [tester@example.com] Booted app\n"), h.out);
    }

    @Test
    void detailsShowsProxyAppAndAccessories() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("details"), h.err);

        assertTrue(h.out.contains("Proxy Host: 1.1.1.1"), h.out);
        assertTrue(h.out.contains("App Host: 1.1.1.3"), h.out);
        assertTrue(h.out.contains("Accessory mysql Host: 1.1.1.5"), h.out);
    }

    @Test
    void proxyLogsFollowStreamsEveryProxyHostWithPrefixes() {
        Harness h = harness(tmp, "simple");
        h.remote.answer("1.1.1.2", "docker logs kamal-proxy", "{\"msg\":\"Request\"}\n");

        assertEquals(0, h.dhow("proxy", "logs", "-f", "-g", "Request"), h.err);

        assertTrue(h.remoteLines().contains("1.1.1.2: docker logs kamal-proxy --timestamps --tail 10 --follow 2>&1 | grep \"Request\" (interactive)"), h.remoteLines().toString());
        assertTrue(h.out.contains("[1.1.1.2] {\"msg\":\"Request\"}\n"), h.out);
    }
}
