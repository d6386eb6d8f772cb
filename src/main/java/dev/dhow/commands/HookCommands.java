package dev.dhow.commands;

import dev.dhow.config.Configuration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where a local hook lives and the {@code KAMAL_*} environment it runs with; running it is the caller's job. */
public final class HookCommands {
    /**
     * A hook to run: the executable {@code path} (relative to the project) and the variables to add to the
     * process environment. Secrets, for the hooks that get them, are added by the caller.
     */
    public record Invocation(String name, String path, Map<String, String> env) {
        public Invocation {
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }
    }

    /**
     * The details of one run, in the order Kamal exports them.
     *
     * @param hosts   comma-joined target hosts (for boot groups: the group's hosts)
     * @param roles   comma-joined {@code -r} roles, when given
     * @param lock    whether this process holds the deploy lock
     * @param runtime seconds, for post-deploy only
     */
    public record Details(String recordedAt, String performer, String version, String hosts, Optional<String> roles,
                          boolean lock, String command, Optional<String> subcommand, Optional<Long> runtime) {}

    private final Configuration config;

    public HookCommands(Configuration config) {
        this.config = config;
    }

    /** {@code <hooks_path>/<name>}, default {@code .kamal/hooks/<name>}. */
    public String hookPath(String name) {
        return config.paths().hooksPath() + "/" + name;
    }

    /**
     * The hook and its environment: KAMAL_RECORDED_AT, KAMAL_PERFORMER, [KAMAL_DESTINATION], KAMAL_VERSION,
     * KAMAL_SERVICE_VERSION, KAMAL_SERVICE, KAMAL_HOSTS, [KAMAL_ROLES], KAMAL_LOCK, KAMAL_COMMAND,
     * [KAMAL_SUBCOMMAND], [KAMAL_RUNTIME].
     */
    public Invocation invocation(String name, Details d) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAMAL_RECORDED_AT", d.recordedAt());
        env.put("KAMAL_PERFORMER", d.performer());
        config.destination().ifPresent(dest -> env.put("KAMAL_DESTINATION", dest));
        env.put("KAMAL_VERSION", d.version());
        env.put("KAMAL_SERVICE_VERSION", config.service() + "@" + Configuration.abbreviatedVersion(d.version()));
        env.put("KAMAL_SERVICE", config.service());
        env.put("KAMAL_HOSTS", d.hosts());
        d.roles().ifPresent(r -> env.put("KAMAL_ROLES", r));
        env.put("KAMAL_LOCK", String.valueOf(d.lock()));
        env.put("KAMAL_COMMAND", d.command());
        d.subcommand().ifPresent(s -> env.put("KAMAL_SUBCOMMAND", s));
        d.runtime().ifPresent(r -> env.put("KAMAL_RUNTIME", String.valueOf(r)));
        return new Invocation(name, hookPath(name), env);
    }
}
