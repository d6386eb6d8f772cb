package dev.dhow.deploy;

import dev.dhow.commands.HookCommands;
import dev.dhow.config.HooksOutput;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Kamal's local hooks ({@code .kamal/hooks/<name>}) with the {@code KAMAL_*} variables, and for
 * pre-connect/pre-deploy/post-deploy the secrets, in the hook's environment (never on a command line). A missing
 * hook file or {@code -H} skips it; a non-zero exit aborts the command with the hook's output.
 */
public final class Hooks {
    private final DeployContext ctx;
    private final HookCommands commands;

    Hooks(DeployContext ctx) {
        this.ctx = ctx;
        this.commands = new HookCommands(ctx.config());
    }

    /** Runs {@code name} for the selected hosts. */
    public void run(String name, boolean withSecrets) {
        run(name, withSecrets, ctx.targets().hosts(), Optional.empty());
    }

    /**
     * Runs {@code name} with {@code KAMAL_HOSTS} = {@code hosts} (boot groups pass theirs) and an optional
     * {@code KAMAL_RUNTIME}.
     */
    public void run(String name, boolean withSecrets, List<String> hosts, Optional<Long> runtime) {
        if (ctx.skipHooks()) return;
        String relative = commands.hookPath(name);
        Path file = ctx.workingDir().resolve(relative);
        if (!Files.exists(file)) return;
        HookCommands.Invocation inv = commands.invocation(name, new HookCommands.Details(
                ctx.recordedAt(), ctx.performer(), ctx.version(), String.join(",", hosts),
                ctx.specificRoles().map(r -> String.join(",", r)), ctx.holdingLock(),
                ctx.invocation().command(), ctx.invocation().subcommand(), runtime));
        if (ctx.dryRun()) {
            ctx.local().run("local", Cmd.of(relative));
            return;
        }
        ctx.console().info("Running " + relative + "...");
        Map<String, String> env = new LinkedHashMap<>(ctx.environment());
        env.putAll(inv.env());
        Map<String, String> secrets = withSecrets ? secretValues() : Map.of();
        env.putAll(secrets);
        Optional<HooksOutput.Level> level = ctx.config().hooksOutput().forHook(name);
        boolean show = ctx.console().verbose() || (!ctx.console().quiet() && level.filter(l -> l == HooksOutput.Level.VERBOSE).isPresent());
        boolean hide = level.filter(l -> l == HooksOutput.Level.QUIET).isPresent() && !ctx.console().verbose();
        StringBuilder output = new StringBuilder();
        int exit;
        try {
            ProcessBuilder pb = new ProcessBuilder(file.toString()).directory(ctx.workingDir().toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String safe = redact(line, secrets);
                    output.append(safe).append('\n');
                    if (show && !hide) ctx.console().info("  " + safe);
                }
            }
            exit = p.waitFor();
        } catch (IOException e) {
            throw new DhowException("Hook `" + name + "` could not run (" + relative + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException("Hook `" + name + "` interrupted");
        }
        if (exit != 0) {
            throw new DhowException("Hook `" + name + "` failed:\n" + output.toString().strip());
        }
    }

    private Map<String, String> secretValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : ctx.secrets().keys()) ctx.secrets().find(key).ifPresent(v -> out.put(key, v));
        return out;
    }

    // A hook that echoes a secret must not leak it into dhow's output or error messages.
    private static String redact(String line, Map<String, String> secrets) {
        String out = line;
        for (String v : secrets.values()) if (v.length() >= 4) out = out.replace(v, "[REDACTED]");
        return out;
    }
}
