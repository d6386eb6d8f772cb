package dev.dhow.ssh;

import ch.qos.logback.classic.Level;
import dev.dhow.core.Cmd;
import dev.dhow.core.UploadCommand;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import dev.dhow.output.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import java.util.Map;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.LoggerFactory;

/**
 * The SSH {@link Executor}: one started MINA {@link SshClient} for the process, one pooled connection per host,
 * one channel per command. Create one per run with {@code new SshExecutor(settings, console)} and close it at exit.
 */
public final class SshExecutor implements Executor {
    // Uploads are env files, certificates and error pages: small, so a minute means the host is in trouble.
    private static final Duration UPLOAD_LIMIT = Duration.ofMinutes(1);

    private final SshSettings settings;
    private final Console console;
    private final SshClient client;
    private final SessionPool pool;

    public SshExecutor(SshSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
        applyLogLevel(settings.logLevel());
        Identities identities = new Identities(settings);
        HostResolver resolver = new HostResolver(settings);
        SshClient c = ClientBuilder.builder().factory(() -> new DhowSshClient(settings, identities, console::debug)).build();
        KnownHostsVerifier verifier = new KnownHostsVerifier(settings.knownHosts(), settings.verifyHostKey());
        c.setServerKeyVerifier(verifier);
        c.addSessionListener(new SessionListener() {
            @Override
            public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
                if (session instanceof ClientSession cs) verifier.preferKnownKeyTypes(cs, proposal);
            }
        });
        // Our KEXINIT waits for the server's banner, by which time MINA knows which host this session is for.
        CoreModuleProperties.SEND_IMMEDIATE_KEXINIT.set(c, false);
        c.setHostConfigEntryResolver(resolver);
        c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // Each hop gets the keys OpenSSH would offer there (DhowSshClient); none come from the client as a whole.
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // Always: an IdentityAgent line in the ssh config may name an agent when SSH_AUTH_SOCK does not.
        c.setAgentFactory(new UnixSocketAgentFactory(settings.agentSocket()));
        c.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, settings.keepAlive().interval());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, settings.keepAlive().count());
        // Idle connections are closed by the pool, not by MINA in the middle of a long silent build.
        CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);
        CoreModuleProperties.AUTH_TIMEOUT.set(c, settings.connectTimeout().plusSeconds(5));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(c, settings.connectTimeout());
        // Without it Nagle holds a command's EOF behind its exec request until the server's delayed ACK (~40 ms).
        CoreModuleProperties.TCP_NODELAY.set(c, true);
        c.start();
        this.client = c;
        this.pool = new SessionPool(c, settings, resolver, console::debug);
    }

    public SshSettings settings() {
        return settings;
    }

    /** Connections opened since start: one per host unless one dropped. */
    public int connectionsOpened() {
        return pool.connectionsOpened();
    }

    /** The largest number of handshakes seen in flight at once (bounded by max_concurrent_starts). */
    public int maxConcurrentStartsSeen() {
        return pool.maxConcurrentStartsSeen();
    }

    /** Connections currently open. */
    public int openConnections() {
        return pool.openConnections();
    }

    @Override
    public Result stream(String host, Cmd cmd, Duration limit, Consumer<OutputLine> lines) {
        console.command(host, cmd.redacted());
        LineSplitter out = new LineSplitter(host, false, lines);
        LineSplitter err = new LineSplitter(host, true, lines);
        byte[] stdin = cmd.stdin().map(Sensitive::value).map(v -> v.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        Integer exit = execute(host, cmd.shellLine(), cmd.redacted(), stdin, out, err, limit);
        out.close();
        err.close();
        return new Result(host, cmd.redacted(), exit, out.text(), err.text());
    }

    /**
     * Opens an exec channel and runs the command. A connection that fails before the command starts is opened
     * again once and the command retried; once started, a lost connection is an error (never run twice).
     */
    private int execute(String host, String line, String redacted, byte[] stdin, OutputStream out, OutputStream err, Duration limit) {
        int reconnects = 0;
        int refusals = 0;
        while (true) {
            try (SessionPool.Lease lease = pool.acquire(host)) {
                ClientSession session = lease.session();
                ChannelExec channel = null;
                Throwable failure;
                try {
                    channel = session.createExecChannel(line);
                    channel.setAgentForwarding(forwardAgent());
                    channel.setOut(out);
                    channel.setErr(err);
                    OpenFuture opening = channel.open();
                    boolean done = opening.await(settings.connectTimeout(), CancelOption.CANCEL_ON_TIMEOUT);
                    failure = done && opening.isOpened() ? null
                            : opening.getException() != null ? opening.getException() : new IOException("channel did not open in time");
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                if (failure != null) {
                    if (channel != null) channel.close(true);
                    boolean sessionAlive = session.isOpen() && !session.isClosing();
                    if (sessionAlive && failure instanceof SshChannelOpenException && refusals < 5) {
                        // The server refused one more channel (e.g. MaxSessions while another is being torn down):
                        // the connection is fine and the command never started, so wait a moment and ask again.
                        refusals++;
                        sleepQuietly(100L * refusals);
                        continue;
                    }
                    if (!sessionAlive || !(failure instanceof SshChannelOpenException)) pool.discard(host, session);
                    if (reconnects++ == 0) {
                        console.debug("ssh: connection to " + host + " failed before the command started ("
                                + failure.getMessage() + "); reconnecting");
                        continue;
                    }
                    throw new HostUnavailable("host " + host + ": could not start command (" + failure.getMessage() + "): " + redacted, failure);
                }
                try (ChannelExec started = channel) {
                    try (OutputStream in = started.getInvertedIn()) {
                        in.write(stdin);
                    } catch (IOException e) {
                        // The command may have exited without reading its input; its exit status tells the story.
                    }
                    Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), limit.isZero() ? 0L : limit.toMillis());
                    if (!events.contains(ClientChannelEvent.CLOSED)) {
                        // Closing the channel hangs up on the remote command; the connection stays usable.
                        channel.close(true);
                        throw new DhowException("host " + host + ": command did not finish within " + seconds(limit) + " and was stopped: " + redacted);
                    }
                    Integer status = channel.getExitStatus();
                    if (status == null) {
                        String signal = channel.getExitSignal();
                        if (signal != null) return 128 + signalNumber(signal);
                        pool.discard(host, session);
                        throw new HostUnavailable("host " + host + ": connection lost (the host stopped answering, or the network"
                                + " dropped) while running: " + redacted);
                    }
                    return status;
                }
            } catch (IOException e) {
                throw new DhowException("host " + host + ": " + e.getMessage() + " while running: " + redacted, e);
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() >= 1 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException("interrupted");
        }
    }

    private boolean forwardAgent() {
        return settings.forwardAgent() && settings.agentSocket() != null;
    }

    private static int signalNumber(String signal) {
        return switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "KILL" -> 9;
            case "PIPE" -> 13;
            case "TERM" -> 15;
            default -> 0;
        };
    }

    @Override
    public void upload(String host, byte[] content, String remotePath, int mode) {
        Cmd write = UploadCommand.of(remotePath, mode);
        console.command(host, write.redacted() + " (" + content.length + " bytes)");
        LineSplitter out = new LineSplitter(host, false, l -> {});
        LineSplitter err = new LineSplitter(host, true, l -> {});
        int exit = execute(host, write.shellLine(), write.redacted(), content, out, err, UPLOAD_LIMIT);
        new Result(host, "upload to " + remotePath, exit, out.text(), err.text()).check();
    }

    @Override
    public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) {
        console.command(host, cmd.redacted());
        try (SessionPool.Lease lease = pool.acquire(host)) {
            ChannelExec channel = lease.session().createExecChannel(cmd.shellLine());
            channel.setUsePty(true);
            channel.setAgentForwarding(forwardAgent());
            channel.setPtyType(envOr("TERM", "xterm-256color"));
            channel.setPtyColumns(intEnv("COLUMNS", 80));
            channel.setPtyLines(intEnv("LINES", 24));
            channel.setIn(in);
            channel.setOut(out);
            channel.setErr(out);
            try (channel) {
                channel.open().verify(settings.connectTimeout());
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
                Integer status = channel.getExitStatus();
                return status == null ? 255 : status;
            }
        } catch (IOException e) {
            throw new DhowException("host " + host + ": interactive command failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        SessionPool.Lease lease = pool.acquire(host);
        try {
            ExplicitPortForwardingTracker tracker = lease.session().createRemotePortForwardingTracker(
                    new SshdSocketAddress("127.0.0.1", remotePort), new SshdSocketAddress(localHost, localPort));
            return tunnel(lease, tracker, tracker.getBoundAddress().getPort());
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw new DhowException("host " + host + ": failed to establish port forward 127.0.0.1:" + remotePort
                    + " -> " + localHost + ":" + localPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        SessionPool.Lease lease = pool.acquire(host);
        try {
            ExplicitPortForwardingTracker tracker = lease.session().createLocalPortForwardingTracker(
                    new SshdSocketAddress("127.0.0.1", localPort), new SshdSocketAddress(remoteHost, remotePort));
            return tunnel(lease, tracker, tracker.getBoundAddress().getPort());
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw new DhowException("host " + host + ": failed to forward local port " + localPort + " to "
                    + remoteHost + ":" + remotePort + ": " + e.getMessage(), e);
        }
    }

    private static Tunnel tunnel(SessionPool.Lease lease, ExplicitPortForwardingTracker tracker, int port) {
        return new Tunnel() {
            private boolean closed;

            @Override
            public int port() {
                return port;
            }

            @Override
            public synchronized void close() {
                if (closed) return;
                closed = true;
                try {
                    tracker.close();
                } catch (IOException ignored) {
                    // the connection is going away anyway
                } finally {
                    lease.close();
                }
            }
        };
    }

    @Override
    public void connectAhead(List<String> hosts) {
        for (String host : hosts) {
            Thread t = new Thread(() -> pool.openAhead(host), "dhow-ssh-ahead-" + host);
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        pool.close();
        client.stop();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int intEnv(String name, int fallback) {
        try {
            return Integer.parseInt(envOr(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** ssh.log_level as Net::SSH names it, applied to MINA's loggers. */
    private static void applyLogLevel(String level) {
        Level l = switch (level.toLowerCase().replace(":", "")) {
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> Level.OFF; // fatal and unknown: quiet, as Kamal
        };
        // MINA names a bean's logger after its class, so the client subclass logs MINA's messages under dhow's name.
        for (String name : List.of("org.apache.sshd", DhowSshClient.class.getName())) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) logger.setLevel(l);
        }
    }
}
