package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("e2e")
@SandboxHosts(3)
class SandboxHostsTest {

    @Test
    void everyHostAnswersDockerInfoOverSshAsRoot(Sandbox sandbox) {
        assertEquals(3, sandbox.hosts().size());
        for (SandboxHost host : sandbox.hosts()) {
            assertTrue(host.address().startsWith("127."), host.address());
            CommandResult info = host.ssh("whoami && docker info --format '{{.Driver}}'").orThrow();
            assertEquals("root\nvfs\n", info.stdout());
        }
    }

    @Test
    void hostsAcceptNoOtherKey(Sandbox sandbox, @TempDir Path dir) {
        Path otherKey = dir.resolve("other-key");
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString()),
                Path.of("."), Map.of(), Duration.ofSeconds(30)).orThrow();

        CommandResult withOtherKey = new SandboxHost(sandbox.host(1).address(), otherKey).ssh("true");

        assertNotEquals(0, withOtherKey.exitCode());
        assertTrue(withOtherKey.stderr().contains("Permission denied"), withOtherKey.stderr());
    }

    @Test
    void hostsPullWhatTheBuildingMachinePushedUnderTheSameRegistryName(Sandbox sandbox) {
        LocalDocker docker = new LocalDocker(SandboxScript.findProjectRoot());
        String ref = sandbox.registry() + "/sandbox-test/busybox:pushed";
        docker.run("tag", "dhow-sandbox-busybox:1.35", ref).orThrow();
        docker.run("push", ref).orThrow();

        for (SandboxHost host : sandbox.hosts()) {
            assertEquals("pulled\n", host.ssh("docker run --rm " + ref + " echo pulled").orThrow().stdout());
        }
    }

    @Test
    void registry3RunsAsKamalsLocalRegistryWithoutDockerHub(Sandbox sandbox) throws Exception {
        LocalDocker docker = new LocalDocker(SandboxScript.findProjectRoot());
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String name = sandbox.name() + "-kamal-docker-registry";
        String ref = "localhost:" + port + "/sandbox-test/busybox:local";
        try {
            // Kamal's `registry setup` line, under a name of this sandbox so its `down` removes it.
            docker.run("run", "--detach", "-p", "127.0.0.1:" + port + ":5000", "--name", name,
                    "--label", "dev.dhow.sandbox=1", "--label", "dev.dhow.sandbox.name=" + sandbox.name(),
                    "registry:3").orThrow();
            docker.run("tag", "dhow-sandbox-busybox:1.35", ref).orThrow();
            CommandResult push = null;
            for (int attempt = 0; attempt < 50 && (push == null || !push.succeeded()); attempt++) {
                Thread.sleep(push == null ? 0 : 100);
                push = docker.run("push", ref);
            }
            push.orThrow();
            assertTrue(HttpProbe.get(URI.create("http://127.0.0.1:" + port + "/v2/_catalog"), null).body()
                    .contains("sandbox-test/busybox"));
        } finally {
            docker.run("rm", "-f", name);
            docker.run("rmi", ref);
        }
    }

    @Test
    void eachHostHasADockerOfItsOwn(Sandbox sandbox) {
        sandbox.host(1).ssh("docker network create only-on-host-1").orThrow();

        assertTrue(sandbox.host(1).ssh("docker network ls --format '{{.Name}}'").orThrow().stdout()
                .contains("only-on-host-1"));
        assertFalse(sandbox.host(2).ssh("docker network ls --format '{{.Name}}'").orThrow().stdout()
                .contains("only-on-host-1"));
    }
}
