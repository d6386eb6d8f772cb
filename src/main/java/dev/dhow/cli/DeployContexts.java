package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.core.ExitCode;
import dev.dhow.config.SecretSource;
import dev.dhow.config.Targets;
import dev.dhow.deploy.DeployContext;
import dev.dhow.deploy.OtelShipper;
import dev.dhow.deploy.SessionLog;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.DryRunExecutor;
import dev.dhow.ssh.Executor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place a command's {@link DeployContext} is built from the global options: configuration, targets,
 * version, secrets, console, executors (SSH, or dry-run with {@code --dry-run}), lock-wait and hook settings.
 */
public final class DeployContexts {
    private DeployContexts() {}

    /** The context for the running subcommand {@code spec} (e.g. {@code dhow app boot}: command app, subcommand boot). */
    /** Runs {@code work} with the command's context, closed afterwards; {@code 0} when it returns, else its exception. */
    static int run(CommandSpec spec, Consumer<DeployContext> work) {
        try (DeployContext ctx = create(spec)) {
            work.accept(ctx);
            return ExitCode.OK;
        }
    }

    public static DeployContext create(CommandSpec spec) {
        return create(spec, false);
    }

    /** As {@link #create(CommandSpec)}; {@code quiet} forces quiet output (e.g. {@code --raw}). */
    public static DeployContext create(CommandSpec spec, boolean quiet) {
        ConfigContext cc = ConfigContext.of(spec);
        Dhow root = (Dhow) spec.root().userObject();
        GlobalOptions g = cc.global();
        Configuration config = cc.load();
        Targets targets = cc.targets();
        List<String> path = commandPath(spec);
        String command = path.isEmpty() ? "dhow" : path.get(0);
        // These always need secrets (registry login, env files, hooks): a missing one stops them here, before the
        // lock, a hook or any host, instead of failing inside a step on each host.
        if (NEED_SECRETS.contains(command)) cc.deploySecrets().check();
        Optional<String> subcommand = Optional.ofNullable(path.size() > 1 ? path.get(1) : null);
        // Kamal's file logger records the runs that change servers; dhow does it for the deploy flows.
        SessionLog log = config.output().filePath().filter(p -> !g.dryRun() && LOGGED.contains(command))
                .map(p -> SessionLog.open(cc.workingDir().resolve(p), java.time.LocalDateTime.now(root.clock()),
                        cc.destination(), command, subcommand))
                .orElse(null);
        OtelShipper otel = config.output().otelEndpoint().filter(e -> !g.dryRun() && LOGGED.contains(command))
                .map(e -> otel(e, cc, config, command, root, spec))
                .orElse(null);
        Console console = console(spec, quiet, log, otel);
        if (otel != null) console.info("Logs sent to " + config.output().otelEndpoint().get());
        SecretSource secrets = cc.deploySecrets();
        Executor remote;
        Executor local;
        Executor probe = root.transport().local(console, cc.workingDir());
        if (g.dryRun()) {
            DryRunExecutor dry = new DryRunExecutor(console);
            remote = dry;
            local = dry;
        } else {
            remote = root.transport().remote(config, cc.environment(), secrets, console);
            local = probe;
        }
        DeployContext.Builder builder = DeployContext.builder(config);
        root.identity().ifPresent(who -> builder.performer(() -> who).lockedBy(() -> who));
        root.services().randomHex().ifPresent(builder::randomHex);
        return builder
                .targets(targets)
                .version(cc::version)
                .secrets(secrets)
                .console(console)
                .remote(remote)
                .local(local)
                .probe(probe)
                .dryRun(g.dryRun())
                .skipHooks(g.skipHooks())
                .lockWait(new DeployContext.LockWait(g.lockWait(), g.lockWaitTimeout(), g.lockWaitInterval()))
                .specificRoles(g.roles() == null ? Optional.empty() : Optional.of(targets.roles().stream().map(r -> r.name()).toList()))
                .environment(cc.environment())
                .workingDir(cc.workingDir())
                .invocation(new DeployContext.Invocation(command, subcommand, selectors(g)))
                .sessionLog(log)
                .otel(otel)
                .clock(root.clock())
                .sleeper(root.sleeper())
                .build();
    }

    /** The console for {@code spec}'s output streams at the verbosity the global options ask for. */
    public static Console console(CommandSpec spec, boolean quiet) {
        return console(spec, quiet, null, null);
    }

    private static Console console(CommandSpec spec, boolean quiet, SessionLog log, OtelShipper otel) {
        GlobalOptions g = ((Dhow) spec.root().userObject()).global;
        Verbosity v = quiet || g.quiet() ? Verbosity.QUIET : g.verbose() ? Verbosity.VERBOSE : Verbosity.NORMAL;
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (log != null) {
            out = new java.io.PrintWriter(log.tee(out), true);
            err = new java.io.PrintWriter(log.tee(err), true);
        }
        if (otel != null) {
            out = new java.io.PrintWriter(otel.tee(out, false), true);
            err = new java.io.PrintWriter(otel.tee(err, true), true);
        }
        return new Console(out, err, v, false);
    }

    /** The OTel shipper of one run, with Kamal's resource attributes, having sent {@code kamal.start}. */
    private static OtelShipper otel(String endpoint, ConfigContext cc, dev.dhow.config.Configuration config, String command, Dhow root, CommandSpec spec) {
        java.util.Map<String, Object> resource = new java.util.LinkedHashMap<>();
        String runId = java.util.UUID.randomUUID().toString();
        resource.put("service.name", "kamal");
        resource.put("service.version", DhowVersion.get());
        resource.put("kamal.run_id", runId);
        resource.put("service.namespace", config.service());
        try {
            resource.put("kamal.deploy_version", cc.version());
        } catch (dev.dhow.core.DhowException e) {
            // no version yet (rollback without one): the attribute is left out
        }
        resource.put("kamal.performer", root.identity().orElseGet(() -> new dev.dhow.deploy.Identity(cc.workingDir(), cc.environment()).performer()));
        cc.destination().ifPresent(d -> resource.put("deployment.environment.name", d));
        java.io.PrintWriter err = spec.commandLine().getErr();
        OtelShipper otel = new OtelShipper(java.net.URI.create(endpoint), resource, DhowVersion.get(), root.clock(), message -> {
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

    private static final java.util.Set<String> DEPLOYMENTS = java.util.Set.of("deploy", "redeploy", "rollback", "setup");

    private static final java.util.Set<String> LOGGED = java.util.Set.of("setup", "deploy", "redeploy", "rollback", "remove");
    private static final java.util.Set<String> NEED_SECRETS = java.util.Set.of("setup", "deploy", "redeploy", "rollback");

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
}
