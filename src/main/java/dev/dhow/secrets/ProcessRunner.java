package dev.dhow.secrets;

import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a vendor CLI locally with an explicit environment, the way Kamal's backticks do: stdout is
 * captured, stdin is the user's (so sign-in prompts work), stderr is shown unless the call is quiet.
 */
public final class ProcessRunner {
    private static final Pattern PROMPT = Pattern.compile("(?i).*?\\b(password|passphrase)\\b[^:]*:\\s*(\\[hidden]\\s*)?");

    /** What a finished CLI call returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank stderr line, shortened: enough to explain a failure without dumping output. */
        public String reason() {
            String[] lines = stderr.strip().split("\r?\n");
            String last = lines[lines.length - 1].strip();
            // A prompt has no newline, so the error after a failed sign-in shares the prompt's line.
            Matcher prompt = PROMPT.matcher(last);
            if (prompt.lookingAt() && !prompt.group().toLowerCase(Locale.ROOT).contains("error") && prompt.end() < last.length()) {
                last = last.substring(prompt.end());
            }
            return last.length() > 200 ? last.substring(0, 200) + "…" : last;
        }
    }

    // A sign-in prompt may wait for a person to type; a CLI that hangs beyond this is stopped.
    private static final Duration TIME_LIMIT = Duration.ofMinutes(10);

    private final Map<String, String> env;
    private final ProcessBuilder.Redirect stdin;
    private final Writer stderrSink;

    /**
     * @param env the complete environment of the child processes; its PATH is also where programs are looked up
     * @param stdin where the children read from: {@code Redirect.INHERIT} for a real terminal
     * @param stderrSink where the children's stderr (prompts, warnings) is echoed live; null to only capture it
     */
    public ProcessRunner(Map<String, String> env, ProcessBuilder.Redirect stdin, Writer stderrSink) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.stderrSink = stderrSink;
    }

    /** A runner for the real world: this process's environment, terminal and stderr. */
    public static ProcessRunner system(Writer stderrSink) {
        return new ProcessRunner(System.getenv(), ProcessBuilder.Redirect.INHERIT, stderrSink);
    }

    public Map<String, String> env() {
        return env;
    }

    /** The executable named {@code program} in the runner's PATH (Java would otherwise search its own PATH). */
    public Optional<Path> which(String program) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Runs argv with stderr echoed to the sink (prompts reach the user). */
    public Result run(List<String> argv) {
        return run(argv, Map.of(), false);
    }

    /** Runs argv with stderr captured only, like Kamal's {@code 2> /dev/null} probes. */
    public Result runQuietly(List<String> argv) {
        return run(argv, Map.of(), true);
    }

    /**
     * Runs argv; {@code extraEnv} is added to the environment (how session tokens reach a CLI
     * without appearing in argv).
     */
    public Result run(List<String> argv, Map<String, String> extraEnv, boolean quiet) {
        String program = argv.get(0);
        Path exe = which(program).orElseThrow(() -> new DhowException("the '" + program + "' command is not on the PATH"));
        List<String> command = new ArrayList<>(argv);
        command.set(0, exe.toString());
        LocalProcess.Spec spec = LocalProcess.Spec.of(command, TIME_LIMIT).environment(env).extraEnv(extraEnv)
                .input(input()).describedAs("'" + program + "'").redacting(List.copyOf(extraEnv.values()));
        if (!quiet && stderrSink != null) spec = spec.showErrorsOn(this::show);
        LocalProcess.Outcome outcome = LocalProcess.run(spec);
        return new Result(outcome.exitCode(), outcome.stdout(), outcome.stderr());
    }

    private LocalProcess.Input input() {
        if (stdin.type() == ProcessBuilder.Redirect.Type.INHERIT) return new LocalProcess.Inherit();
        if (stdin.type() == ProcessBuilder.Redirect.Type.READ) return new LocalProcess.FromFile(stdin.file());
        return new LocalProcess.Closed();
    }

    private void show(String text) {
        synchronized (stderrSink) {
            try {
                stderrSink.write(text);
                stderrSink.flush();
            } catch (IOException e) {
                // The user's stderr is gone; the captured copy still explains a failure.
            }
        }
    }
}
