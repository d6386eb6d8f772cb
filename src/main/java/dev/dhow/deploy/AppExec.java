package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.config.Role;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dhow app exec}: a command in a new container of the app image, or ({@code --reuse}) in the running
 * container, on every selected host; interactive runs ({@code -i}) go to the primary host through a PTY on the
 * pooled SSH connection, with {@code -it} when this terminal is one and {@code -i} when stdin is piped.
 */
public final class AppExec {
    /**
     * @param version  the {@code --version} given, if any (otherwise: the running version with {@code reuse}, else {@code latest})
     * @param env      {@code -e KEY:VALUE} pairs, passed as {@code --env KEY="VALUE"}
     */
    public record Options(boolean interactive, boolean reuse, boolean detach, boolean raw, Map<String, String> env, Optional<String> version) {
        public Options {
            env = Map.copyOf(env);
        }
    }

    private final Crew crew;

    public AppExec(Crew crew) {
        this.crew = crew;
    }

    /** Runs {@code command} (shell text, as typed); returns the exit code of an interactive run, else 0. */
    public int exec(String command, Options o, InputStream in, OutputStream out, boolean stdinIsTerminal) {
        if (o.detach() && (o.interactive() || o.reuse())) {
            throw new DhowException("Detach is not compatible with " + (o.interactive() && o.reuse() ? "interactive or reuse" : o.interactive() ? "interactive" : "reuse"));
        }
        if (o.raw() && (o.interactive() || o.detach())) {
            throw new DhowException("Raw is not compatible with " + (o.interactive() && o.detach() ? "interactive or detach" : o.interactive() ? "interactive" : "detach"));
        }
        if (command.isBlank()) throw new DhowException("No command provided. You must specify a command to execute.");
        AppCommands.Interactive tty = stdinIsTerminal ? AppCommands.Interactive.TTY : AppCommands.Interactive.STDIN;
        if (o.interactive()) {
            String host = crew.targets().primaryHost().orElseThrow(() -> new DhowException("No primary host to run the interactive command on"));
            Role role = primaryRoleOn(host);
            AppCommands app = new AppCommands(crew.config(), role, host);
            Cmd remote;
            if (o.reuse()) {
                String version = o.version().orElseGet(() -> currentVersion(host, role));
                crew.console().info("Launching interactive command with version " + version + " via SSH from existing container on " + host + "...");
                remote = app.execInExistingContainer(version, command, o.env(), tty);
            } else {
                String version = o.version().orElse(crew.config().latestTag());
                crew.console().info("Launching interactive command with version " + version + " via SSH from new container on " + host + "...");
                new Registries(crew).loginOn(List.of(host));
                remote = app.execInNewContainer(version, crew.randomHex().apply(6), command, o.env(), tty, false);
            }
            return crew.hosts().interactive(host, remote, in, out);
        }
        List<String> hosts = crew.targets().appHosts();
        Fleet.Results<Void> results;
        List<Answer> outputs = Collections.synchronizedList(new ArrayList<>());
        if (o.reuse()) {
            String version = o.version().orElseGet(() -> {
                String host = crew.targets().primaryHost().orElseThrow(() -> new DhowException("No primary host to find the running version on"));
                return currentVersion(host, primaryRoleOn(host));
            });
            crew.console().info("Launching command with version " + version + " from existing container...");
            results = new RoleSteps(crew).run(hosts, false, (host, role) -> {
                crew.audit().record(host, "Executed cmd '" + command + "' on app version " + version, Optional.of(role.name()));
                String output = crew.hosts().run(host, new AppCommands(crew.config(), role, host)
                        .execInExistingContainer(version, command, o.env(), AppCommands.Interactive.NONE), StepLimits.Step.EXEC).stdout();
                outputs.add(new Answer(host, output));
            });
        } else {
            String version = o.version().orElse(crew.config().latestTag());
            crew.console().info("Launching command with version " + version + " from new container...");
            new Registries(crew).loginOn(hosts);
            results = new RoleSteps(crew).run(hosts, false, (host, role) -> {
                crew.audit().record(host, "Executed cmd '" + command + "' on app version " + version);
                String output = crew.hosts().run(host, new AppCommands(crew.config(), role, host)
                        .execInNewContainer(version, crew.randomHex().apply(6), command, o.env(), AppCommands.Interactive.NONE, o.detach()), StepLimits.Step.EXEC).stdout();
                outputs.add(new Answer(host, output));
            });
        }
        printInHostOrder(hosts, outputs, o.raw());
        results.check();
        return 0;
    }

    private record Answer(String host, String output) {}

    /** Each host's outputs (one per role) in host order, headed {@code App Host: h} unless raw or quiet. */
    private void printInHostOrder(List<String> hosts, List<Answer> outputs, boolean raw) {
        List<Answer> all;
        synchronized (outputs) {
            all = List.copyOf(outputs);
        }
        for (String host : hosts) {
            for (Answer o : all) {
                if (!o.host().equals(host)) continue;
                if (raw) {
                    crew.console().rawOut(o.output());
                } else {
                    if (!crew.console().quiet()) crew.console().result("App Host: " + host);
                    crew.console().result(o.output().strip() + "\n");
                }
            }
        }
    }

    private Role primaryRoleOn(String host) {
        return crew.targets().rolesOn(host).stream().findFirst()
                .orElseThrow(() -> new DhowException("host " + host + " runs no selected role"));
    }

    /** The version of the role's running container on {@code host}; none running is a user error. */
    private String currentVersion(String host, Role role) {
        crew.console().info("Get current version of running container...");
        String version = crew.hosts().run(host, new AppCommands(crew.config(), role, host).currentRunningVersion()
                .simulating("CURRENT_VERSION")).stdout().strip();
        if (version.isEmpty()) {
            throw new DhowException("No running " + role.name() + " container on " + host + " to reuse (deploy first, or drop --reuse)");
        }
        return version;
    }
}
