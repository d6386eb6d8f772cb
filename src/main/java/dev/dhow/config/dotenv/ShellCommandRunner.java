package dev.dhow.config.dotenv;

import dev.dhow.core.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a command substitution with {@code /bin/sh -c}, like Ruby's backticks: stdin and stderr stay the
 * user's terminal (a vault CLI may prompt), stdout is captured.
 */
final class ShellCommandRunner {
    record Result(int exitCode, String stdout) {}

    // A secrets CLI may prompt for a password; one that hangs beyond this is stopped.
    private static final Duration TIME_LIMIT = Duration.ofMinutes(10);

    private final Map<String, String> environment;
    private final Path workingDirectory;

    ShellCommandRunner(Map<String, String> environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** @param what how to name the command in an error (never the command text: it may hold secrets) */
    Result run(String command, String what) {
        LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.of(List.of("/bin/sh", "-c", command), TIME_LIMIT)
                .in(workingDirectory).environment(environment).input(new LocalProcess.Inherit())
                .errors(LocalProcess.Errors.INHERIT).describedAs("the command for " + what));
        return new Result(outcome.exitCode(), outcome.stdout());
    }
}
