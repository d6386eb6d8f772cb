package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.sandbox.HttpProbe;
import dev.dhow.sandbox.RequestLoop;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHosts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code app pause}/{@code app resume} on sandbox host 3: requests made while paused wait, and succeed once resumed. */
@SandboxHosts(value = 3, shared = "progressive")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PauseE2ETest {
    static ProgressiveProject app;

    @BeforeAll
    static void project(Sandbox s) throws Exception {
        app = ProgressiveProject.create(s, "hold", List.of(3), "");
    }

    @Test
    @Order(1)
    void deployTheApp() {
        DeployLifecycleE2ETest.Run deploy = app.dhow("deploy", "--version", "v1");
        assertEquals(0, deploy.code(), deploy.all());
    }

    @Test
    @Order(2)
    void requestsMadeWhilePausedWaitAndSucceedAfterResume() throws Exception {
        DeployLifecycleE2ETest.Run pause = app.dhow("app", "pause", "--max-pause", "60s", "--drain-timeout", "5");
        assertEquals(0, pause.code(), pause.all());
        RequestLoop loop = RequestLoop.start(app.sandbox.host(3).http("/version"), app.host, 5, Duration.ofSeconds(30));
        Thread.sleep(3000);
        RequestLoop.Result held = loop.snapshot();
        assertEquals(0, held.succeeded(), "nothing gets through while paused: " + held);
        assertEquals(List.of(), held.failures());
        DeployLifecycleE2ETest.Run resume = app.dhow("app", "resume");
        assertEquals(0, resume.code(), resume.all());
        RequestLoop.Result r = loop.stop();
        assertEquals(List.of(), r.failures(), r.toString());
        assertTrue(r.succeeded() >= 10, r.toString());
        assertEquals(java.util.Map.of("v1", r.succeeded()), r.bodies());
        assertTrue(app.dhow("audit").out().contains("Paused app"));
    }

    @Test
    @Order(3)
    void aRequestHeldLongerThanMaxPauseGetsAGatewayTimeout() throws Exception {
        DeployLifecycleE2ETest.Run pause = app.dhow("app", "pause", "--max-pause", "2s");
        assertEquals(0, pause.code(), pause.all());
        try {
            long start = System.nanoTime();
            HttpProbe.Response r = HttpProbe.get(app.sandbox.host(3).http("/version"), app.host, Duration.ofSeconds(20));
            double waited = (System.nanoTime() - start) / 1e9;
            assertEquals(504, r.status());
            assertTrue(waited >= 1.5, "held about 2 s: " + waited);
        } finally {
            assertEquals(0, app.dhow("app", "resume").code());
        }
        assertEquals("v1", app.version(3));
    }
}
