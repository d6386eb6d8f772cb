package dev.dhow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Canary deploys on three sandbox hosts behind kamal-proxy, each under a request loop: a good version goes to host
 * 1, is watched for the soak, then to hosts 2 and 3; a version whose post-canary hook fails, and one whose
 * container exits 10 s after it starts, leave all three hosts on the version before.
 */
@SandboxHosts(value = 3, shared = "progressive")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanaryE2ETest {
    static ProgressiveProject app;

    @BeforeAll
    static void project(Sandbox s) throws Exception {
        app = ProgressiveProject.create(s, "bird", List.of(1, 2, 3), """
                x-dhow:
                  canary:
                    soak: 6s
                    interval: 1
                """);
    }

    static List<RequestLoop> loops() {
        return List.of(app.loop(1), app.loop(2), app.loop(3));
    }

    static void assertNoFailedRequest(RequestLoop loop, String which) {
        RequestLoop.Result r = loop.stop();
        assertEquals(List.of(), r.failures(), which + ": " + r);
        assertTrue(r.sent() > 0, which);
    }

    static void assertAllOn(String version) throws Exception {
        for (int h = 1; h <= 3; h++) assertEquals(version, app.version(h), "host " + h);
        assertEquals("There is no deploy lock\n", app.dhow("lock", "status").out());
    }

    @Test
    @Order(1)
    void setupBootsTheFirstVersionEverywhereWithoutACanary() throws Exception {
        DeployLifecycleE2ETest.Run setup = app.dhow("setup", "--version", "v1");
        assertEquals(0, setup.code(), setup.all());
        assertAllOn("v1");
    }

    @Test
    @Order(2)
    void aGoodVersionSwitchesTheCanaryHostFirstWaitsOutTheSoakThenTheRest() throws Exception {
        List<RequestLoop> loops = loops();
        try (DhowProcess dhow = app.process("deploy", "--version", "v2")) {
            dhow.awaitLine(l -> l.contains("Verify the canary hosts for 6s"), Duration.ofSeconds(240));
            assertEquals("v2", app.version(1), "the canary host serves the new version during the soak");
            assertEquals("v1", app.version(2));
            assertEquals("v1", app.version(3));
            int code = dhow.waitFor(Duration.ofSeconds(240));
            assertEquals(0, code, dhow.output());
            assertTrue(dhow.stderr().contains("canary: " + app.sandbox.host(1).address() + " verified for 6s before the other hosts"), dhow.output());
            DhowProcess.Line verified = dhow.awaitLine(l -> l.contains("passed every check"), Duration.ofSeconds(1));
            DhowProcess.Line soakStarted = dhow.awaitLine(l -> l.contains("Verify the canary hosts"), Duration.ofSeconds(1));
            assertTrue((verified.at() - soakStarted.at()) / 1e9 >= 6, "the soak is waited out:\n" + dhow.output());
        }
        for (int h = 0; h < 3; h++) assertNoFailedRequest(loops.get(h), "host " + (h + 1));
        assertAllOn("v2");
    }

    @Test
    @Order(3)
    void aVersionWhosePostCanaryCheckFailsLeavesEveryHostOnThePreviousVersion() throws Exception {
        app.hook("post-canary", "#!/bin/sh\necho \"smoke test on $KAMAL_HOSTS: checkout broken\"\nexit 1\n");
        List<RequestLoop> loops = loops();
        DeployLifecycleE2ETest.Run deploy;
        try {
            deploy = app.dhow("deploy", "--version", "v3");
        } finally {
            app.removeHook("post-canary");
        }
        assertEquals(1, deploy.code(), deploy.all());
        assertTrue(deploy.err().contains("Canary of version v3 failed: post-canary hook failed (smoke test on "
                + app.sandbox.host(1).address() + ": checkout broken) on " + app.sandbox.host(1).address()), deploy.all());
        assertNoFailedRequest(loops.get(1), "host 2 never switched");
        assertNoFailedRequest(loops.get(2), "host 3 never switched");
        loops.get(0).stop();
        assertAllOn("v2");
        assertEquals("", app.on(1, "docker ps -q --filter name=bird-web-v3"), "the canary container is stopped");
    }

    @Test
    @Order(4)
    void aVersionWhoseContainerExitsTenSecondsAfterStartingLeavesEveryHostOnThePreviousVersion() throws Exception {
        app.startWith("(sleep 10; kill $$) &");
        List<RequestLoop> loops = loops();
        DeployLifecycleE2ETest.Run deploy;
        try {
            deploy = app.dhow("deploy", "--version", "v4", "--soak=16s");
        } finally {
            app.normalStart();
        }
        assertEquals(1, deploy.code(), deploy.all());
        assertTrue(deploy.err().contains("Canary of version v4 failed: container bird-web-v4 "), deploy.all());
        assertTrue(deploy.err().contains(" on " + app.sandbox.host(1).address() + " (web)"), deploy.all());
        assertNoFailedRequest(loops.get(1), "host 2 never switched");
        assertNoFailedRequest(loops.get(2), "host 3 never switched");
        loops.get(0).stop();
        assertAllOn("v2");
    }
}
