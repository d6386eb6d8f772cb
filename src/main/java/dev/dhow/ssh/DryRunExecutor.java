package dev.dhow.ssh;

import dev.dhow.core.Cmd;
import dev.dhow.output.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --dry-run}: prints {@code [host] command} for every step, in order, and touches nothing. Every command
 * "succeeds", printing what the command says a simulation should see ({@link Cmd#simulatedOutput()}: a placeholder
 * such as {@code CONTAINER_ID} for queries whose answer the flow goes on with, else nothing), so a flow shows its
 * whole happy path without ever knowing it runs dry.
 */
public final class DryRunExecutor implements Executor {
    /** One recorded step. */
    public record Step(String host, String command) {}

    private final Console console;
    private final List<Step> steps = new ArrayList<>();

    public DryRunExecutor(Console console) {
        this.console = console;
    }

    /** The steps recorded so far, in order. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    private synchronized void record(String host, String command) {
        steps.add(new Step(host, command));
        console.result(console.prefix(host) + command);
    }

    @Override
    public Executor withEnvironment(java.util.Map<String, String> env) {
        return this;
    }

    @Override
    public Executor withExactEnvironment(java.util.Map<String, String> env) {
        return this;
    }

    @Override
    public Result stream(String host, Cmd cmd, java.time.Duration limit, Consumer<OutputLine> lines) {
        record(host, cmd.redacted());
        return new Result(host, cmd.redacted(), 0, cmd.simulatedOutput(), "");
    }

    @Override
    public void upload(String host, byte[] content, String remotePath, int mode) {
        record(host, "upload " + content.length + " bytes to " + remotePath + " (mode " + String.format("%04o", mode) + ")");
    }

    @Override
    public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) {
        record(host, cmd.redacted() + " (interactive)");
        return 0;
    }

    @Override
    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        record(host, "forward remote 127.0.0.1:" + remotePort + " -> " + localHost + ":" + localPort);
        return new Tunnel() {
            @Override public int port() { return remotePort; }
            @Override public void close() {}
        };
    }

    @Override
    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        record(host, "forward local 127.0.0.1:" + localPort + " -> " + remoteHost + ":" + remotePort);
        return new Tunnel() {
            @Override public int port() { return localPort; }
            @Override public void close() {}
        };
    }
}
