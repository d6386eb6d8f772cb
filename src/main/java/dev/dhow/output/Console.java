package dev.dhow.output;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What flows and commands tell the user, as events: narration, warnings, errors, commands run, results, and the
 * steps, host outcomes and summary of a run. Where the events go (a terminal, {@code --json}, CI, the output log,
 * OTel) is decided once per run by the sink; flows never print directly. Thread-safe.
 */
public final class Console {
    private final EventSink sink;
    private final Verbosity verbosity;
    private final Clock clock;

    public Console(EventSink sink, Verbosity verbosity, Clock clock) {
        this.sink = sink;
        this.verbosity = verbosity;
        this.clock = clock;
    }

    /** A console rendering to a terminal's two streams (tests, and commands that need no run). */
    public Console(PrintWriter out, PrintWriter err, Verbosity verbosity, boolean colour) {
        this(new TerminalRenderer(out, err, verbosity, new TerminalRenderer.Style(colour, false)), verbosity, Clock.systemUTC());
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public boolean verbose() {
        return verbosity == Verbosity.VERBOSE;
    }

    public boolean quiet() {
        return verbosity == Verbosity.QUIET;
    }

    public EventSink sink() {
        return sink;
    }

    /** A result line for stdout (shown even when quiet: it is what the user asked for). */
    public void result(String line) {
        sink.emit(new Event.Result(clock.instant(), line, false));
    }

    /** A structured answer for {@code --json} ({@link Event.Data}); say it for people with {@link #result}. */
    public void data(String type, Map<String, Object> fields) {
        sink.emit(new Event.Data(clock.instant(), type, fields));
    }

    /** Text for stdout exactly as given, without a newline (streamed or {@code --raw} output). */
    public void rawOut(String text) {
        sink.emit(new Event.Result(clock.instant(), text, true));
    }

    /** Narration about the run, e.g. {@code Acquiring the deploy lock...}. */
    public void info(String line) {
        sink.emit(new Event.Info(clock.instant(), Optional.empty(), line));
    }

    /** Narration about one host, shown as {@code [host] line}. */
    public void info(String host, String line) {
        sink.emit(new Event.Info(clock.instant(), Optional.ofNullable(host), line));
    }

    /** A command about to run on a host; shown with --verbose only; always redacted by the caller. */
    public void command(String host, String redactedCommand) {
        sink.emit(new Event.CommandRun(clock.instant(), host, redactedCommand));
    }

    /** A line a command printed, shown with --verbose only. */
    public void output(String host, boolean stderr, String text) {
        sink.emit(new Event.Output(clock.instant(), host, stderr, text));
    }

    /** Debug detail (connections, retries): --verbose only on the terminal, a {@code debug} event in JSON. */
    public void debug(String line) {
        sink.emit(new Event.Debug(clock.instant(), line));
    }

    public void warn(String line) {
        sink.emit(new Event.Warning(clock.instant(), Optional.empty(), line));
    }

    public void error(String line) {
        sink.emit(new Event.Error(clock.instant(), Optional.empty(), line));
    }

    /** A wait on {@code host} that ends within {@code limitSeconds}: a live status on a terminal. */
    public void progress(String host, String what, long limitSeconds) {
        sink.emit(new Event.Progress(clock.instant(), host, what, limitSeconds));
    }

    /**
     * Starts a phase of the run ({@code step} names it for machines, {@code title} for people); close the returned
     * handle when it ends, saying whether it went well.
     */
    public Step step(String step, String title) {
        sink.emit(new Event.StepStarted(clock.instant(), step, title));
        return new Step(step, clock.millis());
    }

    /** A host (and role) that failed: the reason, once, as it happens. */
    public void hostFailed(String host, Optional<String> role, String reason) {
        sink.emit(new Event.HostFailed(clock.instant(), host, role, reason));
    }

    /** Where a failure or an interrupt left a host. */
    public void hostState(String host, Optional<String> role, String state, String detail) {
        sink.emit(new Event.HostState(clock.instant(), host, role, state, detail));
    }

    public void hookRan(String name, long millis, int exitCode) {
        sink.emit(new Event.HookRan(clock.instant(), name, millis, exitCode));
    }

    public void summary(String command, String version, Map<String, List<String>> hostsByRole, List<String> urls, long millis) {
        summary(command, version, hostsByRole, urls, millis, List.of());
    }

    /** As above, with {@code notes} on how it went (a canary verified, a rollout split). */
    public void summary(String command, String version, Map<String, List<String>> hostsByRole, List<String> urls, long millis,
                        List<String> notes) {
        sink.emit(new Event.Summary(clock.instant(), command, version, hostsByRole, urls, millis, notes));
    }

    /** The command began. */
    public void runStarted(String command, Optional<String> version, List<String> hosts, boolean dryRun) {
        sink.emit(new Event.RunStarted(clock.instant(), command, version, hosts, dryRun));
    }

    /**
     * The command ended: the last event of a run. {@code status} is {@code ok}, {@code failed} or
     * {@code interrupted}; {@code message} the error shown to the user, {@code nextStep} what to run next.
     */
    public void runFinished(String status, int exitCode, long millis, Optional<String> message, Optional<String> nextStep) {
        sink.emit(new Event.RunFinished(clock.instant(), status, exitCode, millis, message, nextStep));
    }

    /** A {@code [host] } prefix, as the terminal shows it (for text composed by callers). */
    public String prefix(String host) {
        return host == null ? "" : "[" + host + "] ";
    }

    /** A phase of the run in progress. */
    public final class Step implements AutoCloseable {
        private final String name;
        private final long startedAt;
        private boolean ok;
        private boolean finished;

        private Step(String name, long startedAt) {
            this.name = name;
            this.startedAt = startedAt;
        }

        /** Marks the phase as done well; a step closed without this counts as failed. */
        public void ok() {
            ok = true;
        }

        @Override
        public void close() {
            if (finished) return;
            finished = true;
            sink.emit(new Event.StepFinished(clock.instant(), name, clock.millis() - startedAt, ok));
        }
    }
}
