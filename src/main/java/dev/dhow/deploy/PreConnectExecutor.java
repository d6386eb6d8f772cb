package dev.dhow.deploy;

import dev.dhow.core.Cmd;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.OutputLine;
import dev.dhow.ssh.Result;
import dev.dhow.ssh.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** Runs an action (the {@code pre-connect} hook) once, before the first call reaches the wrapped executor. */
public final class PreConnectExecutor implements Executor {
    private final Executor delegate;
    private final Runnable beforeFirstUse;
    private boolean connected;

    public PreConnectExecutor(Executor delegate, Runnable beforeFirstUse) {
        this.delegate = delegate;
        this.beforeFirstUse = beforeFirstUse;
    }

    private synchronized void connect() {
        if (connected) return;
        connected = true;
        beforeFirstUse.run();
    }

    @Override
    public Result stream(String host, Cmd cmd, java.time.Duration limit, Consumer<OutputLine> lines) {
        connect();
        return delegate.stream(host, cmd, limit, lines);
    }

    @Override
    public void upload(String host, byte[] content, String remotePath, int mode) {
        connect();
        delegate.upload(host, content, remotePath, mode);
    }

    @Override
    public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) {
        connect();
        return delegate.runInteractive(host, cmd, in, out);
    }

    @Override
    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        connect();
        return delegate.forwardRemote(host, remotePort, localHost, localPort);
    }

    @Override
    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        connect();
        return delegate.forwardLocal(host, localPort, remoteHost, remotePort);
    }

    @Override
    public void connectAhead(java.util.List<String> hosts) {
        connect();
        delegate.connectAhead(hosts);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
