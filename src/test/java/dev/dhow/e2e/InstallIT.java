package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.cli.DhowVersion;
import dev.dhow.sandbox.CommandResult;
import dev.dhow.sandbox.Processes;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHost;
import dev.dhow.sandbox.SandboxHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release archive on a fresh Debian server that has no Java: unpacked and installed with its own installer,
 * dhow runs there on the runtime it brings. Runs after {@code package} (failsafe): scripts/dist packs the jar the
 * build just made.
 */
@SandboxHosts(1)
class InstallIT {
    private static final String PROJECT = """
            service: app
            image: acme/app
            servers:
              web: [127.0.0.1]
            ssh:
              keys_only: true
              keys: [/root/.ssh/id_sandbox]
            registry:
              server: registry.example.com
              username: app
              password: [REGISTRY_PASSWORD]
            env:
              secret: [REGISTRY_PASSWORD]
            builder:
              arch: amd64
            """;

    @Test
    void theReleaseInstallsWithOneCommandAndRunsOnAHostWithoutJava(Sandbox sandbox) throws Exception {
        Path archive = Path.of(Processes.run(List.of("scripts/dist", "--skip-build", "target/e2e-dist"), Path.of("."), Map.of(),
                Duration.ofMinutes(10)).orThrow().stdout().strip());
        String version = DhowVersion.get();
        assertEquals("dhow-" + version + "-linux-x86_64.tar.gz", archive.getFileName().toString());
        SandboxHost host = sandbox.host(1);
        assertFalse(host.ssh("command -v java").succeeded(), "the host must have no Java of its own");

        scp(sandbox, archive, "/tmp/dhow.tar.gz");
        scp(sandbox, sandbox.sshKey(), "/root/.ssh/id_sandbox");
        CommandResult install = host.ssh("cd /tmp && tar xzf dhow.tar.gz && ./dhow-" + version + "-linux-x86_64/install").orThrow();

        assertTrue(install.stdout().startsWith("Installed dhow " + version + " in /root/.local\n"), install.stdout());
        assertEquals(version + "\n", host.ssh("~/.local/bin/dhow version").orThrow().stdout());
        host.ssh("test -s ~/.local/share/man/man1/dhow.1 && test -s ~/.local/share/bash-completion/completions/dhow"
                + " && test -s ~/.local/share/zsh/site-functions/_dhow && test -s ~/.local/lib/dhow/lib/dhow.aot -o -s ~/.local/lib/dhow/lib/dhow.jsa").orThrow();

        host.ssh("chmod 600 /root/.ssh/id_sandbox && mkdir -p /root/app/config /root/app/.kamal"
                + " && printf '%s' '" + PROJECT + "' > /root/app/config/deploy.yml"
                + " && echo REGISTRY_PASSWORD=hunter2 > /root/app/.kamal/secrets").orThrow();
        String config = host.ssh("cd /root/app && ~/.local/bin/dhow config --version v1").orThrow().stdout();
        assertTrue(config.contains(":service_with_version: app-v1\n"), config);
        // The SSH stack (key exchange, host keys, ed25519) on the trimmed runtime: the host connects to itself.
        String hostname = host.ssh("hostname").orThrow().stdout().strip();
        String exec = host.ssh("cd /root/app && ~/.local/bin/dhow server exec hostname").orThrow().stdout();
        assertTrue(exec.contains(hostname), exec);
    }

    private static void scp(Sandbox sandbox, Path file, String to) {
        Processes.run(List.of("scp", "-i", sandbox.sshKey().toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                file.toString(), "root@" + sandbox.host(1).address() + ":" + to), Path.of("."), Map.of(), Duration.ofMinutes(2)).orThrow();
    }
}
