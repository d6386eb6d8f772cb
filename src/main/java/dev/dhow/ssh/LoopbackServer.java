package dev.dhow.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.function.UnaryOperator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A throw-away SSH server on 127.0.0.1 that lets one public key in and answers every command with exit status 0
 * (and, if asked to, a canned output) without running anything. The launcher's warm-up run talks to it, so the
 * class-data archive holds the SSH client.
 */
public final class LoopbackServer implements AutoCloseable {
    private final SshServer server;

    private LoopbackServer(SshServer server) {
        this.server = server;
    }

    /** Starts on a free port with an ECDSA host key kept in {@code hostKeyFile}, as a Debian server would offer. */
    public static LoopbackServer start(Path hostKeyFile, PublicKey allowed) throws IOException {
        return start(hostKeyFile, allowed, command -> "");
    }

    /** As {@link #start(Path, PublicKey)}, printing {@code answers.apply(command)} for each command. */
    public static LoopbackServer start(Path hostKeyFile, PublicKey allowed, UnaryOperator<String> answers) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new SucceedingCommand(answers.apply(command)));
        server.start();
        return new LoopbackServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Prints its answer and ends at once with status 0. */
    private static final class SucceedingCommand implements Command {
        private final String answer;
        private ExitCallback exit;
        private OutputStream out;

        SucceedingCommand(String answer) {
            this.answer = answer;
        }

        @Override public void setInputStream(InputStream in) {}
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) {}
        @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (!answer.isEmpty()) {
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {}
    }
}
