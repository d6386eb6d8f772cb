package dev.dhow.core;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a program on this machine: the one place dhow starts local processes (git, hooks, secret-manager CLIs,
 * builds, ProxyCommand, stty), so that time limits really fire, an interrupted caller stops the child, and
 * secrets never reach an error message.
 *
 * <p>Output is read by pump threads while the caller waits with a deadline: reading a pipe to its end before
 * waiting (as {@code readAllBytes()} then {@code waitFor(timeout)} does) would block for as long as the child
 * lives, so the time limit could never fire.
 */
public final class LocalProcess {
    /** Where the child's standard input comes from. */
    public sealed interface Input permits Closed, Bytes, Inherit, FromFile {}

    /** End-of-file at once. */
    public record Closed() implements Input {}

    /** These bytes, then end-of-file. */
    public record Bytes(byte[] bytes) implements Input {}

    /** This process's own stdin (a terminal prompt can reach the user). */
    public record Inherit() implements Input {}

    /** A file, e.g. {@code /dev/tty}. */
    public record FromFile(File file) implements Input {}

    /** Where the child's standard error goes. */
    public enum Errors {
        /** Captured into {@link Outcome#stderr()}. */
        CAPTURE,
        /** Merged into standard output (hooks show one stream). */
        MERGE,
        /** Captured and also copied to {@link Spec#errorSink()} as it arrives (prompts without a newline included). */
        CAPTURE_AND_SHOW,
        /** This process's own stderr. */
        INHERIT,
        DISCARD
    }

    /**
     * One program run.
     *
     * @param argv        the program and its arguments
     * @param directory   working directory; empty for this process's
     * @param environment the child's complete environment; empty to inherit this process's (plus {@code extraEnv})
     * @param extraEnv    added on top of the environment (e.g. tokens that must not appear in argv)
     * @param timeout     the longest the child may run; it is killed (with its descendants) after that
     * @param secrets     values replaced by {@code [REDACTED]} in every message this runner produces
     * @param lines       called with each stdout line as it arrives (progress); captured output is kept as well
     * @param errorSink   live copy of stderr for {@link Errors#CAPTURE_AND_SHOW}
     * @param what        how to name the program in messages when its argv may hold secrets; empty to show argv
     */
    public record Spec(List<String> argv, Optional<Path> directory, Optional<Map<String, String>> environment,
                       Map<String, String> extraEnv, Input input, Errors errors, Duration timeout,
                       List<String> secrets, Consumer<String> lines, Optional<Consumer<String>> errorSink,
                       Optional<String> what) {
        public Spec {
            argv = List.copyOf(argv);
            environment = environment.map(Map::copyOf);
            extraEnv = Map.copyOf(extraEnv);
            secrets = List.copyOf(secrets);
        }

        /** {@code argv} with no input, stderr captured, inherited environment, and {@code timeout}. */
        public static Spec of(List<String> argv, Duration timeout) {
            return new Spec(argv, Optional.empty(), Optional.empty(), Map.of(), new Closed(), Errors.CAPTURE, timeout,
                    List.of(), line -> {}, Optional.empty(), Optional.empty());
        }

        /** {@code sh -c <script>}. */
        public static Spec shell(String script, Duration timeout) {
            return of(List.of("sh", "-c", script), timeout);
        }

        public Spec in(Path dir) {
            return new Spec(argv, Optional.ofNullable(dir), environment, extraEnv, input, errors, timeout, secrets, lines, errorSink, what);
        }

        public Spec environment(Map<String, String> complete) {
            return new Spec(argv, directory, Optional.of(complete), extraEnv, input, errors, timeout, secrets, lines, errorSink, what);
        }

        public Spec extraEnv(Map<String, String> extra) {
            return new Spec(argv, directory, environment, extra, input, errors, timeout, secrets, lines, errorSink, what);
        }

        public Spec input(Input in) {
            return new Spec(argv, directory, environment, extraEnv, in, errors, timeout, secrets, lines, errorSink, what);
        }

        public Spec errors(Errors e) {
            return new Spec(argv, directory, environment, extraEnv, input, e, timeout, secrets, lines, errorSink, what);
        }

        public Spec showErrorsOn(Consumer<String> sink) {
            return new Spec(argv, directory, environment, extraEnv, input, Errors.CAPTURE_AND_SHOW, timeout, secrets, lines, Optional.of(sink), what);
        }

        public Spec redacting(List<String> values) {
            return new Spec(argv, directory, environment, extraEnv, input, errors, timeout, values, lines, errorSink, what);
        }

        public Spec onLine(Consumer<String> consumer) {
            return new Spec(argv, directory, environment, extraEnv, input, errors, timeout, secrets, consumer, errorSink, what);
        }

        /** Names the program in messages by {@code description} instead of its argv. */
        public Spec describedAs(String description) {
            return new Spec(argv, directory, environment, extraEnv, input, errors, timeout, secrets, lines, errorSink, Optional.of(description));
        }

        /** The program as messages name it, secrets redacted. */
        public String label() {
            return redact(what.orElseGet(() -> String.join(" ", argv)), secrets);
        }
    }

