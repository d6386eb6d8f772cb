package dev.dhow.deploy;

import dev.dhow.commands.HookCommands;
import dev.dhow.config.HooksOutput;
import dev.dhow.config.SecretSource;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import dev.dhow.output.Console;
import dev.dhow.ssh.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs Kamal's local hooks ({@code .kamal/hooks/<name>}) with the {@code KAMAL_*} variables, and for
 * pre-connect/pre-deploy/post-deploy the secrets, in the hook's environment (never on a command line). A missing
 * hook file or {@code -H} skips it; a non-zero exit aborts the command with the hook's output.
 */
public final class Hooks {
    private final Run run;
    private final Hosts local;
    private final Console console;
    private final SecretSource secrets;
    private final Identity identity;
    private final Supplier<Boolean> lockHeld;
    private final Supplier<String> runVersion;
    private final HookCommands commands;
    private final AtomicBoolean preConnected = new AtomicBoolean();

    /**
     * @param local      runs the hook files on this machine (records them only with {@code --dry-run})
     * @param lockHeld   whether this process holds the deploy lock when a hook starts ({@code KAMAL_LOCK})
     * @param runVersion {@code KAMAL_VERSION} for hooks of commands that deploy no particular release
     */
    public Hooks(Run run, Hosts local, Console console, SecretSource secrets, Identity identity, Supplier<Boolean> lockHeld,
                 Supplier<String> runVersion) {
        this.run = run;
        this.local = local;
        this.console = console;
        this.secrets = secrets;
        this.identity = identity;
        this.lockHeld = lockHeld;
        this.runVersion = runVersion;
        this.commands = new HookCommands(run.config());
    }

    /** Runs the {@code pre-connect} hook, once per process (before the first host is reached, or a build starts). */
    public void preConnect() {
        if (preConnected.compareAndSet(false, true)) run("pre-connect", true);
    }

    /** Runs {@code name} for the selected hosts, with the run's version. */
    public void run(String name, boolean withSecrets) {
        run(name, withSecrets, run.targets().hosts(), Optional.empty(), Optional.empty());
    }

    /** Runs {@code name} for the selected hosts, with {@code release}'s version. */
    public void run(String name, boolean withSecrets, Release release) {
        run(name, withSecrets, run.targets().hosts(), Optional.of(release), Optional.empty());
    }

    /**
     * Runs {@code name} with {@code KAMAL_HOSTS} = {@code hosts} (boot groups pass theirs), {@code release}'s
     * version (else the run's) and an optional {@code KAMAL_RUNTIME}.
     */
    public void run(String name, boolean withSecrets, List<String> hosts, Optional<Release> release, Optional<Long> runtime) {
        if (run.flags().skipHooks()) return;
        String relative = commands.hookPath(name);
        Path file = run.workingDir().resolve(relative);
        if (!Files.exists(file)) return;
        String version = release.map(Release::version).orElseGet(runVersion);
        HookCommands.Invocation inv = commands.invocation(name, new HookCommands.Details(
                run.recordedAt(), identity.performer(), version, String.join(",", hosts),
                run.flags().specificRoles().map(r -> String.join(",", r)), lockHeld.get(),
                run.invocation().command(), run.invocation().subcommand(), runtime));
        console.info("Running " + relative + "...");
        Map<String, String> env = new LinkedHashMap<>(run.environment());
        env.putAll(inv.env());
        Map<String, String> secretValues = withSecrets ? secretValues() : Map.of();
        env.putAll(secretValues);
        Optional<HooksOutput.Level> level = run.config().hooksOutput().forHook(name);
        boolean show = console.verbose() || (!console.quiet() && level.filter(l -> l == HooksOutput.Level.VERBOSE).isPresent());
        boolean hide = level.filter(l -> l == HooksOutput.Level.QUIET).isPresent() && !console.verbose();
        List<String> secretList = List.copyOf(secretValues.values());
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Result result = local.withExactEnvironment(env).stream("local", Cmd.of(relative), StepLimits.Step.EXEC, line -> {
            String safe = LocalProcess.redact(line.text(), secretList);
            output.add(safe);
            if (show && !hide) console.info("  " + safe);
        });
        if (!result.ok()) {
            throw new DhowException("Hook `" + name + "` failed:\n" + String.join("\n", output).strip());
        }
    }

    private Map<String, String> secretValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : secrets.keys()) secrets.find(key).ifPresent(v -> out.put(key, v));
        return out;
    }
}
