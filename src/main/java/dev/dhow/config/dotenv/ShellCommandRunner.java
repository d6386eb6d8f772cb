package dev.dhow.config.dotenv;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a command substitution with {@code /bin/sh -c}, like Ruby's backticks: stdin and stderr stay the
 * user's terminal (a vault CLI may prompt), stdout is captured.
 */
final class ShellCommandRunner {
    record Result(int exitCode, String stdout) {}

    private final Map<String, String> environment;
    private final Path workingDirectory;

    ShellCommandRunner(Map<String, String> environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** @param what how to name the command in an error (never the command text: it may hold secrets) */
    Result run(String command, String what) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            Process process = pb.start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result(process.waitFor(), out);
        } catch (IOException e) {
            throw new DhowException("Could not run the command for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException("Interrupted while running the command for " + what, e);
        }
    }
}
