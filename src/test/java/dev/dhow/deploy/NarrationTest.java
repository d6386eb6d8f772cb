package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.runningV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person reads on stderr while a flow runs, without --verbose: each problem a new user met, fixed. */
class NarrationTest {
    @TempDir Path tmp;

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anImageBuildShowsItsStepsWithoutVerbose() {
        Harness h = runningV1(tmp, "simple");
        h.local.fail("docker buildx version", 1, "unknown command");
        h.local.answer("docker build -t", "Sending build context to Docker daemon  3kB\nStep 1/2 : FROM busybox\n ---> abc\nStep 2/2 : COPY . /app\nSuccessfully built abc\n");
        assertEquals(0, h.dhow("build", "push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("[local] Step 1/2 : FROM busybox\n[local] Step 2/2 : COPY . /app\n"), h.err);
        assertFalse(h.err.contains("Sending build context"), "the rest of the build's chatter stays for --verbose: " + h.err);
    }

    @Test
    void setupSaysFinishedOnceAndAFailureNeverSaysFinished() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(0, h.dhow("setup", "--skip-push", "--version", "v2"), h.err);
        assertEquals(1, count(h.err, "Finished all in"), h.err);

        Harness failing = runningV1(tmp.resolve("f"), "simple");
        failing.remote.fail("kamal-proxy deploy", 1, "unhealthy");
        assertEquals(1, failing.dhow("redeploy", "--skip-push", "--version", "v2"));
        assertEquals(0, count(failing.err, "Finished all in"), failing.err);
    }

    @Test
    void aFailedHealthCheckOfAnImageWithoutHealthcheckShowsNoErrorNull() {
        Harness h = runningV1(tmp, "simple");
        h.remote.fail("kamal-proxy deploy", 1, "Error: target failed to become healthy");
        h.remote.answer("{{json .State.Health}}", "null\n");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"));
        assertFalse(h.err.contains("ERROR null"), h.err);
    }

    @Test
    void setupSaysWhichAccessoriesItBootedWhere() {
        Harness h = runningV1(tmp, "accessories");
        h.remote.answer("1.1.1.7", "name=^custom-busybox$", "bb0123456789\n");
        assertEquals(0, h.dhow("setup", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("Boot accessories..."), h.err);
        assertTrue(h.err.contains("[1.1.1.5] Booted accessory mysql (private.registry/mysql:8.0)"), h.err);
        assertTrue(h.err.contains("[1.1.1.6] Booted accessory redis (redis:latest)"), h.err);
    }

    @Test
    void accessoryRebootSaysWhatItReboots() {
        Harness h = new Harness(tmp, "accessories");
        h.env.put("VERSION", "v1");
        assertEquals(0, h.dhow("accessory", "reboot", "redis"), h.err);
        assertTrue(h.err.contains("Rebooting accessory redis on 1.1.1.5, 1.1.1.6..."), h.err);
        assertTrue(h.err.contains("[1.1.1.5] Booted accessory redis (redis:latest)"), h.err);
    }

    @Test
    void removeListsWhatItRemovedOnEachHost() {
        Harness h = runningV1(tmp, "accessories");
        h.remote.answer("ls .kamal/apps | wc -l", "0\n");
        assertEquals(0, h.dhow("remove", "-y"), h.err);
        assertTrue(h.err.contains("[1.1.1.1] Removed the web containers"), h.err);
        assertTrue(h.err.contains("[1.1.1.3] Removed the workers containers"), h.err);
        assertTrue(h.err.contains("[1.1.1.1] Removed kamal-proxy: its container, image and configuration"), h.err);
        assertTrue(h.err.contains("[1.1.1.5] Removed accessory mysql: its container, image, data directory and env file"), h.err);
        assertTrue(h.err.contains("Logged out of Docker Hub on "), h.err);
    }

    @Test
    void aRollbackWithNothingToRollBackToFailsSoACiJobGoesRed() {
        Harness h = runningV1(tmp, "simple");
        assertEquals(1, h.dhow("rollback"), h.err);
        assertTrue(h.err.contains("ERROR No earlier version is present on every host"), h.err);
    }
}
