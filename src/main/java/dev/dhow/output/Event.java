package dev.dhow.output;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something a run tells people and machines. Flows report what happens as events into one sink; renderers (the
 * terminal, {@code --json}, CI systems, the output log, OTel) decide how it looks. Every text field is already
 * redacted by the time a renderer sees it. The JSON names ({@link #type()}) are the documented schema
 * ({@code docs/json-events.md}).
 */
public sealed interface Event {
    /** When it happened. */
    Instant at();

    /** The event's {@code type} in the JSON schema. */
    String type();

    /** The command began: what runs, for which version, on which hosts. */
    record RunStarted(Instant at, String command, Optional<String> version, List<String> hosts, boolean dryRun) implements Event {
        public String type() { return "run_started"; }
    }

    /** A phase of the command began, e.g. {@code pull} "Pull app image...". */
    record StepStarted(Instant at, String step, String title) implements Event {
        public String type() { return "step_started"; }
    }

    /** A phase ended, after {@code millis}; {@code ok} false when it failed or was interrupted. */
    record StepFinished(Instant at, String step, long millis, boolean ok) implements Event {
        public String type() { return "step_finished"; }
    }

    /** Narration, about one host or the run. */
    record Info(Instant at, Optional<String> host, String message) implements Event {
        public String type() { return "info"; }
    }

    /**
     * A long wait on a host with a known end, e.g. a health check: {@code what} for {@code limitSeconds} at most.
     * Terminals show it as a live status; machines may ignore it.
     */
    record Progress(Instant at, String host, String what, long limitSeconds) implements Event {
        public String type() { return "progress"; }
    }

    record Warning(Instant at, Optional<String> host, String message) implements Event {
        public String type() { return "warning"; }
    }

    record Error(Instant at, Optional<String> host, String message) implements Event {
        public String type() { return "error"; }
    }

    /** A command about to run on a host (or {@code local}); shown with {@code --verbose}. */
    record CommandRun(Instant at, String host, String command) implements Event {
        public String type() { return "command"; }
    }

    /** A line a command printed, when the run streams it (builds, hooks); shown with {@code --verbose}. */
    record Output(Instant at, String host, boolean stderr, String text) implements Event {
        public String type() { return "output"; }
    }

    /** dhow's own detail (connections, hops, retries), not any host's output; shown with {@code --verbose}. */
    record Debug(Instant at, String message) implements Event {
        public String type() { return "debug"; }
    }

    /** What the user asked for ({@code app details}, a dry run's commands): stdout. */
    record Result(Instant at, String text, boolean raw) implements Event {
        public String type() { return "result"; }
    }

    /** A host (and role) failed; the run goes on to put the others back. */
    record HostFailed(Instant at, String host, Optional<String> role, String reason) implements Event {
        public String type() { return "host_failed"; }
    }

    /** Where a host was left after a failure or an interrupt: {@code switched_back}, {@code stopped_new}, … */
    record HostState(Instant at, String host, Optional<String> role, String state, String detail) implements Event {
        public String type() { return "host_state"; }
    }

    /** A local hook ran. */
    record HookRan(Instant at, String name, long millis, int exitCode) implements Event {
        public String type() { return "hook"; }
    }

    /** What a successful deploy left: the version, the hosts of each role, the app's URLs, how long it took. */
    record Summary(Instant at, String command, String version, Map<String, List<String>> hostsByRole, List<String> urls,
                   long millis, List<String> notes) implements Event {
        public Summary {
            notes = List.copyOf(notes);
        }

        public String type() { return "summary"; }
    }

    /**
     * A command's answer as structured data for machines, of a {@code type} the command documents (e.g. {@code dhow
     * plan}'s {@code plan_resource}): {@code --json} writes its fields (strings, numbers, booleans, lists and maps);
     * on a terminal the command shows its {@link Result} lines instead, so renderers for people skip it.
     */
    record Data(Instant at, String type, Map<String, Object> fields) implements Event {}

    /**
     * The command ended: {@code status} is {@code ok}, {@code failed} or {@code interrupted}; {@code exitCode} is the
     * process's; {@code message} the error (redacted), if any. Always the last event of a run.
     */
    record RunFinished(Instant at, String status, int exitCode, long millis, Optional<String> message,
                       Optional<String> nextStep) implements Event {
        public String type() { return "run_finished"; }
    }
}
