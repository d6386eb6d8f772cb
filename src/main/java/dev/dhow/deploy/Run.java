package dev.dhow.deploy;

import dev.dhow.config.Configuration;
import dev.dhow.config.Targets;
import dev.dhow.core.Shell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one dhow command runs on, fixed when it starts: the configuration, the hosts and roles selected, how it was
 * invoked, its flags, this machine's project directory and environment, and the clock. Never changed afterwards.
 *
 * @param environment the environment dhow was started with (hooks inherit it)
 * @param startedAt   when the command started, for {@code Finished all in N.N seconds} and {@code KAMAL_RUNTIME}
 */
public record Run(Configuration config, Targets targets, Invocation invocation, Flags flags, Path workingDir,
                  Map<String, String> environment, Clock clock, Instant startedAt) {
    public Run {
        environment = Map.copyOf(environment);
    }

    /** A run of {@code config} on every host, started now, with default flags: for tests and in-process callers. */
    public static Run of(Configuration config, Invocation invocation, Path workingDir, Map<String, String> environment, Clock clock) {
        return new Run(config, Targets.all(config), invocation, Flags.DEFAULT, workingDir, environment, clock, clock.instant());
    }

    /** Now, as Kamal's {@code Time.now.utc.iso8601}: {@code 2026-11-22T10:00:00Z}. */
    public String recordedAt() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Seconds since the command started. */
    public double elapsedSeconds() {
        return (clock.millis() - startedAt.toEpochMilli()) / 1000.0;
    }

    /**
     * The options a user gave that change what a run does besides its hosts.
     *
     * @param skipHooks     {@code -H}
     * @param lockWait      {@code --lock-wait} and friends
     * @param specificRoles the {@code -r} roles when given (for {@code KAMAL_ROLES})
     */
    public record Flags(boolean skipHooks, LockWait lockWait, Optional<List<String>> specificRoles) {
        public static final Flags DEFAULT = new Flags(false, LockWait.NONE, Optional.empty());
    }

    /** {@code --lock-wait}, {@code --lock-wait-timeout}, {@code --lock-wait-interval}. */
    public record LockWait(boolean enabled, int timeoutSeconds, int intervalSeconds) {
        public static final LockWait NONE = new LockWait(false, 900, 15);
    }

    /**
     * The command being run, for hooks ({@code KAMAL_COMMAND}/{@code KAMAL_SUBCOMMAND}) and the retry hint.
     *
     * @param selectors the options that pick the config, destination, hosts and roles ({@code -c x -d y}), to repeat
     */
    public record Invocation(String command, Optional<String> subcommand, List<String> selectors) {
        public Invocation {
            selectors = List.copyOf(selectors);
        }

        public static Invocation of(String command, String subcommand) {
            return new Invocation(command, Optional.ofNullable(subcommand), List.of());
        }

        /** {@code dhow <command> [<subcommand>]}. */
        public String commandLine() {
            return "dhow " + command + subcommand.map(s -> " " + s).orElse("");
        }

        /** The command to run again for {@code version}: {@code dhow deploy --skip-push --version V -d staging}. */
        public String retryCommand(String version) {
            StringBuilder sb = new StringBuilder(commandLine());
            if (command.equals("deploy") || command.equals("redeploy") || command.equals("setup")) sb.append(" --skip-push");
            if (!command.equals("rollback")) sb.append(" --version ").append(Shell.escape(version));
            else sb.append(" ").append(Shell.escape(version));
            return sb.append(selectorSuffix()).toString();
        }

        /** {@code dhow <words>} with this run's selectors, e.g. {@code dhow rollback v2 -d staging}. */
        public String withSelectors(String words) {
            return "dhow " + words + selectorSuffix();
        }

        private String selectorSuffix() {
            StringBuilder sb = new StringBuilder();
            for (String s : selectors) sb.append(' ').append(Shell.escape(s));
            return sb.toString();
        }
    }
}
