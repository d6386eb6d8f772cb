package dev.dhow.ssh;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * One authenticated SSH connection per host, opened on first use and shared by every later command. Handshakes
 * are bounded ({@code max_concurrent_starts}), channels per connection are bounded (OpenSSH MaxSessions), and a
 * connection unused for {@code pool_idle_timeout} is closed.
 */
final class SessionPool implements AutoCloseable {
    private final SshClient client;
    private final SshSettings settings;
    private final HostResolver resolver;
    private final Semaphore starts;
    private final ScheduledExecutorService sweeper;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger startsInFlight = new AtomicInteger();
    private final AtomicInteger maxStartsInFlight = new AtomicInteger();
    private final Consumer<String> debug;
    private volatile boolean closed;

    /** Per-host state: the shared session and the channel budget on it. */
    private final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final Semaphore channels = new Semaphore(settings.maxChannelsPerHost(), true);
        final AtomicInteger inUse = new AtomicInteger();
        volatile ClientSession session;
        volatile long lastUsedNanos = System.nanoTime();
        // Why the last connection opened ahead of use failed, and when: the first use reports it instead of
        // paying the connect timeout a second time.
        volatile RuntimeException aheadFailure;
        volatile long aheadFailedNanos;
    }

    /** A borrowed connection; closing it returns the channel slot. */
    final class Lease implements AutoCloseable {
        private final Slot slot;
        private final ClientSession session;
        private boolean released;

        private Lease(Slot slot, ClientSession session) {
            this.slot = slot;
            this.session = session;
        }

        ClientSession session() {
            return session;
        }

        @Override
        public synchronized void close() {
            if (released) return;
            released = true;
            slot.lastUsedNanos = System.nanoTime();
            slot.inUse.decrementAndGet();
            slot.channels.release();
        }
    }

    SessionPool(SshClient client, SshSettings settings, HostResolver resolver, Consumer<String> debug) {
        this.client = client;
        this.settings = settings;
        this.resolver = resolver;
        this.debug = debug;
        this.starts = new Semaphore(settings.maxConcurrentStarts(), true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dhow-ssh-idle-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(settings.poolIdleTimeout().toMillis() / 2, 30_000));
        sweeper.scheduleWithFixedDelay(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the host's connection now, before any command needs it (on the caller's thread), unless one is open or
     * being opened. A failure is kept for the first {@link #acquire}, which reports it if it is recent.
     */
    void openAhead(String host) {
        if (closed) return;
        Slot slot = slots.computeIfAbsent(host, h -> new Slot());
        if (!slot.lock.tryLock()) return;
        try {
            ClientSession s = slot.session;
            if (s != null && s.isOpen() && !s.isClosing()) return;
            slot.session = open(host);
            slot.lastUsedNanos = System.nanoTime();
        } catch (RuntimeException e) {
            slot.aheadFailedNanos = System.nanoTime();
            slot.aheadFailure = e;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Borrows the host's connection, opening it when there is none or the old one died. */
    Lease acquire(String host) {
        if (closed) throw new HostUnavailable("host " + host + ": the SSH engine is closed");
        Slot slot = slots.computeIfAbsent(host, h -> new Slot());
        try {
            slot.channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnavailable("host " + host + ": interrupted while waiting for a channel");
        }
        slot.inUse.incrementAndGet();
        try {
            ClientSession s = slot.session;
            if (s == null || !s.isOpen() || s.isClosing()) {
                slot.lock.lock();
                try {
                    s = slot.session;
                    if (s == null || !s.isOpen() || s.isClosing()) {
                        RuntimeException ahead = slot.aheadFailure;
                        slot.aheadFailure = null;
                        // A failure from just now (while the lock was taken, say) stands; an old one may have healed.
                        if (ahead != null && System.nanoTime() - slot.aheadFailedNanos < settings.connectTimeout().toNanos()) throw ahead;
                        s = open(host);
                        slot.session = s;
                    }
                } finally {
                    slot.lock.unlock();
                }
            }
            slot.lastUsedNanos = System.nanoTime();
            return new Lease(slot, s);
        } catch (RuntimeException e) {
            slot.inUse.decrementAndGet();
            slot.channels.release();
            throw e;
        }
    }

    /** Forgets a connection that failed under a command, so the next acquire opens a fresh one. */
    void discard(String host, ClientSession session) {
        Slot slot = slots.get(host);
        if (slot != null && slot.session == session) slot.session = null;
        session.close(true);
    }

    /** Connections opened so far (tests and benchmarks count them). */
    int connectionsOpened() {
        return opened.get();
    }

    /** The most handshakes that were ever in flight at once. */
    int maxConcurrentStartsSeen() {
        return maxStartsInFlight.get();
    }

    int openConnections() {
        return (int) slots.values().stream().filter(s -> s.session != null && s.session.isOpen()).count();
    }

    private ClientSession open(String host) {
        HostConfigEntry entry = resolver.resolve(host);
        String user = entry.getUsername();
        int port = entry.getPort();
        Duration timeout = settings.connectTimeout();
        try {
            starts.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnavailable("host " + host + ": interrupted while waiting to connect");
        }
        int now = startsInFlight.incrementAndGet();
        maxStartsInFlight.accumulateAndGet(now, Math::max);
        ProxyCommandRelay relay = null;
        ClientSession session = null;
        // Every hop writes a host-key refusal here, whichever way MINA then reports the failed handshake.
        AtomicReference<String> refusalSink = new AtomicReference<>();
        ConnectTrail trail = null;
        try {
            HostConfigEntry target = entry;
            String proxyCommand = entry.getProperty("ProxyCommand");
            boolean viaCommand = proxyCommand != null && !proxyCommand.isBlank() && !"none".equalsIgnoreCase(proxyCommand)
                    && (entry.getProxyJump() == null || entry.getProxyJump().isBlank());
            if (viaCommand) {
                relay = ProxyCommandRelay.start(ProxyCommandRelay.expand(proxyCommand, entry.getHostName(), port, user));
                target = new HostConfigEntry(host, relay.address().getHostString(), relay.address().getPort(), user);
                target.setIdentities(entry.getIdentities());
                target.setIdentitiesOnly(entry.isIdentitiesOnly());
                target.setProperty(HostConfigEntry.IDENTITY_AGENT, entry.getProperty(HostConfigEntry.IDENTITY_AGENT));
            } else if (entry.getProxyJump() == null || entry.getProxyJump().isBlank()) {
                resolveWithRetries(host, entry.getHostName());
            }
            trail = new ConnectTrail(host, target, user + "@" + entry.getHostName() + ":" + port,
                    viaCommand ? " through ProxyCommand " + proxyCommand : "");
            AttributeRepository context = viaCommand
                    // Only a ProxyCommand hides the real name from MINA; with jumps the context is shared by every hop.
                    ? AttributeRepository.ofAttributesMap(Map.of(
                            KnownHostsVerifier.LOGICAL_TARGET, new SshdSocketAddress(entry.getHostName(), port),
                            KnownHostsVerifier.REFUSAL_SINK, refusalSink, ConnectTrail.KEY, trail))
                    : AttributeRepository.ofAttributesMap(Map.of(KnownHostsVerifier.REFUSAL_SINK, refusalSink, ConnectTrail.KEY, trail));
            long deadline = System.nanoTime() + timeout.toNanos();
            ConnectFuture cf = client.connect(target, context, null);
            if (!cf.await(timeout, CancelOption.CANCEL_ON_TIMEOUT) ) {
                throw new HostUnavailable(connectFailure(trail, port, null, timeout, true));
            }
            if (cf.getException() != null) {
                String refusal = refusalSink.get();
                throw new HostUnavailable(refusal != null ? refusal : connectFailure(trail, port, cf.getException(), timeout, false), cf.getException());
            }
            session = cf.getSession();
            AuthFuture auth = session.auth();
            // One budget for the whole connection: TCP, handshake (and jumps) and authentication together.
            Duration left = Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
            boolean done = auth.await(left, CancelOption.CANCEL_ON_TIMEOUT);
            String refusal = refusalSink.get();
            if (refusal != null) throw new HostUnavailable(refusal);
            if (!done) throw new HostUnavailable(ConnectErrors.timedOut(host, timeout));
            if (!auth.isSuccess()) {
                throw new HostUnavailable("host " + host + ": " + authFailure(session.getAttribute(HopAuth.KEY), host, auth.getException(), port, timeout),
                        auth.getException());
            }
            opened.incrementAndGet();
            if (relay != null) {
                ProxyCommandRelay r = relay;
                session.addCloseFutureListener(f -> r.close());
            }
            debug.accept("ssh: connected to " + user + "@" + host);
            return session;
        } catch (DhowException e) {
            cleanup(session, relay);
            throw e;
        } catch (IOException | RuntimeException e) {
            // A server that hangs up after too many keys may do so before MINA completes the auth future (seen under
            // load): the failure is still the keys' story, not the network's.
            HopAuth offered = session == null ? null : session.getAttribute(HopAuth.KEY);
            cleanup(session, relay);
            String refusal = refusalSink.get();
            DhowException config = configError(e);
            if (config != null) throw config;
            if (refusal == null && offered != null && serverClosed(e) != null) {
                throw new HostUnavailable("host " + host + ": " + authFailure(offered, host, e, port, timeout), e);
            }
            throw new HostUnavailable(refusal != null ? refusal : trail != null ? connectFailure(trail, port, e, timeout, false)
                    : ConnectErrors.describe(host, port, e, timeout), e);
        } finally {
            startsInFlight.decrementAndGet();
            starts.release();
        }
    }

    /**
     * The error for a connection that never reached the target's authentication, naming the jump host when it was
     * one that failed (MINA reports those through the target's future).
     */
    private static String connectFailure(ConnectTrail trail, int targetPort, Throwable error, Duration timeout, boolean timedOut) {
        ConnectTrail.Hop jump = trail.failedJump();
        String host = trail.host;
        if (jump == null) {
            if (timedOut) return ConnectErrors.timedOut(host, timeout);
            String described = ConnectErrors.describe(host, targetPort, error, timeout);
            ConnectTrail.Hop last = trail.lastJump();
            return last != null ? described + " (through " + last.name(host) + ")" : described;
        }
        String name = jump.name(host);
        int port = jump.entry.getPort();
        if (timedOut) return ConnectErrors.timedOut(host + ": " + name, timeout);
        if (jump.connected()) {
            return "host " + host + ": " + name + ": " + authFailure(jump.auth, jump.entry.getHostName(), error, port, timeout);
        }
        return ConnectErrors.describe(host + ": " + name, port, error, timeout);
    }

    /** Why a hop's authentication failed: its keys' story, or the connection's when that is what broke. */
    private static String authFailure(HopAuth auth, String target, Throwable ex, int port, Duration timeout) {
        String closed = serverClosed(ex);
        if (auth != null && (ex == null || isAuthExhausted(ex) || closed != null)) return auth.failure(target, closed);
        return ConnectErrors.reason(port, ex, timeout);
    }

    /** The server's reason when it hung up during authentication (OpenSSH's MaxAuthTries), else null. */
    private static String serverClosed(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Too many authentication failures")) return "Too many authentication failures";
        }
        return null;
    }

    /** A mistake in an ssh config file found while MINA resolved a jump host: said as it is, not as a network error. */
    private static DhowException configError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof DhowException d) return d;
        return null;
    }

    /** MINA's way of saying every key was refused ("No more authentication methods available"). */
    private static boolean isAuthExhausted(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("authentication methods")) return true;
        }
        return false;
    }

    private static void cleanup(ClientSession session, ProxyCommandRelay relay) {
        if (session != null) session.close(true);
        if (relay != null) relay.close();
    }

    /** Net::SSH-style DNS retries with capped exponential backoff; a plain message when they run out. */
    private void resolveWithRetries(String host, String hostName) {
        for (int attempt = 0; ; attempt++) {
            try {
                InetAddress.getByName(hostName);
                return;
            } catch (UnknownHostException e) {
                if (attempt >= settings.dnsRetries()) throw new HostUnavailable("host " + host + ": could not resolve host name", e);
                long millis = (long) (Math.min(100 * Math.pow(2, attempt), 2000) + Math.random() * 100);
                debug.accept("ssh: retrying DNS for " + host + " (attempt " + (attempt + 1) + "/" + settings.dnsRetries() + ")");
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new HostUnavailable("host " + host + ": could not resolve host name", e);
                }
            }
        }
    }

    private void evictIdle() {
        long idle = settings.poolIdleTimeout().toNanos();
        long now = System.nanoTime();
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            ClientSession s = slot.session;
            if (s == null || slot.inUse.get() > 0 || now - slot.lastUsedNanos < idle) continue;
            if (slot.lock.tryLock()) {
                try {
                    if (slot.session == s && slot.inUse.get() == 0) {
                        slot.session = null;
                        debug.accept("ssh: closing idle connection to " + e.getKey());
                        s.close(false);
                    }
                } finally {
                    slot.lock.unlock();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        for (Slot slot : slots.values()) {
            ClientSession s = slot.session;
            slot.session = null;
            if (s != null) s.close(true);
        }
    }
}
