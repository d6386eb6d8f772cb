package dev.dhow.ssh;

import dev.dhow.core.LocalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Runs an ssh {@code ProxyCommand} and hands its stdin/stdout to MINA as a loopback socket: MINA only speaks
 * TCP, so a one-shot listener on 127.0.0.1 accepts MINA's connection and pipes it through the command.
 */
final class ProxyCommandRelay implements AutoCloseable {
    private final ServerSocket server;
    private final String command;
    private volatile Process process;
    private volatile Socket socket;

    private ProxyCommandRelay(ServerSocket server, String command) {
        this.server = server;
        this.command = command;
    }

    /** {@code %h} host, {@code %p} port, {@code %r} user, {@code %%} a percent sign. */
    static String expand(String template, String host, int port, String user) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char n = template.charAt(++i);
                switch (n) {
                    case 'h' -> sb.append(host);
                    case 'p' -> sb.append(port);
                    case 'r' -> sb.append(user);
                    case '%' -> sb.append('%');
                    default -> sb.append('%').append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static ProxyCommandRelay start(String command) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ProxyCommandRelay relay = new ProxyCommandRelay(server, command);
        Thread t = new Thread(relay::acceptOnce, "dhow-proxy-command");
        t.setDaemon(true);
        t.start();
        return relay;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void acceptOnce() {
        try (server) {
            Socket s = server.accept();
            socket = s;
            // Lives as long as the SSH session it carries: the time limit only matters to LocalProcess.run.
            Process p = LocalProcess.start(LocalProcess.Spec.shell(command, java.time.Duration.ZERO).errors(LocalProcess.Errors.INHERIT));
            process = p;
            pump(s.getInputStream(), p.getOutputStream(), "in");
            pump(p.getInputStream(), s.getOutputStream(), "out");
        } catch (IOException | dev.dhow.core.DhowException e) {
            close();
        }
    }

    private void pump(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32 * 1024];
            try (from; to) {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // One side closed: the other is closed by close().
            } finally {
                close();
            }
        }, "dhow-proxy-command-" + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        Process p = process;
        if (p != null) LocalProcess.kill(p);
    }
}
