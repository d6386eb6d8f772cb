package dev.dhow.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An in-process SSH server for tests: runs each exec request with the local {@code sh -c}, accepts the given
 * public keys, allows port forwarding, and counts sessions, concurrent authentications and forwards.
 */
public final class TestSshServer implements AutoCloseable {
    final SshServer server;
    public final AtomicInteger sessionsCreated = new AtomicInteger();
    final AtomicInteger authsInFlight = new AtomicInteger();
    final AtomicInteger maxAuthsInFlight = new AtomicInteger();
    final List<String> directTcpipTargets = new CopyOnWriteArrayList<>();
    final Set<String> allowedKeys = new CopyOnWriteArraySet<>();
    volatile long authDelayMillis;
    /** Where exec commands run (the remote user's home); the test JVM's directory when null. */
    public volatile Path workDir;

    public TestSshServer(Path hostKeyFile, PublicKey... allowed) throws IOException {
        this("127.0.0.1", hostKeyFile, allowed);
    }

    /** Listens on every address in {@code hosts} (comma-separated), all on the same free port. */
    public TestSshServer(String hosts, Path hostKeyFile, PublicKey... allowed) throws IOException {
        for (PublicKey k : allowed) allowedKeys.add(KeyUtils.getFingerPrint(k));
        server = SshServer.setUpDefaultServer();
        server.setHost(hosts);
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPublickeyAuthenticator((user, key, session) -> {
            int now = authsInFlight.incrementAndGet();
            maxAuthsInFlight.accumulateAndGet(now, Math::max);
            try {
                if (authDelayMillis > 0) Thread.sleep(authDelayMillis);
                return allowedKeys.contains(KeyUtils.getFingerPrint(key));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                authsInFlight.decrementAndGet();
            }
        });
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new ShCommand(command, workDir));
        server.setForwardingFilter(new ForwardingFilter() {
            @Override public boolean canForwardAgent(Session session, String requestType) { return false; }
            @Override public boolean canForwardX11(Session session, String requestType) { return false; }
            @Override public boolean canListen(SshdSocketAddress address, Session session) { return true; }
            @Override public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                directTcpipTargets.add(address.getHostName() + ":" + address.getPort());
                return true;
            }
        });
        server.addSessionListener(new SessionListener() {
            @Override public void sessionCreated(Session session) { sessionsCreated.incrementAndGet(); }
        });
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    void allow(KeyPair kp) {
        allowedKeys.add(KeyUtils.getFingerPrint(kp.getPublic()));
    }

    /** Closes every connection abruptly, as a rebooted host or a dead NAT entry would. */
    void dropAllSessions() {
        server.getActiveSessions().forEach(s -> s.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs the request with {@code sh -c}, wiring stdin/stdout/stderr and the exit status. */
    static final class ShCommand implements Command {
        private final String command;
        private final Path workDir;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShCommand(String command, Path workDir) {
            this.command = command;
            this.workDir = workDir;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            process = new ProcessBuilder("sh", "-c", command).directory(workDir == null ? null : workDir.toFile()).start();
            Thread stdin = pump(in, process.getOutputStream(), true);
            Thread stdout = pump(process.getInputStream(), out, false);
            Thread stderr = pump(process.getErrorStream(), err, false);
            Thread waiter = new Thread(() -> {
                try {
                    int code = process.waitFor();
                    stdout.join();
                    stderr.join();
                    stdin.interrupt();
                    exit.onExit(code);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-sshd-wait");
            waiter.setDaemon(true);
            waiter.start();
        }

        private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buf)) >= 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // channel or process went away
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                }
            }, "test-sshd-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) process.destroy();
        }
    }
}
