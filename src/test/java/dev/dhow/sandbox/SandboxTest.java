package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void parsesTheLinesScriptsSandboxUpPrints() throws IOException {
        String output = Files.readString(Path.of("src/test/resources/sandbox/up_output/three_hosts.txt"));

        Sandbox sandbox = Sandbox.parse("dhow-sandbox-t1", output);

        assertEquals(List.of("127.0.12.1", "127.0.12.2", "127.0.12.3"),
                sandbox.hosts().stream().map(SandboxHost::address).toList());
        assertEquals(Path.of("/work/dhow/target/sandbox/dhow-sandbox-t1/id_ed25519"), sandbox.host(2).sshKey());
        assertEquals("127.0.12.254:5000", sandbox.registry());
        assertEquals("dhow-sandbox-t1-net", sandbox.network());
        assertEquals("http://127.0.12.3/up", sandbox.host(3).http("/up").toString());
    }

    @Test
    void splitsTheProxyImageIntoKamalsProxyRunKeys() throws IOException {
        Sandbox sandbox = Sandbox.parse("dhow-sandbox-t1",
                Files.readString(Path.of("src/test/resources/sandbox/up_output/three_hosts.txt")));

        assertEquals("127.0.12.254:5000", sandbox.proxyRegistry());
        assertEquals("dhow-sandbox/kamal-proxy", sandbox.proxyRepository());
        assertEquals("v0.9.2", sandbox.proxyVersion());
    }

    @Test
    void rejectsOutputWithoutAnyHost() {
        assertThrows(IllegalArgumentException.class, () -> Sandbox.parse("dhow-sandbox-t1",
                "ssh_key /k\nregistry 127.0.12.254:5000\nproxy_image 127.0.12.254:5000/p:v0.9.2\n"));
    }

    @Test
    void rejectsLinesItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> Sandbox.parse("dhow-sandbox-t1", "sandbox: building x\n"));
    }

    @Test
    void refusesSandboxNamesOutsideTheDhowSandboxPrefix() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxScript(Path.of("."), "my-containers"));
    }
}
