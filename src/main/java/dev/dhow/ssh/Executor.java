package dev.dhow.ssh;

import dev.dhow.core.Cmd;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs commands on hosts: over SSH ({@link SshExecutor}), on this machine ({@link LocalExecutor}) or not at all
 * ({@link DryRunExecutor}). Implementations are thread-safe: {@link Fleet} calls them from many threads.
 * A command's {@link Cmd#stdin()} is fed to its standard input; without it the command sees end-of-file at once.
 * Failures to reach a host throw {@link dev.dhow.core.DhowException} naming the host; a non-zero exit is a
 * {@link Result}, turned into an exception by {@link Result#check()}.
 */
public interface Executor extends AutoCloseable {

    /** The time limit of a command whose caller names none. */
    Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

    /** A limit that never fires, for commands that run until the user stops them ({@code logs --follow}). */
    Duration NO_LIMIT = Duration.ZERO;

    /** Runs {@code cmd} on {@code host} within {@link #DEFAULT_LIMIT} and collects its output. */
    default Result run(String host, Cmd cmd) {
        return stream(host, cmd, DEFAULT_LIMIT, line -> {});
    }

    /** Runs {@code cmd} on {@code host} and collects its output; stops it and throws when it outlives {@code limit}. */
    default Result run(String host, Cmd cmd, Duration limit) {
        return stream(host, cmd, limit, line -> {});
    }

    /**
     * Runs {@code cmd}, handing each output line to {@code lines} as it arrives, and also collects the output.
     *
     * @param limit how long the command may run ({@link #NO_LIMIT}: as long as it likes); past it the command is
     *              stopped and a {@link dev.dhow.core.DhowException} names the host, the command and the limit
     */
    Result stream(String host, Cmd cmd, Duration limit, Consumer<OutputLine> lines);

    /** Writes {@code content} to {@code remotePath} with permission bits {@code mode} (e.g. 0600); replaces atomically. */
    void upload(String host, byte[] content, String remotePath, int mode);

    /** Runs {@code cmd} attached to a terminal (PTY) wired to {@code in}/{@code out}; returns the exit code. */
    int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out);

    /**
     * {@code ssh -R 127.0.0.1:remotePort:localHost:localPort}: connections to the host's loopback port are carried
     * back to {@code localHost:localPort} on this machine until the returned tunnel is closed.
     */
    Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort);

    /**
     * {@code ssh -L 127.0.0.1:localPort:remoteHost:remotePort}; {@code localPort} 0 picks a free port, see
     * {@link Tunnel#port()}.
     */
    Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort);

    /**
     * This executor with {@code env} added to every command's process environment (build secrets, which must
     * not appear in argv). Only executors for this machine support it.
     */
    default Executor withEnvironment(java.util.Map<String, String> env) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot set a process environment");
    }

    /** This executor with exactly {@code env} as every command's environment (hooks). Local executors only. */
    default Executor withExactEnvironment(java.util.Map<String, String> env) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot set a process environment");
    }

    /**
     * Starts connecting to {@code hosts} in the background, so that their handshakes overlap other work (the lock):
     * a hint, never an error; a host that cannot be reached is reported by the first command that needs it.
     */
    default void connectAhead(java.util.List<String> hosts) {}

    /** Releases connections; safe to call twice. */
    @Override
    default void close() {}
}
