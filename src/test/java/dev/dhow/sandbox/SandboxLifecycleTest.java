package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** scripts/sandbox itself: re-running up reuses what is up; down leaves nothing of the sandbox behind. */
@Tag("e2e")
class SandboxLifecycleTest {
    private final Path root = SandboxScript.findProjectRoot();
    private final SandboxScript script = SandboxScript.forTestRun(root);
    private final LocalDocker docker = new LocalDocker(root);

    @AfterEach
    void down() {
        script.down();
    }

    @Test
    void upAgainReusesTheRunningHostsAndPrintsTheSameSandbox() {
        Sandbox first = script.up(1);
        String containerId = docker.run("inspect", "--format", "{{.Id}}", script.name() + "-host-1").orThrow().stdout();

        Sandbox second = script.up(1);

        assertEquals(first, second);
        assertEquals(containerId,
                docker.run("inspect", "--format", "{{.Id}}", script.name() + "-host-1").orThrow().stdout());
    }

    @Test
    void downRemovesEveryContainerNetworkAndVolumeOfTheSandboxAndNothingElse() throws Exception {
        Sandbox sandbox = script.up(2);
        SandboxScript neighbour = SandboxScript.forTestRun(root);
        try {
            neighbour.up(1);
            // Inner volumes live inside the host container and must go with it.
            sandbox.host(1).ssh("docker volume create inner-data").orThrow();

            script.down().orThrow();

            String label = "label=dev.dhow.sandbox.name=" + script.name();
            assertEquals("", docker.run("ps", "-a", "-q", "--filter", label).orThrow().stdout());
            assertEquals("", docker.run("network", "ls", "-q", "--filter", label).orThrow().stdout());
            assertEquals("", docker.run("volume", "ls", "-q", "--filter", label).orThrow().stdout());
            assertEquals("", docker.run("ps", "-a", "-q", "--filter", "name=" + script.name() + "-").orThrow().stdout());
            assertFalse(Files.exists(sandbox.sshKey()), "the key goes too");
            assertTrue(docker.run("ps", "-q", "--filter", "name=" + neighbour.name() + "-host-1").orThrow().stdout()
                    .length() > 0, "another sandbox stays up");
        } finally {
            neighbour.down();
        }
    }
}
