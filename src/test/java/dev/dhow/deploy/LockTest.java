package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.commands.LockCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {
    @TempDir java.nio.file.Path tmp;

    static String encoded(String details) {
        // Ruby's Base64.encode64: 60-character lines, each ending in a newline.
        String b64 = Base64.getEncoder().encodeToString(details.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 60) sb.append(b64, i, Math.min(b64.length(), i + 60)).append('\n');
        return sb.toString();
    }

    @Test
    void acquireMakesTheLockDirectoryOnThePrimaryHostInOneRoundTrip() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("lock", "acquire", "-m", "Fixing the database", "--version", "v1"), h.err);
        String details = LockCommands.details("Fixing the database", "v1", "tester@example.com", "2026-11-22T10:00:00Z");
        assertEquals(List.of("1.1.1.1: mkdir -p .kamal && mkdir .kamal/lock-app && echo \"" + encoded(details) + "\" > .kamal/lock-app/details"),
                h.remoteLines());
        assertTrue(h.err.contains("Acquired the deploy lock"), h.err);
    }

    @Test
    void aLockHeldElsewhereFailsWithExitThreeAndShowsWhoHoldsIt() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("mkdir .kamal/lock-app", 1, "mkdir: cannot create directory '.kamal/lock-app': File exists")
                .answer("base64 -d", "Locked by: Someone at 2026-11-22T09:00:00Z\nVersion: v0\nMessage: Automatic deploy lock\n");
        assertEquals(3, h.dhow("lock", "acquire", "-m", "mine", "--version", "v1"));
        assertTrue(h.err.contains("Deploy lock already in place!"), h.err);
        assertTrue(h.out.contains("Locked by: Someone at 2026-11-22T09:00:00Z"), h.out);
        assertTrue(h.err.contains("ERROR Deploy lock found. Run 'dhow lock help' for more information"), h.err);
    }

    @Test
    void lockWaitPollsAnAutomaticLockUntilItIsFree() {
        Harness h = new Harness(tmp, "simple");
        h.remote.failTimes("mkdir .kamal/lock-app", 2, 1, "mkdir: cannot create directory '.kamal/lock-app': File exists")
                .answer("base64 -d", "Locked by: Someone at now\nVersion: v0\nMessage: Automatic deploy lock\n");
        assertEquals(0, h.dhow("lock", "acquire", "-m", "mine", "--version", "v1", "--lock-wait", "--lock-wait-interval", "5"), h.err);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), h.sleeps);
        assertTrue(h.err.contains("Acquiring the deploy lock (waiting up to 900s)..."), h.err);
        assertTrue(h.err.contains("Retrying in 5s (900s remaining)..."), h.err);
        assertTrue(h.err.contains("Retrying in 5s (895s remaining)..."), h.err);
    }

    @Test
    void lockWaitGivesUpAtTheTimeout() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("mkdir .kamal/lock-app", 1, "mkdir: cannot create directory '.kamal/lock-app': File exists")
                .answer("base64 -d", "Message: Automatic deploy lock\n");
        assertEquals(3, h.dhow("lock", "acquire", "-m", "m", "--version", "v1", "--lock-wait", "--lock-wait-timeout", "20", "--lock-wait-interval", "15"));
        assertEquals(List.of(Duration.ofSeconds(15), Duration.ofSeconds(5)), h.sleeps);
        assertTrue(h.err.contains("ERROR Timed out after 20s waiting for the deploy lock (a longer wait: --lock-wait-timeout SECONDS)"), h.err);
        assertEquals(1, h.err.lines().filter(l -> l.startsWith("ERROR")).count(), "one line for one problem: " + h.err);
    }

    @Test
    void lockWaitDoesNotWaitForAManualLock() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("mkdir .kamal/lock-app", 1, "mkdir: cannot create directory '.kamal/lock-app': File exists")
                .answer("base64 -d", "Locked by: Ops\nVersion: v0\nMessage: Fixing the database\n");
        assertEquals(3, h.dhow("lock", "acquire", "-m", "m", "--version", "v1", "--lock-wait"));
        assertEquals(List.of(), h.sleeps);
        assertTrue(h.err.contains("Deploy lock held manually, not waiting"), h.err);
    }

    @Test
    void statusPrintsTheDetailsOrSaysThereIsNoLock() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("base64 -d", "Locked by: Ops at t\nVersion: v0\nMessage: hi\n");
        assertEquals(0, h.dhow("lock", "status", "--version", "v1"), h.err);
        assertEquals("Locked by: Ops at t\nVersion: v0\nMessage: hi\n", h.out);
        assertEquals(List.of("1.1.1.1: stat .kamal/lock-app > /dev/null && cat .kamal/lock-app/details | base64 -d"), h.remoteLines());

        Harness none = new Harness(tmp.resolve("b"), "simple");
        none.remote.fail("stat .kamal/lock-app", 1, "stat: cannot statx '.kamal/lock-app': No such file or directory");
        assertEquals(0, none.dhow("lock", "status", "--version", "v1"), none.err);
        assertEquals("There is no deploy lock\n", none.out);
    }

    @Test
    void releaseRemovesTheLockDirectory() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("lock", "release", "--version", "v1"), h.err);
        assertEquals(List.of("1.1.1.1: rm .kamal/lock-app/details && rm -r .kamal/lock-app"), h.remoteLines());
        assertTrue(h.err.contains("Released the deploy lock"), h.err);
    }

    @Test
    void aParentHoldingTheLockIsTrustedThroughKamalLock() {
        Harness h = new Harness(tmp, "simple");
        h.env.put("KAMAL_LOCK", "true");
        assertEquals(0, h.dhow("app", "live", "--version", "v1"), h.err);
        assertEquals(List.of("1.1.1.1: docker exec kamal-proxy kamal-proxy resume app-web",
                "1.1.1.2: docker exec kamal-proxy kamal-proxy resume app-web"), h.remoteLines().stream().sorted().toList());
    }

    @Test
    void lockedWorkThatFailsStillReleasesTheLock() {
        Harness h = new Harness(tmp, "simple");
        h.remote.fail("1.1.1.2", "kamal-proxy resume", 1, "no such service");
        assertEquals(1, h.dhow("app", "live", "--version", "v1"));
        List<String> lines = h.remoteLines();
        assertEquals("1.1.1.1: rm .kamal/lock-app/details && rm -r .kamal/lock-app", lines.get(lines.size() - 1));
        assertTrue(h.err.contains("ERROR host 1.1.1.2: command failed (exit 1): docker exec kamal-proxy kamal-proxy resume app-web"), h.err);
    }

    @Test
    void dryRunPrintsTheLockCommandsAndRunsNothing() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("lock", "release", "--version", "v1", "--dry-run"), h.err);
        assertEquals(List.of(), h.remoteLines());
        assertEquals("[1.1.1.1] rm .kamal/lock-app/details && rm -r .kamal/lock-app\n", h.out);
    }
}
