package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.config.Configuration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Docker, server, lock, audit, prune and hook builders. */
class HostCommandsTest {
    final Configuration app = Fixtures.load("app");
    final Configuration staging = Fixtures.load("app", "staging");
    final DockerCommands docker = new DockerCommands();

    @Test
    void dockerInstallPipesTheConvenienceScriptIntoSh() {
        assertEquals("sh -c 'curl -fsSL https://get.docker.com || wget -O - https://get.docker.com || echo \"exit 1\"' | sh", docker.install().toString());
    }

    @Test
    void dockerChecksAndNetwork() {
        assertEquals("docker -v", docker.installed().toString());
        assertEquals("docker version", docker.running().toString());
        assertEquals("[ \"${EUID:-$(id -u)}\" -eq 0 ] || sudo -nl usermod >/dev/null", docker.superuser().toString());
        assertEquals("[ \"${EUID:-$(id -u)}\" -eq 0 ]", docker.root().toString());
        assertEquals("id -nG \"${USER:-$(id -un)}\" | grep -qw docker", docker.inDockerGroup().toString());
        assertEquals("sudo -n usermod -aG docker \"${USER:-$(id -un)}\"", docker.addToDockerGroup().toString());
        assertEquals("kill -HUP $PPID", docker.refreshSession().toString());
        assertEquals("docker network create kamal", docker.createNetwork().toString());
    }

    @Test
    void serverDirectories() {
        ServerCommands server = new ServerCommands(staging);
        assertEquals("mkdir -p .kamal", server.ensureRunDirectory().toString());
        assertEquals("rm -r .kamal/apps/app-staging", server.removeAppDirectory().toString());
        assertEquals("ls .kamal/apps | wc -l", server.appDirectoryCount().toString());
    }

    @Test
    void lockStatusAndReleaseUseTheDestinationLockDir() {
        LockCommands lock = new LockCommands(Fixtures.load("app", "staging"));
        assertEquals("stat .kamal/lock-app-staging > /dev/null && cat .kamal/lock-app-staging/details | base64 -d", lock.status().toString());
        assertEquals("rm .kamal/lock-app-staging/details && rm -r .kamal/lock-app-staging", lock.release().toString());
        assertEquals("mkdir -p .kamal", lock.ensureLocksDirectory().toString());
    }

    @Test
    void lockAcquireWritesKamalsBase64Details() {
        LockCommands lock = new LockCommands(app);
        String details = "Locked by: Alice at 2026-11-22T10:00:00Z\nVersion: 123\nMessage: Automatic deploy lock";
        String encoded = Base64.getEncoder().encodeToString(details.getBytes(StandardCharsets.UTF_8));
        String rubyEncode64 = encoded.substring(0, 60) + "\n" + encoded.substring(60) + "\n";
        assertEquals("mkdir .kamal/lock-app && echo \"" + rubyEncode64 + "\" > .kamal/lock-app/details",
                lock.acquire(LockCommands.AUTOMATIC_MESSAGE, "123", "Alice", "2026-11-22T10:00:00Z").toString());
        assertEquals(details, new String(Base64.getMimeDecoder().decode(rubyEncode64), StandardCharsets.UTF_8));
    }

    @Test
    void auditRecordIsBracketedTagsThenTheMessage() {
        AuditorCommands.Stamp stamp = new AuditorCommands.Stamp("2026-11-22T10:00:00Z", "alice@example.com");
        assertEquals("mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [alice@example.com] [staging] app removed container\" >> .kamal/app-staging-audit.log",
                new AuditorCommands(staging).record(stamp, "app removed container").toString());
        assertEquals("mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [alice@example.com] [web] Booted app version 999\" >> .kamal/app-audit.log",
                new AuditorCommands(app).record(stamp, "Booted app version 999", Optional.of("web")).toString());
    }

    @Test
    void auditRecordQuotesShellCharactersInTheMessage() {
        AuditorCommands.Stamp stamp = new AuditorCommands.Stamp("t", "p");
        assertEquals("mkdir -p .kamal && echo \"[t] [p] Executed cmd 'echo \\$HOME \\`id\\` \\\"x\\\"' on 1.1.1.1\" >> .kamal/app-audit.log",
                new AuditorCommands(app).record(stamp, "Executed cmd 'echo $HOME `id` \"x\"' on 1.1.1.1").toString());
    }