    /** What a finished program left: exit code and output (stdout and stderr as UTF-8, secrets redacted in neither). */
    public record Outcome(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    // Output a descendant keeps open after the child exits (a hook that starts a daemon) must not hold us forever.
    private static final long DRAIN_AFTER_EXIT_MILLIS = 2000;
    private static final long GRACE_MILLIS = 2000;

    private LocalProcess() {}

    /**
     * Runs {@code spec} to its end.
     *
     * @throws DhowException when the program cannot be started, runs past its time limit (it is killed), or the
     *                       calling thread is interrupted (the program is killed)
     */
    public static Outcome run(Spec spec) {
        Process process = start(spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out, spec.lines(), null, "stdout");
        Thread errPump = spec.errors() == Errors.CAPTURE || spec.errors() == Errors.CAPTURE_AND_SHOW
                ? pump(process.getErrorStream(), err, line -> {}, spec.errorSink().orElse(null), "stderr") : null;
        feed(process, spec.input());
        try {
            if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new DhowException(spec.label() + " did not finish within " + seconds(spec.timeout()) + " and was stopped");
            }
            outPump.join(DRAIN_AFTER_EXIT_MILLIS);
            if (errPump != null) errPump.join(DRAIN_AFTER_EXIT_MILLIS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new DhowException("interrupted while running " + spec.label(), e);
        }
        synchronized (out) {
            synchronized (err) {
                return new Outcome(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Starts {@code spec} for the caller to talk to (its streams are the caller's; {@code lines} and the time limit
     * are not used): for long-lived children such as an ssh {@code ProxyCommand}. Stop it with {@link #kill}.
     */
    public static Process start(Spec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        spec.directory().ifPresent(d -> pb.directory(d.toFile()));
        spec.environment().ifPresent(env -> {
            pb.environment().clear();
            pb.environment().putAll(env);
        });
        pb.environment().putAll(spec.extraEnv());
        switch (spec.errors()) {
            case MERGE -> pb.redirectErrorStream(true);
            case INHERIT -> pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            case DISCARD -> pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            default -> { }
        }
        if (spec.input() instanceof Inherit) pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (spec.input() instanceof FromFile f) pb.redirectInput(ProcessBuilder.Redirect.from(f.file()));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new DhowException("cannot run " + spec.label() + ": " + redact(String.valueOf(e.getMessage()), spec.secrets()), e);
        }
    }

    /** Stops {@code process} and whatever it started: politely, then, after a grace period, forcibly. */
    public static void kill(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ProcessHandle p : family) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    p.onExit().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    break;
                }
            }
            if (p.isAlive()) p.destroyForcibly();
        }
    }

    /** {@code text} with every secret value (of four characters or more) replaced by {@code [REDACTED]}. */
    public static String redact(String text, List<String> secrets) {
        String out = text;
        for (String v : secrets) if (v != null && v.length() >= 4) out = out.replace(v, Sensitive.REDACTED);
        return out;
    }

    private static void feed(Process process, Input input) {
        if (input instanceof Inherit || input instanceof FromFile) return;
        try (OutputStream stdin = process.getOutputStream()) {
            if (input instanceof Bytes b) stdin.write(b.bytes());
        } catch (IOException e) {
            // The child exited or closed its stdin without reading: its exit code tells the rest.
        }
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream capture, Consumer<String> lines, Consumer<String> live, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            try (from) {
                int n;
                while ((n = from.read(buffer)) > 0) {
                    synchronized (capture) {
                        capture.write(buffer, 0, n);
                    }
                    if (live != null) {
                        // Chunks, not lines, so a prompt without a newline shows at once; a character split across
                        // two reads waits for its last byte.
                        pending.write(buffer, 0, n);
                        byte[] bytes = pending.toByteArray();
                        int whole = completeUtf8Prefix(bytes);
                        if (whole > 0) live.accept(new String(bytes, 0, whole, StandardCharsets.UTF_8));
                        pending.reset();
                        pending.write(bytes, whole, bytes.length - whole);
                    }
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.accept(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
                if (line.size() > 0) lines.accept(line.toString(StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                // The child went away; what was captured so far stands.
            }
        }, "dhow-local-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The length of the longest prefix of {@code bytes} that ends on a UTF-8 character boundary. */
    static int completeUtf8Prefix(byte[] bytes) {
        int i = bytes.length - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) return bytes.length;
        int lead = bytes[i] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return i + size <= bytes.length ? bytes.length : i;
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 1 ? s + (s == 1 ? " second" : " seconds") : d.toMillis() + " ms";
    }
}
