package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.runningV1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CI systems get: GitHub Actions groups, annotations and a step summary; GitLab collapsible sections. */
class CiIntegrationTest {
    @TempDir Path tmp;

    @Test
    void githubActionsGetsAGroupPerStepAnErrorPerFailedHostAndAStepSummary() throws Exception {
        Harness h = runningV1(tmp, "simple");
        Path summary = tmp.resolve("step-summary.md");
        h.env.put("GITHUB_ACTIONS", "true");
        h.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        h.remote.fail("1.1.1.2", "kamal-proxy deploy", 1, "Error: target failed to become healthy");
        assertEquals(1, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);

        List<String> out = h.out.lines().toList();
        assertTrue(out.contains("::group::Pull app image..."), h.out);
        assertTrue(out.indexOf("::endgroup::") > out.indexOf("::group::Pull app image..."), h.out);
        assertEquals(out.stream().filter(l -> l.startsWith("::group::")).count(), out.stream().filter(l -> l.equals("::endgroup::")).count(),
                "every group is closed: " + h.out);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("::error title=dhow%3A 1.1.1.2 (web) failed::failed to boot web:")), h.out);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("::error title=dhow redeploy failed::Deploying version v2 failed")), h.out);
        assertFalse(h.err.contains("\u001B"), "never colour off a terminal");

        String md = Files.readString(summary);
        assertTrue(md.startsWith("### ❌ dhow redeploy v2: failed in "), md);
        assertTrue(md.contains("| 1.1.1.2 | web | failed: failed to boot web: "), md);
        assertTrue(md.contains("| 1.1.1.1 | web | switched back to v1 |"), md);
        assertTrue(md.contains("Next: version v2 did not pass its health check"), md);
    }

    @Test
    void githubActionsStepSummaryOfASuccessfulDeployListsTheHostsPerRole() throws Exception {
        Harness h = runningV1(tmp, "simple");
        Path summary = tmp.resolve("step-summary.md");
        h.env.put("GITHUB_ACTIONS", "true");
        h.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        String md = Files.readString(summary);
        assertTrue(md.startsWith("### ✅ dhow redeploy v2: ok in "), md);
        assertTrue(md.contains("| web | 1.1.1.1, 1.1.1.2 |\n| workers | 1.1.1.3 |"), md);
    }

    @Test
    void gitlabGetsACollapsibleSectionPerStep() {
        Harness h = runningV1(tmp, "simple");
        h.env.put("GITLAB_CI", "true");
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.matches("(?s).*\u001B\\[0Ksection_start:\\d+:dhow_1_pull\\[collapsed=true\\]\r\u001B\\[0KPull app image\\.\\.\\.\n.*"), h.err);
        assertTrue(h.err.matches("(?s).*\u001B\\[0Ksection_end:\\d+:dhow_1_pull\r\u001B\\[0K\n.*"), h.err);
    }
}
