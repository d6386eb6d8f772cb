package dev.dhow.deploy;

import dev.dhow.cli.Dhow;
import dev.dhow.cli.Services;
import dev.dhow.cli.Transport;
import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.output.Console;
import dev.dhow.ssh.Executor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs dhow in-process against a scenario folder ({@code src/test/resources/deploy/<scenario>}, copied to a temp
 * project) with recording executors for the servers and this machine, a fixed clock that sleeping advances, and
 * a fixed identity.
 */
public final class Harness {
    public final RecordingExecutor remote = new RecordingExecutor();
    public final RecordingExecutor local = new RecordingExecutor();
    public final List<Duration> sleeps = new ArrayList<>();
    /** What registries answer ({@code dhow plan} asks whether the version's image is there): by default, that it is. */
    public RegistryProbe registry = (registry, image, tag, secrets) -> new RegistryProbe.Answer(Optional.of(true), "in the registry");
    public final Path project;
    public final Map<String, String> env = new HashMap<>();
    /** The run's answer to signals: a test signals it as SIGINT/SIGTERM would. */
    public final Cancellation cancellation = new Cancellation();
    /** Whether dhow should think its standard input is a terminal (interactive commands need one). */
    public boolean inputTerminal;
    private final MutableClock clock = new MutableClock();
    public String out = "";
    public String err = "";

    public Harness(Path tmp, String scenario) {
        this.project = tmp.resolve("project");
        copy(Path.of("src/test/resources/deploy", scenario), project);
        env.put("HOME", tmp.toString());
        env.put("PATH", System.getenv("PATH"));
    }

    public int dhow(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Transport transport = new Transport() {
            @Override
            public Executor remote(Configuration config, Map<String, String> environment, SecretSource secrets, Console console) {
                return remote;
            }

            @Override
            public Executor local(Console console, Path workingDir) {
                return local;
            }

            @Override
            public RegistryProbe registry() {
                return registry;
            }
        };
        Services services = new Services(transport, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, Optional.of("tester@example.com"), Optional.of(n -> "abcdef0123456789".substring(0, n)), cancellation, false, inputTerminal);
        int code = Dhow.commandLineFor(args, new PrintWriter(o, true), new PrintWriter(e, true), env, project, services).execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** The remote calls as {@code host: command} lines. */
    public List<String> remoteLines() {
        return remote.calls().stream().map(RecordingExecutor.Call::toString).toList();
    }

    private static void copy(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else {
                    Files.copy(p, target);
                    if (Files.isExecutable(p)) target.toFile().setExecutable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public synchronized Instant instant() { return now; }
    }
}
