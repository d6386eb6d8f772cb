package dev.dhow.ssh;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One in-process SSH server and a throw-away client user per test; executors made here are closed after it. */
abstract class InProcessServerTestBase {
    @TempDir Path tmp;
    SshFixture fx;
    TestSshServer server;
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fx = new SshFixture(tmp.resolve("home"));
        server = new TestSshServer(tmp.resolve("hostkey"), fx.clientKey.getPublic());
        cleanup.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) c.close();
    }

    SshExecutor executor(SshSettings settings) {
        SshExecutor e = new SshExecutor(settings, fx.console());
        cleanup.add(0, e);
        return e;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
