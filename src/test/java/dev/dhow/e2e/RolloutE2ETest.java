package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.sandbox.RequestLoop;
import dev.dhow.sandbox.Sandbox;
import dev.dhow.sandbox.SandboxHosts;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rollouts through kamal-proxy on sandbox hosts 1 and 2: the {@code kamal-rollout} cookie picks the new version
 * (allow-list, then FNV-1a percentage), promote moves everyone with no failed request, abort leaves the old one.
 */
@SandboxHosts(value = 3, shared = "progressive")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutE2ETest {
    static ProgressiveProject app;

    @BeforeAll
    static void project(Sandbox s) throws Exception {
        app = ProgressiveProject.create(s, "split", List.of(1, 2), "");
    }

    static String running(int host) {
        return app.on(host, "docker ps --filter label=service=split --format '{{.Names}}' | sort | tr '\\n' ' '").strip();
    }

    @Test
    @Order(1)
    void deployTheFirstVersion() throws Exception {
        DeployLifecycleE2ETest.Run deploy = app.dhow("deploy", "--version", "v1");
        assertEquals(0, deploy.code(), deploy.all());
    }

    @Test
    @Order(2)
    void withAListOnlyTheCookiesInItReachTheNewVersion() throws Exception {
        DeployLifecycleE2ETest.Run start = app.dhow("rollout", "start", "--version", "v2", "--list", "beta");
        assertEquals(0, start.code(), start.all());
        for (int h = 1; h <= 2; h++) {
            assertEquals("v2", app.version(h, "Cookie: kamal-rollout=beta"), "host " + h);
            assertEquals("v2", app.version(h, "Cookie: theme=dark; kamal-rollout=beta"), "host " + h);
            assertEquals("v1", app.version(h), "no cookie, host " + h);
            assertEquals("v1", app.version(h, "Cookie: kamal-rollout=gamma"), "host " + h);
            assertEquals("split-web-v1 split-web-v2", running(h));
        }
        DeployLifecycleE2ETest.Run status = app.dhow("rollout", "status");
        assertEquals(0, status.code(), status.all());
        assertTrue(status.out().contains(app.sandbox.host(1).address() + " (web): main v1, rollout v2 for kamal-rollout=beta"), status.all());
        assertTrue(app.dhow("audit").out().contains("Started rollout of app version v2 beside v1"), "audited");
    }

    @Test
    @Order(3)
    void aPercentageSplitsByTheFnvHashOfTheCookie() throws Exception {
        // FNV-1a 32: "alpha" is at 36.5% of 2^32-1, "beta" at 68.6%.
        DeployLifecycleE2ETest.Run set = app.dhow("rollout", "set", "--percent", "50");
        assertEquals(0, set.code(), set.all());
        assertEquals("v2", app.version(1, "Cookie: kamal-rollout=alpha"));
        assertEquals("v1", app.version(1, "Cookie: kamal-rollout=beta"));
        assertEquals("v1", app.version(1));
    }

    @Test
    @Order(4)
    void promoteMovesEveryoneWithNoFailedRequest() throws Exception {
        List<RequestLoop> loops = List.of(app.loop(1), app.loop(2));
        DeployLifecycleE2ETest.Run promote = app.dhow("rollout", "promote");
        for (RequestLoop loop : loops) {
            RequestLoop.Result r = loop.stop();
            assertEquals(List.of(), r.failures(), r.toString());
        }
        assertEquals(0, promote.code(), promote.all());
        for (int h = 1; h <= 2; h++) {
            assertEquals("v2", app.version(h));
            assertEquals("v2", app.version(h, "Cookie: kamal-rollout=beta"));
            assertEquals("split-web-v2", running(h));
        }
        assertTrue(app.dhow("rollout", "status").out().contains("main v2, no rollout"));
    }

    @Test
    @Order(5)
    void abortLeavesOnlyTheOldVersionRunning() throws Exception {
        DeployLifecycleE2ETest.Run start = app.dhow("rollout", "start", "--version", "v3", "--list", "beta");
        assertEquals(0, start.code(), start.all());
        assertEquals("v3", app.version(2, "Cookie: kamal-rollout=beta"));
        DeployLifecycleE2ETest.Run abort = app.dhow("rollout", "abort");
        assertEquals(0, abort.code(), abort.all());
        for (int h = 1; h <= 2; h++) {
            assertEquals("split-web-v2", running(h));
            assertEquals("", app.on(h, "docker ps -a -q --filter name=split-web-v3"), "the v3 container is removed");
            assertEquals("v2", app.version(h, "Cookie: kamal-rollout=beta"));
        }
        assertEquals("There is no deploy lock\n", app.dhow("lock", "status").out());
    }
}
