package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.config.Targets;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Audit;
import dev.dhow.deploy.Cancellation;
import dev.dhow.deploy.Crew;
import dev.dhow.deploy.Hooks;
import dev.dhow.deploy.Hosts;
import dev.dhow.deploy.Identity;
import dev.dhow.deploy.Lock;
import dev.dhow.deploy.OtelShipper;
import dev.dhow.deploy.PreConnectExecutor;
import dev.dhow.deploy.Release;
import dev.dhow.deploy.Run;
import dev.dhow.deploy.SessionLog;
import dev.dhow.deploy.Sleeper;
import dev.dhow.deploy.StepLimits;
import dev.dhow.output.Console;
import dev.dhow.output.EventSink;
import dev.dhow.output.Redaction;
import dev.dhow.output.Renderers;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.DryRunExecutor;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.LocalExecutor;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place a command's {@link Crew} is built from the global options: the run (configuration, targets,
 * invocation, flags), the executors (SSH, or dry-run with {@code --dry-run}) behind the hosts facades, and the lock,
 * hooks and audit log, each built here and handed in. Flows never build their own collaborators.
 */
public final class Crews {
    private static final Set<String> DEPLOYMENTS = Set.of("deploy", "redeploy", "rollback", "setup");
    private static final Set<String> LOGGED = Set.of("setup", "deploy", "redeploy", "rollback", "remove");
    private static final Set<String> NEED_SECRETS = Set.of("setup", "deploy", "redeploy", "rollback");

    private Crews() {}

    /** Runs {@code work} with the command's crew, closed afterwards; {@code 0} when it returns, else its exception. */
    static int run(CommandSpec spec, Consumer<Crew> work) {
        return run(spec, false, (crew, cc) -> work.accept(crew));
    }

    /** As {@link #run(CommandSpec, Consumer)}, with the app version resolved once, up front. */
    static int withRelease(CommandSpec spec, BiConsumer<Crew, Release> work) {
        return run(spec, false, (crew, cc) -> work.accept(crew, new Release(cc.version())));
    }

    /** As {@link #run(CommandSpec, Consumer)}; {@code quiet} forces quiet output (e.g. {@code --raw}). */
    static int run(CommandSpec spec, boolean quiet, Consumer<Crew> work) {
        return run(spec, quiet, (crew, cc) -> work.accept(crew));
    }

    /*
     * While work that changes servers runs, a signal does not end the process: the run stops starting steps, puts
     * the hosts back, releases the lock, and then exits 130 (SIGINT) or 143 (SIGTERM), whatever the unwinding
     * ended with.
     */

    /**
     * Runs {@code work}, a command the user runs on the servers ({@code exec}), and returns its exit code. A signal
     * ends the process at once, as {@code ssh} would: there is nothing of dhow's to undo.
     */
    static int call(CommandSpec spec, boolean quiet, java.util.function.ToIntFunction<Crew> work) {
        ConfigContext cc = ConfigContext.of(spec);
        try (Crew crew = create(spec, cc, quiet)) {
            return observed(crew, cc, () -> work.applyAsInt(crew));
        }
    }

    /** As {@link #call}, with the app version resolved once, up front: a read-only command about a release (plan). */
    static int callWithRelease(CommandSpec spec, java.util.function.ToIntBiFunction<Crew, Release> work) {
        ConfigContext cc = ConfigContext.of(spec);
        try (Crew crew = create(spec, cc, false)) {
            return observed(crew, cc, () -> work.applyAsInt(crew, new Release(cc.version())));
        }
    }

