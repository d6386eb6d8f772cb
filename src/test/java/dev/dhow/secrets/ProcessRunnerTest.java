package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir Path tmp;

    @Test
    void programsAreLookedUpOnlyInTheInjectedPath() {
        FakeCli cli = new FakeCli(tmp).install("tool", "echo hi");
        ProcessRunner runner = cli.runner();

        assertTrue(runner.which("tool").isPresent());
        assertTrue(runner.which("sh").isEmpty(), "the JVM's own PATH is not searched");
    }

    @Test
    void stdoutIsCapturedAndStderrEchoedUnlessQuiet() {
        FakeCli cli = new FakeCli(tmp).install("tool", "echo out; printf 'Prompt: ' >&2; echo oops >&2; exit 3");
        ProcessRunner runner = cli.runner();

        ProcessRunner.Result loud = runner.run(List.of("tool", "a"));
        ProcessRunner.Result quiet = runner.runQuietly(List.of("tool", "b"));

        assertEquals(new ProcessRunner.Result(3, "out\n", "Prompt: oops\n"), loud);
        assertEquals(loud.stderr(), quiet.stderr());
        assertEquals("Prompt: oops\n", cli.stderr.toString(), "only the loud call reached the user");
    }

    @Test
    void extraEnvironmentReachesTheChildWithoutArgv() {
        FakeCli cli = new FakeCli(tmp).install("bw", "echo \"$BW_SESSION\"");

        ProcessRunner.Result result = cli.runner().run(List.of("bw", "status"), Map.of("BW_SESSION", "s3ss"), false);

        assertEquals("s3ss\n", result.stdout());
        assertEquals(List.of("BW_SESSION=s3ss bw status"), cli.calls());
    }

    @Test
    void theReasonIsTheLastStderrLineWithoutAPasswordPrompt() {
        assertEquals("Error: nope", new ProcessRunner.Result(1, "", "warming up\nEnter your password: Error: nope\n").reason());
        assertEquals("Error: invalid password: too short", new ProcessRunner.Result(1, "", "Error: invalid password: too short").reason());
    }
}
