package dev.dhow.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * dhow as a separate process (the test's own classpath, {@code dev.dhow.cli.Dhow}), as a user runs it: so that real
 * signals reach it and its exit code is the process's. Every output line is kept with the moment it arrived.
 */
final class DhowProcess implements AutoCloseable {
    /** One line of output, with when it arrived (nanoTime). */
    record Line(long at, boolean stderr, String text) {}

    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final Thread out;
    private final Thread err;
    final long startedAt = System.nanoTime();

    private DhowProcess(Process process) {
        this.process = process;
        this.out = pump(process.getInputStream(), false);
        this.err = pump(process.getErrorStream(), true);
    }

    static DhowProcess start(Path project, Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dhow.cli.Dhow"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(project.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new DhowProcess(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends {@code kill -<name>} to the process, as a terminal's Ctrl-C or a CI runner's cancel does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + name + " failed");
    }

    /** Waits for the first line matching {@code match}; fails with everything seen so far when it does not come. */
    Line awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (Line l : lines) if (match.test(l.text())) return l;
                if (!process.isAlive() && !out.isAlive() && !err.isAlive()) break;
                lines.wait(100);
            }
        }
        throw new AssertionError("no such line within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end; returns its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("dhow did not end within " + timeout + ":\n" + output());
        }
        out.join(5000);
        err.join(5000);
        return process.exitValue();
    }

    String output() {
        synchronized (lines) {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) {
                sb.append(String.format("%6.1fs %s %s%n", (l.at() - startedAt) / 1e9, l.stderr() ? "!" : " ", l.text()));
            }
            return sb.toString();
        }
    }

    String stdout() {
        synchronized (lines) {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) if (!l.stderr()) sb.append(l.text()).append('\n');
            return sb.toString();
        }
    }

    String stderr() {
        synchronized (lines) {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) if (l.stderr()) sb.append(l.text()).append('\n');
            return sb.toString();
        }
    }

    private Thread pump(InputStream in, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(new Line(System.nanoTime(), stderr, line));
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        }, "dhow-process-" + (stderr ? "err" : "out"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
