package dev.dhow.ssh;

import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** A throw-away local user for SSH tests: a home with ~/.ssh, a client key, and settings pointing at it. */
public final class SshFixture {
    public final Path home;
    public final KeyPair clientKey;
    final StringWriter err = new StringWriter();
    final StringWriter out = new StringWriter();

    public SshFixture(Path home) throws Exception {
        this.home = home;
        Files.createDirectories(home.resolve(".ssh"));
        this.clientKey = newKey();
        writePrivateKey(clientKey, home.resolve(".ssh/id_ecdsa"));
    }

    static KeyPair newKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static void writePrivateKey(KeyPair kp, Path file) throws Exception {
        try (OutputStream o = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "dhow-test", null, o);
        }
    }

    /** Settings for a server on 127.0.0.1:port: default key only, no agent, a private known_hosts. */
    SshSettings settings(int port) {
        return new SshSettings(null, port, null, null, List.of(), false, List.of(),
                List.of(home.resolve(".ssh/config")), "fatal", SshSettings.VerifyHostKey.ACCEPT_NEW,
                home.resolve(".ssh/known_hosts"), 30, Duration.ofMinutes(15), Duration.ofSeconds(3),
                SshSettings.KeepAlive.DEFAULT, null, home, 0, 10, false);
    }

    void writeSshConfig(String text) throws Exception {
        Files.writeString(home.resolve(".ssh/config"), text);
    }

    Console console() {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), Verbosity.VERBOSE, false);
    }
}
