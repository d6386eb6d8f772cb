package dev.dhow.deploy;

import dev.dhow.core.Cmd;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.OutputLine;
import dev.dhow.ssh.Result;
import dev.dhow.ssh.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The servers (or this machine) as flows see them. {@link #run} throws {@link CommandFailed}, naming host and
 * command, when a command exits non-zero; {@link #capture} returns the {@link Result} for a caller that expects
 * failure and handles it. Every command runs within the limit of its {@link StepLimits.Step kind}, and none starts
 * once the run has been interrupted, except through the {@link #unwinding()} and {@link #essential()} views that
 * undo work and release the lock.
 */
public final class Hosts {
    /** Which commands still start after a signal. */
    private enum Policy {
        /** Forward work: none after the first signal. */
        NORMAL,
        /** Undo steps: none after the second signal. */
        UNWIND,
        /** Releasing the lock: always. */
        ESSENTIAL
    }

    private final Executor executor;
    private final StepLimits limits;
    private final Cancellation cancellation;
    private final ExecutorService pool;
    private final Policy policy;
    private static final java.util.regex.Pattern AUDIT_PREFIX =
            java.util.regex.Pattern.compile("^mkdir -p \\.kamal && echo \"[^\"]*\" >> \\S+ && ");
    // host + command of the runOnce commands that succeeded in this run, shared by every view of the run
    private final java.util.Set<String> ranOnce;

    /**
     * @param pool the run's one thread pool (unbounded: fleets nest), shared by every view and fleet of the run
     */
    public Hosts(Executor executor, StepLimits limits, Cancellation cancellation, ExecutorService pool) {
        this(executor, limits, cancellation, pool, Policy.NORMAL, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    private Hosts(Executor executor, StepLimits limits, Cancellation cancellation, ExecutorService pool, Policy policy,
                  java.util.Set<String> ranOnce) {
        this.executor = executor;
        this.limits = limits;
        this.cancellation = cancellation;
        this.pool = pool;
        this.policy = policy;
        this.ranOnce = ranOnce;
    }

    /**
     * A facade with default limits, no cancellation and threads of its own (daemons), for callers outside a run.
     */
    public static Hosts standalone(Executor executor) {
        return new Hosts(executor, StepLimits.DEFAULT, new Cancellation(), dev.dhow.ssh.Fleet.newPool());
    }

    /** These hosts for undo steps (switching back, stopping new containers): they still run after the first signal. */
    public Hosts unwinding() {
        return new Hosts(executor, limits, cancellation, pool, Policy.UNWIND, ranOnce);
    }

    /** These hosts for the lock release: it runs whatever signals came. */
    public Hosts essential() {
        return new Hosts(executor, limits, cancellation, pool, Policy.ESSENTIAL, ranOnce);
    }

    /** Runs a plain command; throws {@link CommandFailed} when it exits non-zero. */
    public Result run(String host, Cmd cmd) {
        return run(host, cmd, StepLimits.Step.COMMAND);
    }

    /** Runs a command of kind {@code step}; throws {@link CommandFailed} when it exits non-zero. */
    public Result run(String host, Cmd cmd, StepLimits.Step step) {
        return check(capture(host, cmd, step));
    }

    /**
     * Runs {@code cmd} on {@code host} unless it already succeeded there in this run: for commands whose effect
     * lasts, such as {@code docker login}, which a deploy would otherwise send twice per host (pull, proxy).
     */
    public void runOnce(String host, Cmd cmd) {
        if (ranOnce(host, cmd)) return;
        run(host, cmd);
        ranOnce.add(onceKey(host, cmd));
    }

    /**
     * Runs {@code cmd}, which includes the {@link #runOnce} command {@code once} (e.g. a login folded into a query),
     * and counts {@code once} as done on {@code host} when it succeeds.
     */
    public Result runIncluding(String host, Cmd once, Cmd cmd) {
        Result r = run(host, cmd);
        ranOnce.add(onceKey(host, once));
        return r;
    }

    /** Whether {@link #runOnce} (or {@link #runIncluding}) already ran {@code cmd} on {@code host} in this run. */
    public boolean ranOnce(String host, Cmd cmd) {
        return ranOnce.contains(onceKey(host, cmd));
    }

    private static String onceKey(String host, Cmd cmd) {
        return host + "\n" + cmd.shellLine();
    }

    /** Runs a plain command whose failure the caller expects and handles: any exit code comes back as a result. */
    public Result capture(String host, Cmd cmd) {
        return capture(host, cmd, StepLimits.Step.COMMAND);
    }

    public Result capture(String host, Cmd cmd, StepLimits.Step step) {
        return stream(host, cmd, step, line -> {});
    }

    /** As {@link #capture}, handing each output line to {@code lines} as it arrives. */
    public Result stream(String host, Cmd cmd, StepLimits.Step step, Consumer<OutputLine> lines) {
        checkpoint(cmd);
        return executor.stream(host, cmd, limits.of(step), lines);
    }

    /** Writes {@code content} to {@code path} on {@code host} with permission bits {@code mode}. */
    public void upload(String host, byte[] content, String path, int mode) {
        checkpoint("upload to " + path);
        executor.upload(host, content, path, mode);
    }

    /** Starts connecting to {@code hosts} in the background (see {@link Executor#connectAhead}); never fails. */
    public void connectAhead(List<String> hosts) {
        if (!cancellation.requested()) executor.connectAhead(hosts);
    }

    /** Runs {@code cmd} attached to a terminal; returns its exit code. */
    public int interactive(String host, Cmd cmd, InputStream in, OutputStream out) {
        checkpoint(cmd);
        return executor.runInteractive(host, cmd, in, out);
    }

    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        checkpoint("port forwarding to " + host);
        return executor.forwardRemote(host, remotePort, localHost, localPort);
    }

    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        checkpoint("port forwarding to " + host);
        return executor.forwardLocal(host, localPort, remoteHost, remotePort);
    }

    /** The executor behind this facade, for commands that need a process environment (local builds). */
    public Hosts withEnvironment(java.util.Map<String, String> env) {
        return new Hosts(executor.withEnvironment(env), limits, cancellation, pool, policy, ranOnce);
    }

    /** As {@link #withEnvironment}, with exactly {@code env} (hooks start from the environment dhow was given). */
    public Hosts withExactEnvironment(java.util.Map<String, String> env) {
        return new Hosts(executor.withExactEnvironment(env), limits, cancellation, pool, policy, ranOnce);
    }

    /** Runs {@code step} on every host at once (at most 64), on the run's pool; returns every outcome, unchecked. */
    public <T> Fleet.Results<T> each(List<String> hosts, Fleet.Step<T> step) {
        return new Fleet(pool, Math.max(1, Math.min(hosts.size(), 64))).run(hosts, step);
    }

    /** Runs {@code step} on every host at once; throws one error naming every host that failed. */
    public void all(List<String> hosts, HostStep step) {
        each(hosts, h -> {
            step.run(h);
            return null;
        }).check();
    }

    /** The work of {@link #all} on one host. */
    @FunctionalInterface
    public interface HostStep {
        void run(String host) throws Exception;
    }

    /** The run's cancellation, for flows that wait (health polls) or report what an interruption left. */
    public Cancellation cancellation() {
        return cancellation;
    }

    private void checkpoint(Cmd cmd) {
        if (!cancellation.requested()) return;
        checkpoint(brief(cmd.redacted()));
    }

    // "stopped before <what>" should name the step, not quote the audit wrapper and a long pipeline.
    static String brief(String command) {
        String step = AUDIT_PREFIX.matcher(command).replaceFirst("");
        return step.length() <= 100 ? step : step.substring(0, 99) + "…";
    }

    private void checkpoint(String what) {
        Cancellation.Stage stage = cancellation.stage();
        boolean refused = switch (policy) {
            case NORMAL -> stage != Cancellation.Stage.RUNNING;
            case UNWIND -> stage == Cancellation.Stage.ABANDONED;
            case ESSENTIAL -> false;
        };
        if (refused) throw cancellation.interrupted(what);
    }

    private static Result check(Result r) {
        if (!r.ok()) throw new CommandFailed(r);
        return r;
    }
}
