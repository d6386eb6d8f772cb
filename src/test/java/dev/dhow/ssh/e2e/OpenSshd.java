package dev.dhow.ssh.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH {@code sshd} for end-to-end tests: own host keys, config and authorized_keys in a temp folder,
 * listening on one loopback (or namespace) address, in the foreground, never touching the system's sshd config.
 */
final class OpenSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final String address;
    final int port;
    private final Process process;

    private OpenSshd(Path dir, String address, int port, Process process) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.process = process;
    }

    static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))
                && "root".equals(System.getProperty("user.name"));
    }

    /** Generates an unencrypted key with ssh-keygen; returns the private key path (public at path + ".pub"). */
    static Path keygen(Path file, String type) throws Exception {
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "dhow-e2e", "-f", file.toString()));
        return file;
    }

    static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(argv + " failed: " + out);
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address.startsWith("127.") ? address : "127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /**
     * Starts sshd on {@code address:port}; {@code wrapper} (e.g. {@code ip netns exec NS}) is prepended when the
     * daemon must live elsewhere. {@code authorized} public key files are allowed to log in as root.
     */
    static OpenSshd start(Path dir, String address, int port, List<String> wrapper, String extraConfig, Path... authorized)
            throws Exception {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory sshd insists on
        keygen(dir.resolve("ssh_host_ed25519_key"), "ed25519");
        keygen(dir.resolve("ssh_host_ecdsa_key"), "ecdsa");
        StringBuilder keys = new StringBuilder();
        for (Path pub : authorized) keys.append(Files.readString(pub));
        Files.writeString(dir.resolve("authorized_keys"), keys);
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + address + ":" + port,
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "HostKey " + dir.resolve("ssh_host_ecdsa_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "AllowTcpForwarding yes",
                "MaxStartups 200:30:400",
                "LogLevel VERBOSE",
                extraConfig,
                ""));
        List<String> argv = new ArrayList<>(wrapper);
        argv.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        OpenSshd sshd = new OpenSshd(dir, address, port, p);
        if (wrapper.isEmpty()) sshd.awaitListening(Duration.ofSeconds(10));
        else Thread.sleep(500);
        if (!p.isAlive()) throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
        return sshd;
    }

    private void awaitListening(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) break;
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on " + address + ":" + port + ": " + log());
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    Path hostKeyPub(String type) {
        return dir.resolve("ssh_host_" + type + "_key.pub");
    }

    @Override
    public void close() {
        // Session processes outlive a killed listener; in a network namespace that is gone they would wait forever.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
