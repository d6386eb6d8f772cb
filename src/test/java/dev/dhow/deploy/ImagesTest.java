package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir Path tmp;

    @Test
    void withoutBuildxTheImageIsBuiltWithDockerBuildAndPushedSayingSoOnce() {
        Harness h = new Harness(tmp, "local_registry");
        h.local.fail("docker buildx version", 1, "docker: unknown command: docker buildx");
        h.local.answer("docker info --format", "x86_64\n");
        assertEquals(0, h.dhow("build", "push", "--version", "v1"), h.err);
        assertEquals(List.of(
                "docker --version",
                "docker buildx version",
                "docker info --format '{{.Architecture}}'",
                "docker start kamal-docker-registry || docker run --detach -p 127.0.0.1:5555:5000 --name kamal-docker-registry registry:3",
                "git status --porcelain",
                "environment ",
                "docker build -t localhost:5555/hello:v1 -t localhost:5555/hello:latest --label service=\"hello\" --file Dockerfile .",
                "docker push localhost:5555/hello:v1 && docker push localhost:5555/hello:latest"),
                h.local.calls().stream().map(RecordingExecutor.Call::command).toList());
        assertEquals(1, h.err.split("buildx is not installed", -1).length - 1, h.err);
        assertTrue(h.err.contains("WARN buildx is not installed: building for amd64 with docker build and docker push"), h.err);
    }

    @Test
    void withBuildxTheBuilderIsCreatedWhenMissingAndBuildxPushes() {
        Harness h = new Harness(tmp, "simple");
        h.local.answer("docker info --format", "x86_64\n");
        h.local.fail("docker buildx inspect", 1, "ERROR: no builder \"kamal-local-docker-container\" found");
        h.local.fail("git rev-parse --show-toplevel", 128, "fatal: not a git repository");
        assertEquals(0, h.dhow("build", "push", "--version", "v1"), h.err);
        assertEquals(List.of(
                "docker --version",
                "docker buildx version",
                "docker info --format '{{.Architecture}}'",
                "docker login -u [REDACTED] --password-stdin",
                "git rev-parse --show-toplevel",
                "environment ",
                "docker buildx inspect kamal-local-docker-container",
                "docker buildx rm kamal-local-docker-container",
                "docker buildx create --name kamal-local-docker-container --driver=docker-container",
                "docker buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container -t dhh/app:v1 -t dhh/app:latest --label service=\"app\" --file Dockerfile . 2>&1"),
                h.local.calls().stream().map(RecordingExecutor.Call::command).toList());
        assertTrue(h.err.contains("WARN Missing compatible builder, so creating a new one first"), h.err);
        assertEquals(List.of("hunter2-registry"), h.local.stdins());
    }

    @Test
    void aPullOfAnImageWithoutTheServiceLabelSaysToLabelItNotToRetry() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("docker pull", 1, "Image dhh/app:v1 is missing the 'service' label");

        assertEquals(1, h.dhow("build", "pull", "--version", "v1"));

        assertTrue(h.err.contains("ERROR Pulling version v1 failed; no container was changed:"), h.err);
        assertTrue(h.err.contains("Next: the image v1 has no label service=\"app\""), h.err);
        assertTrue(h.err.contains("add LABEL service=\"app\" to the Dockerfile"), h.err);
        assertFalse(h.err.contains("Retry with"), h.err);
    }

    @Test
    void aBuildPullOfAnImageNeverPushedSaysToPushItFirst() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("docker pull", 1, "Error response from daemon: manifest unknown");

        assertEquals(1, h.dhow("build", "pull", "--version", "v1"));

        assertTrue(h.err.contains("Next: the image v1 is not in the registry; push it first (dhow build push --version v1).\n"), h.err);
        assertFalse(h.err.contains("--skip-push"), h.err);
    }

    @Test
    void theFirstHostBehindEachRegistryMirrorPullsFirstAndTheMirrorQueryRidesOnTheLogin() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("1.1.1.1", "Mirrors 0", "Login Succeeded\nhttps://mirror.example.com\n");
        h.remote.answer("1.1.1.2", "Mirrors 0", "Login Succeeded\nhttps://mirror.example.com\n");
        h.remote.answer("1.1.1.3", "Mirrors 0", "Login Succeeded\n");
        assertEquals(0, h.dhow("build", "pull", "--version", "v1"), h.err);
        for (String host : List.of("1.1.1.1", "1.1.1.2", "1.1.1.3")) {
            assertEquals("docker login -u [REDACTED] --password-stdin && { docker info --format '{{index .RegistryConfig.Mirrors 0}}' 2> /dev/null || true; }",
                    h.remote.commandsOn(host).get(0), "one round trip for the login and the mirror query");
            assertEquals(2, h.remote.commandsOn(host).size(), h.remote.commandsOn(host).toString());
        }
        List<String> pulls = h.remote.calls().stream().filter(c -> c.command().contains("docker pull")).map(RecordingExecutor.Call::host).toList();
        assertEquals("1.1.1.1", pulls.get(0), "the mirror's first host seeds it: " + pulls);
        assertTrue(h.err.contains("Pulling image on 1.1.1.1 to seed the mirror..."), h.err);
    }

    @Test
    void aLocalRegistryIsReachedThroughAReverseTunnelFromEveryHostForThePull() {
        Harness h = new Harness(tmp, "local_registry");
        assertEquals(0, h.dhow("build", "pull", "--version", "v1"), h.err);
        for (String host : List.of("1.1.1.1", "1.1.1.2")) {
            assertEquals(List.of(
                    "forward remote 5555 -> 127.0.0.1:5555",
                    "docker info --format '{{index .RegistryConfig.Mirrors 0}}'",
                    "docker image rm --force localhost:5555/hello:v1 ; docker pull localhost:5555/hello:v1"
                            + " && { docker inspect -f '{{ .Config.Labels.service }}' localhost:5555/hello:v1 | grep -x hello || (echo \"Image localhost:5555/hello:v1 is missing the 'service' label\" && exit 1); }"
                            + " && mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [tester@example.com] Pulled image with version v1\" >> .kamal/hello-audit.log",
                    "close forward 5555"), h.remote.commandsOn(host));
        }
        assertTrue(h.err.contains("Setting up local registry port forwarding to 1.1.1.1, 1.1.1.2..."), h.err);
    }

    @Test
    void registryLoginRefusesALocalRegistry() {
        Harness h = new Harness(tmp, "local_registry");
        assertEquals(1, h.dhow("registry", "login", "--version", "v1"));
        assertTrue(h.err.contains("Cannot use login command with a local registry. Use `dhow registry setup` instead."), h.err);
    }

    @Test
    void registrySetupLogsInHereAndOnEveryHostWithThePasswordOnStdin() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("registry", "setup", "--version", "v1"), h.err);
        assertEquals(List.of("local: docker login -u [REDACTED] --password-stdin"), h.local.calls().stream().map(Object::toString).toList());
        assertEquals(List.of("1.1.1.1: docker login -u [REDACTED] --password-stdin", "1.1.1.2: docker login -u [REDACTED] --password-stdin",
                "1.1.1.3: docker login -u [REDACTED] --password-stdin"), h.remoteLines().stream().sorted().toList());
        assertEquals(List.of("hunter2-registry", "hunter2-registry", "hunter2-registry"), h.remote.stdins());
    }
}