    @Test
    void auditRevealTailsFiftyLines() {
        assertEquals("tail -n 50 .kamal/app-staging-audit.log", new AuditorCommands(staging).reveal().toString());
    }

    @Test
    void pruneContainersKeepsTheNewestRetained() {
        assertEquals("docker ps -q -a --filter label=service=app --filter status=created --filter status=exited --filter status=dead | tail -n +6 | while read container_id; do docker rm $container_id; done",
                new PruneCommands(app).appContainers().toString());
        assertEquals("docker ps -q -a --filter label=service=app --filter status=created --filter status=exited --filter status=dead | tail -n +3 | while read container_id; do docker rm $container_id; done",
                new PruneCommands(app).appContainers(2).toString());
        assertThrows(IllegalArgumentException.class, () -> new PruneCommands(app).appContainers(0));
    }

    @Test
    void pruneImagesKeepsImagesInUseAndLatest() {
        assertEquals("docker image prune --force --filter label=service=app", new PruneCommands(app).danglingImages().toString());
        assertEquals("docker image ls --filter label=service=app --format '{{.ID}} {{.Repository}}:{{.Tag}}' | grep -v -w \"$(docker container ls -a --format '{{.Image}}\\|' --filter label=service=app | tr -d '\\n')dhh/app:latest-staging\\|dhh/app:<none>\" | while read image tag; do docker rmi $tag; done",
                new PruneCommands(staging).taggedImages().toString());
    }

    @Test
    void thePrunePreviewQueriesSelectWhatThePrunesRemoveAndRemoveNothing() {
        PruneCommands prune = new PruneCommands(staging);
        assertEquals("docker ps -q -a --filter label=service=app --filter status=created --filter status=exited --filter status=dead | tail -n +3",
                prune.staleContainers(2).toString());
        assertEquals(prune.staleContainers(2) + " | while read container_id; do docker rm $container_id; done", prune.appContainers(2).toString());
        assertEquals("docker image ls --filter label=service=app --format '{{.ID}} {{.Repository}}:{{.Tag}}' | grep -v -w \"$(docker container ls -a --format '{{.Image}}\\|' --filter label=service=app | tr -d '\\n')dhh/app:latest-staging\\|dhh/app:<none>\"",
                prune.unusedImages().toString());
        assertEquals(prune.unusedImages() + " | while read image tag; do docker rmi $tag; done", prune.taggedImages().toString());
        assertEquals("docker image ls --quiet --filter dangling=true --filter label=service=app", prune.danglingImageIds().toString());
        assertThrows(IllegalArgumentException.class, () -> prune.staleContainers(0));
    }

    @Test
    void hookInvocationHasThePathAndKamalEnvironment() {
        HookCommands.Details details = new HookCommands.Details("2026-11-22T10:00:00Z", "alice", "0123456789abcdef", "1.1.1.1,1.1.1.2",
                Optional.of("web"), true, "deploy", Optional.empty(), Optional.of(42L));
        HookCommands.Invocation hook = new HookCommands(staging).invocation("post-deploy", details);
        assertEquals(".kamal/hooks/post-deploy", hook.path());
        assertEquals("{KAMAL_RECORDED_AT=2026-11-22T10:00:00Z, KAMAL_PERFORMER=alice, KAMAL_DESTINATION=staging, KAMAL_VERSION=0123456789abcdef, KAMAL_SERVICE_VERSION=app@0123456, KAMAL_SERVICE=app, KAMAL_HOSTS=1.1.1.1,1.1.1.2, KAMAL_ROLES=web, KAMAL_LOCK=true, KAMAL_COMMAND=deploy, KAMAL_RUNTIME=42}",
                hook.env().toString());
        assertEquals("[KAMAL_RECORDED_AT, KAMAL_PERFORMER, KAMAL_DESTINATION, KAMAL_VERSION, KAMAL_SERVICE_VERSION, KAMAL_SERVICE, KAMAL_HOSTS, KAMAL_ROLES, KAMAL_LOCK, KAMAL_COMMAND, KAMAL_RUNTIME]",
                hook.env().keySet().toString());
        assertEquals("42", hook.env().get("KAMAL_RUNTIME"));
    }
}