    private static int run(CommandSpec spec, boolean quiet, BiConsumer<Crew, ConfigContext> work) {
        ConfigContext cc = ConfigContext.of(spec);
        Cancellation cancellation = root(spec).services().cancellation();
        try (AutoCloseable engaged = cancellation.engage(); Crew crew = create(spec, cc, quiet)) {
            return observed(crew, cc, () -> {
                work.accept(crew, cc);
                if (cancellation.requested()) throw cancellation.interrupted("the end of the command");
                return ExitCode.OK;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} between the run's first event and its last, which carries the exit code. After a signal,
     * whatever the unwinding ended with, the command exits 130 (SIGINT) or 143 (SIGTERM).
     */
    private static int observed(Crew crew, ConfigContext cc, java.util.function.IntSupplier work) {
        Cancellation cancellation = crew.cancellation();
        Console console = crew.console();
        Run run = crew.run();
        console.runStarted(run.invocation().commandLine().substring("dhow ".length()), deployVersion(run, cc),
                run.targets().hosts(), cc.global().dryRun());
        try {
            int code = work.getAsInt();
            console.runFinished("ok", code, millis(run), Optional.empty(), Optional.empty());
            return code;
        } catch (DhowException e) {
            DhowException thrown = !cancellation.requested() || e.exitCode() == cancellation.exitCode() ? e
                    : new DhowException(cancellation.exitCode(), e.getMessage(), e);
            Optional<String> next = e instanceof dev.dhow.deploy.DeployFailedException d ? Optional.of(d.nextStep()) : Optional.empty();
            console.runFinished(cancellation.requested() ? "interrupted" : "failed", thrown.exitCode(), millis(run),
                    Optional.ofNullable(e.getMessage()), next);
            throw thrown;
        } catch (RuntimeException e) {
            console.runFinished("failed", ExitCode.INTERNAL, millis(run), Optional.of(String.valueOf(e.getMessage())), Optional.empty());
            throw e;
        }
    }

    private static long millis(Run run) {
        return Math.round(run.elapsedSeconds() * 1000);
    }

    // Only commands that deploy a version resolve it up front; others must not run git to say what they run.
    private static Optional<String> deployVersion(Run run, ConfigContext cc) {
        boolean deploys = DEPLOYMENTS.contains(run.invocation().command()) && !run.invocation().command().equals("rollback")
                || run.invocation().commandLine().equals("dhow app boot") || run.invocation().command().equals("build");
        if (!deploys && cc.global().appVersion() == null) return Optional.empty();
        try {
            return Optional.of(cc.version());
        } catch (DhowException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code work}, which only reads or streams until the user stops it ({@code logs --follow}): a signal
     * ends the process at once, as there is nothing to undo.
     */
    static int follow(CommandSpec spec, Consumer<Crew> work) {
        ConfigContext cc = ConfigContext.of(spec);
        try (Crew crew = create(spec, cc, false)) {
            return observed(crew, cc, () -> {
                work.accept(crew);
                return ExitCode.OK;
            });
        }
    }

    /** The crew for the running subcommand {@code spec} (e.g. {@code dhow app boot}: command app, subcommand boot). */
    static Crew create(CommandSpec spec, ConfigContext cc, boolean quiet) {
        Dhow root = root(spec);
        GlobalOptions g = cc.global();
        Configuration config = cc.load();
        Targets targets = cc.targets();
        List<String> path = commandPath(spec);
        String command = path.isEmpty() ? "dhow" : path.get(0);
        // These always need secrets (registry login, env files, hooks): a missing one stops them here, before the
        // lock, a hook or any host, instead of failing inside a step on each host.
        if (NEED_SECRETS.contains(command)) cc.deploySecrets().check();
        Optional<String> subcommand = Optional.ofNullable(path.size() > 1 ? path.get(1) : null);
        Services services = root.services();
        Cancellation cancellation = services.cancellation();
        Run run = new Run(config, targets, new Run.Invocation(command, subcommand, selectors(g)),
                new Run.Flags(g.skipHooks(), new Run.LockWait(g.lockWait(), g.lockWaitTimeout(), g.lockWaitInterval()),
                        g.roles() == null ? Optional.empty() : Optional.of(targets.roles().stream().map(r -> r.name()).toList())),
                cc.workingDir(), cc.environment(), services.clock(), services.clock().instant());

        // Kamal's file logger records the runs that change servers; dhow does it for the deploy flows.
        SessionLog log = config.output().filePath().filter(p -> !g.dryRun() && LOGGED.contains(command))
                .map(p -> SessionLog.open(cc.workingDir().resolve(p), java.time.LocalDateTime.now(services.clock()),
                        cc.destination(), command, subcommand))
                .orElse(null);
        OtelShipper otel = config.output().otelEndpoint().filter(e -> !g.dryRun() && LOGGED.contains(command))
                .map(e -> otel(e, cc, config, command, root, spec))
                .orElse(null);
        SecretSource secrets = cc.deploySecrets();
        Verbosity verbosity = verbosity(g, quiet);
        List<EventSink> sinks = new ArrayList<>(List.of(renderer(spec, g, verbosity, cc.environment(), services.terminal())));
        if (log != null) sinks.add(log.sink(verbosity));
        if (otel != null) sinks.add(otel.sink(verbosity));
        EventSink sink = new Redaction(EventSink.all(sinks), secrets::loadedValues);
        Console console = new Console(sink, verbosity, services.clock());
        if (otel != null) console.info("Logs sent to " + config.output().otelEndpoint().get());
        if (NEED_SECRETS.contains(command)) cc.deploySecrets().warnings().forEach(console::warn);

        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(sink::close);
        if (otel != null) resources.add(otel::close);
        Executor probe = services.transport().local(console, cc.workingDir());
        Executor remote;
        Executor local;
        if (g.dryRun()) {
            DryRunExecutor dry = new DryRunExecutor(console);
            remote = dry;
            local = dry;
        } else {
            remote = services.transport().remote(config, cc.environment(), secrets, console);
            local = probe;
        }
        resources.add(remote::close);
        if (local != remote) resources.add(local::close);
        if (probe != local) resources.add(probe::close);
        ExecutorService pool = Fleet.newPool();
        resources.add(pool::shutdownNow);

        StepLimits limits = StepLimits.of(config);
        Identity identity = services.identity().map(Identity::fixed).orElseGet(() -> new Identity(cc.workingDir(), cc.environment()));
        Sleeper sleeper = services.sleeper().interruptibleBy(cancellation);
        Hosts localHosts = new Hosts(local, limits, cancellation, pool);
        Supplier<String> runVersion = cc::version;
        // Whether we hold the deploy lock: the lock sets it, hooks read it (KAMAL_LOCK); a parent may hand it down.
        AtomicBoolean lockHeld = new AtomicBoolean("true".equals(cc.environment().get("KAMAL_LOCK")));
        // Hooks are the user's own programs: they run for real even where tests fake the machine, and only print
        // themselves in a dry run.
        Executor hookRunner = g.dryRun() ? local : new LocalExecutor(console, cc.workingDir());
        Hooks hooks = new Hooks(run, new Hosts(hookRunner, limits, cancellation, pool), console, secrets, identity, lockHeld::get, runVersion);
        // The pre-connect hook runs once, before the first command reaches any host.
        Hosts hosts = new Hosts(new PreConnectExecutor(remote, hooks::preConnect), limits, cancellation, pool);
        Lock lock = new Lock(config, targets, hosts, console, services.clock(), sleeper, identity,
                new Lock.Settings(run.flags().lockWait(), () -> versionLabel(cc), run.invocation().withSelectors("lock release")), lockHeld);
        Audit audit = new Audit(config, hosts, services.clock(), identity);
        IntFunction<String> randomHex = services.randomHex().orElse(Crews::secureHex);
        Collections.reverse(resources);
        return new Crew(run, hosts, localHosts, new Hosts(probe, limits, cancellation, pool), secrets, console, lock, hooks, audit,
                sleeper, randomHex, Optional.ofNullable(log), Optional.ofNullable(otel), resources);
    }

    // The version only labels the lock; commands that pick their version later (rollback, remove) may have none yet.
    private static String versionLabel(ConfigContext cc) {
        try {
            return cc.version();
        } catch (DhowException e) {
            return "unknown";
        }
    }

    /**
     * The console for {@code spec}'s output streams, for commands that need no run (secrets, config): the same
     * renderer choice as a run's, without the run's logs.
     */
    public static Console console(CommandSpec spec, boolean quiet) {
        Dhow root = root(spec);
        Verbosity verbosity = verbosity(root.global, quiet);
        return new Console(renderer(spec, root.global, verbosity, root.environment(), root.services().terminal()), verbosity,
                root.services().clock());
    }

    private static EventSink renderer(CommandSpec spec, GlobalOptions g, Verbosity verbosity, java.util.Map<String, String> env, boolean terminal) {
        return Renderers.choose(spec.commandLine().getOut(), spec.commandLine().getErr(), verbosity, g.json(), env, terminal, g.noColor());
    }

    private static Verbosity verbosity(GlobalOptions g, boolean quiet) {
        return quiet || g.quiet() ? Verbosity.QUIET : g.verbose() ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /** The OTel shipper of one run, with Kamal's resource attributes, having sent {@code kamal.start}. */
    private static OtelShipper otel(String endpoint, ConfigContext cc, Configuration config, String command, Dhow root, CommandSpec spec) {
        java.util.Map<String, Object> resource = new java.util.LinkedHashMap<>();
        String runId = java.util.UUID.randomUUID().toString();
        resource.put("service.name", "kamal");
        resource.put("service.version", DhowVersion.get());
        resource.put("kamal.run_id", runId);
        resource.put("service.namespace", config.service());
        try {
            resource.put("kamal.deploy_version", cc.version());
        } catch (DhowException e) {
            // no version yet (rollback without one): the attribute is left out
        }
        resource.put("kamal.performer", root.identity().orElseGet(() -> new Identity(cc.workingDir(), cc.environment()).performer()));
        cc.destination().ifPresent(d -> resource.put("deployment.environment.name", d));
        java.io.PrintWriter err = spec.commandLine().getErr();
        OtelShipper otel = OtelShipper.start(java.net.URI.create(endpoint), resource, DhowVersion.get(), root.clock(), message -> {
            synchronized (err) {
                err.println(message);
                err.flush();
            }
        });
        if (DEPLOYMENTS.contains(command)) {
            otel.eventDefaults(java.util.Map.of("deployment.id", runId, "deployment.name", command + " " + config.service()));
        }
        otel.event("kamal.start", java.util.Map.of("kamal.command", command), false);
        return otel;
    }

    /**
     * Refuses an interactive command when standard input is not a terminal (a CI job, a pipe): a remote terminal
     * session would wait for keys that never come. Returns true, for callers that pass on whether there is one.
     */
    static boolean requireTerminal(CommandSpec spec, String what) {
        if (root(spec).services().inputTerminal()) return true;
        throw new DhowException(what + " needs a terminal, and standard input is not one (a CI job, a pipe, a script)."
                + " Run it from a terminal, or drop -i to run the command without one (its output is printed per host).");
    }

    private static Dhow root(CommandSpec spec) {
        return (Dhow) spec.root().userObject();
    }

    private static List<String> selectors(GlobalOptions g) {
        List<String> out = new ArrayList<>();
        if (!"config/deploy.yml".equals(g.configFile())) out.addAll(List.of("-c", g.configFile()));
        if (g.destination() != null) out.addAll(List.of("-d", g.destination()));
        if (g.hosts() != null) out.addAll(List.of("-h", g.hosts()));
        if (g.roles() != null) out.addAll(List.of("-r", g.roles()));
        if (g.primary()) out.add("-p");
        return out;
    }

    private static List<String> commandPath(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) names.add(s.name());
        Collections.reverse(names);
        return names;
    }

    private static String secureHex(int n) {
        byte[] bytes = new byte[(n + 1) / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, n);
    }
}
