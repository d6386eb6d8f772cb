package dev.dhow.deploy;

import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.config.Targets;
import dev.dhow.output.Console;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The run and the collaborators built for it, handed to every flow: the servers ({@link #hosts}), this machine
 * ({@link #local} records with {@code --dry-run}, {@link #probe} always asks for real), secrets, the console, and
 * the lock, hooks and audit log, all built outside the flows. Immutable; closing it releases connections and threads.
 *
 * @param randomHex {@code n} random lowercase hex digits (container hostnames, {@code _replaced_} suffixes)
 * @param resources closed, in order, when the run ends
 */
public record Crew(Run run, Hosts hosts, Hosts local, Hosts probe, SecretSource secrets, Console console, Lock lock,
                   Hooks hooks, Audit audit, Sleeper sleeper, IntFunction<String> randomHex,
                   Optional<SessionLog> sessionLog, Optional<OtelShipper> otel, List<AutoCloseable> resources)
        implements AutoCloseable {
    public Crew {
        resources = List.copyOf(resources);
    }

    public Configuration config() {
        return run.config();
    }

    /** Hosts and roles selected by {@code -h}, {@code -r}, {@code -p}. */
    public Targets targets() {
        return run.targets();
    }

    public Cancellation cancellation() {
        return hosts.cancellation();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) first = e instanceof RuntimeException re ? re : new RuntimeException(e);
            }
        }
        if (first != null) throw first;
    }
}
