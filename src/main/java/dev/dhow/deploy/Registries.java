package dev.dhow.deploy;

import dev.dhow.commands.RegistryCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Tunnel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code dhow registry setup|remove|login|logout}, and the local-registry tunnels: with {@code registry.server:
 * localhost:PORT} the registry runs on this machine and each host reaches it through {@code ssh -R} for the pull.
 * Passwords go to {@code docker login} on standard input only.
 */
public final class Registries {
    private final Crew crew;
    private final RegistryCommands commands;

    public Registries(Crew crew) {
        this.crew = crew;
        this.commands = new RegistryCommands(crew.config());
    }

    /** Local registry: starts it here. Remote: logs in here and on every selected host. */
    public void setup(boolean skipLocal, boolean skipRemote) {
        if (crew.config().registry().local()) {
            if (!skipLocal) startLocal();
            return;
        }
        Cmd login = loginCommand();
        if (!skipLocal) crew.local().run("local", login);
        if (!skipRemote) onHosts(crew.targets().hosts(), host -> crew.hosts().run(host, login));
    }

    /** Local registry: stops and removes it. Remote: logs out here and on every selected host. */
    public void remove(boolean skipLocal, boolean skipRemote) {
        if (crew.config().registry().local()) {
            if (!skipLocal) crew.local().capture("local", commands.removeLocal());
            return;
        }
        if (!skipLocal) crew.local().run("local", commands.logout());
        if (!skipRemote) {
            onHosts(crew.targets().hosts(), host -> crew.hosts().run(host, commands.logout()));
            crew.console().info("Logged out of " + crew.config().registry().server().orElse("Docker Hub") + " on "
                    + String.join(", ", crew.targets().hosts()));
        }
    }

    /** {@code registry login}: refuses a local registry as Kamal does. */
    public void login(boolean skipLocal, boolean skipRemote) {
        refuseLocal("login");
        setup(skipLocal, skipRemote);
    }

    public void logout(boolean skipLocal, boolean skipRemote) {
        refuseLocal("logout");
        remove(skipLocal, skipRemote);
    }

    private void refuseLocal(String command) {
        if (crew.config().registry().local()) {
            throw new DhowException("Cannot use " + command + " command with a local registry. Use `dhow registry setup` instead.");
        }
    }

    /** {@code docker start kamal-docker-registry || docker run … registry:3} on this machine. */
    public void startLocal() {
        crew.local().run("local", commands.setupLocal());
    }

    /** The login command for the configured registry (a local registry has none). */
    public Optional<Cmd> login() {
        return commands.login(crew.secrets());
    }

    private Cmd loginCommand() {
        return login().orElseThrow();
    }

    /** Logs in on {@code hosts} (nothing for a local registry). */
    public void loginOn(List<String> hosts) {
        login().ifPresent(cmd -> onHosts(hosts, host -> crew.hosts().run(host, cmd)));
    }

    /**
     * Runs {@code work} with each host's {@code 127.0.0.1:PORT} tunnelled to this machine's local registry (a no-op
     * wrapper for other registries). Every tunnel is closed afterwards.
     */
    public <T> T withTunnels(List<String> hosts, Supplier<T> work) {
        Optional<Integer> port = crew.config().registry().localPort();
        if (port.isEmpty() || !crew.config().registry().local()) return work.get();
        crew.console().info("Setting up local registry port forwarding to " + String.join(", ", hosts) + "...");
        List<Tunnel> tunnels = new ArrayList<>();
        try {
            var opened = crew.hosts().each(hosts, h -> crew.hosts().forwardRemote(h, port.get(), "127.0.0.1", port.get()));
            tunnels.addAll(opened.values());
            opened.check();
            return work.get();
        } finally {
            for (Tunnel t : tunnels) {
                try {
                    t.close();
                } catch (RuntimeException ignored) {
                    // the session may already be gone
                }
            }
        }
    }

    private void onHosts(List<String> hosts, java.util.function.Consumer<String> step) {
        crew.hosts().each(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }
}
