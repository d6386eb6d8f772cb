package dev.dhow.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One sandbox host as dhow sees a VPS: {@code root@address} over SSH (port 22, the sandbox key),
 * Docker inside, and its ports 80/443 published on the same loopback address.
 */
public record SandboxHost(String address, Path sshKey) {

    /** Runs a shell command on the host as root over SSH (OpenSSH client), within 5 minutes. */
    public CommandResult ssh(String command) {
        return ssh(command, Duration.ofMinutes(5));
    }

    public CommandResult ssh(String command, Duration timeout) {
        List<String> argv = List.of("ssh", "-i", sshKey.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", "root@" + address, command);
        CommandResult result = Processes.run(argv, Path.of("."), Map.of(), timeout);
        return new CommandResult(command + " (on " + address + ")", result.exitCode(), result.stdout(), result.stderr());
    }

    /** The URL of {@code path} on this host's published HTTP port (where kamal-proxy listens). */
    public URI http(String path) {
        return URI.create("http://" + address + path);
    }

    public String user() {
        return "root";
    }

    public int port() {
        return 22;
    }
}
