package dev.dhow.deploy;

import dev.dhow.commands.DockerCommands;
import dev.dhow.commands.ProxyCommands;
import dev.dhow.commands.ServerCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@code dhow proxy …}: the kamal-proxy container on the proxy hosts (boot, reboot, start/stop, details, logs, remove, boot_config). */
public final class Proxies {
    private final Crew crew;

    public Proxies(Crew crew) {
        this.crew = crew;
    }

    /** {@code docker network create kamal} everywhere, then start (or run) kamal-proxy on the proxy hosts. */
    public void boot() {
        crew.lock().withLock(() -> {
            List<String> hosts = crew.targets().proxyHosts();
            createNetwork(crew.targets().hosts().stream().filter(h -> !hosts.contains(h)).toList());
            Registries registries = new Registries(crew);
            each(hosts, host -> {
                ProxyCommands proxy = new ProxyCommands(crew.config(), host);
                registries.login().ifPresent(login -> crew.hosts().runOnce(host, login));
                // The network and the directory come in the same round trip as the version query: all three are
                // needed before the start, and the first two are harmless when the version turns out too old.
                Result asked = crew.hosts().capture(host, proxy.networkDirectoryAndVersion());
                // Only the network can fail here for real ("already exists" is fine); a missing kamal-proxy is
                // an answer (empty version), whichever way docker words it.
                if (!asked.ok() || asked.stderr().lines().anyMatch(l -> l.startsWith("Error response from daemon")
                        && !l.contains("already exists") && !l.toLowerCase(java.util.Locale.ROOT).contains("no such"))) {
                    throw new CommandFailed(asked);
                }
                String version = ProxyCommands.versionIn(asked.stdout());
                if (!version.isEmpty() && ProxyCommands.olderThanMinimum(version)) {
                    throw new DhowException("host " + host + ": " + ProxyCommands.tooOldMessage(version).replace("kamal proxy reboot", "dhow proxy reboot"));
                }
                crew.hosts().run(host, proxy.startOrRun(), StepLimits.Step.PULL);
            });
        });
    }

    /** {@code docker network create kamal} on {@code hosts}; "already exists" is fine. */
    public void createNetwork(List<String> hosts) {
        Cmd create = new DockerCommands().createNetwork();
        each(hosts, host -> {
            Result r = crew.hosts().capture(host, create);
            if (!r.ok() && !(r.stderr() + r.stdout()).contains("already exists")) throw new CommandFailed(r);
        });
    }

    /** Stops, removes and runs kamal-proxy again (its routes come back from its state volume); host by host with {@code rolling}. */
    public void reboot(boolean rolling) {
        crew.lock().withLock(() -> {
            List<String> hosts = crew.targets().proxyHosts();
            List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
            Registries registries = new Registries(crew);
            for (List<String> group : groups) {
                crew.hooks().run("pre-proxy-reboot", false, group, Optional.empty(), Optional.empty());
                each(group, host -> {
                    ProxyCommands proxy = new ProxyCommands(crew.config(), host);
                    crew.audit().record(host, "Rebooted proxy");
                    registries.login().ifPresent(login -> crew.hosts().runOnce(host, login));
                    crew.hosts().capture(host, proxy.stop());
                    crew.hosts().run(host, proxy.removeContainer());
                    crew.hosts().run(host, proxy.ensureAppsConfigDirectory());
                    crew.hosts().run(host, proxy.run(), StepLimits.Step.PULL);
                    awaitServing(host, proxy);
                });
                crew.hooks().run("post-proxy-reboot", false, group, Optional.empty(), Optional.empty());
            }
        });
    }

    // Kamal moves on at once; dhow waits until the new proxy answers, so --rolling never has two hosts down.
    private void awaitServing(String host, ProxyCommands proxy) {
        java.time.Instant deadline = crew.run().clock().instant().plusSeconds(30);
        while (!crew.hosts().capture(host, proxy.list()).ok()) {
            if (crew.run().clock().instant().isAfter(deadline)) throw new DhowException("host " + host + ": kamal-proxy did not start within 30 seconds");
            crew.sleeper().sleep(java.time.Duration.ofMillis(500));
        }
    }

    /** Kamal 1 → 2: removes Traefik and the old kamal-proxy, then boots the proxy and the app again, and prunes. */
    public void upgrade(boolean rolling) {
        List<String> hosts = crew.targets().hosts();
        List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
        Registries registries = new Registries(crew);
        crew.lock().withLock(() -> {
            for (List<String> group : groups) {
                crew.console().info("Upgrading proxy on " + String.join(",", group) + "...");
                crew.hooks().run("pre-proxy-reboot", false, group, Optional.empty(), Optional.empty());
                each(group, host -> {
                    ProxyCommands proxy = new ProxyCommands(crew.config(), host);
                    crew.audit().record(host, "Rebooted proxy");
                    registries.login().ifPresent(login -> crew.hosts().runOnce(host, login));
                    crew.hosts().capture(host, proxy.cleanupTraefik());
                    crew.hosts().capture(host, proxy.stop());
                    crew.hosts().run(host, proxy.removeContainer());
                    crew.hosts().run(host, proxy.removeImage());
                });
                boot();
                new AppBoot(crew).boot(new Release(crew.config().latestTag()));
                new Pruner(crew).all();
                crew.hooks().run("post-proxy-reboot", false, group, Optional.empty(), Optional.empty());
                crew.console().info("Upgraded proxy on " + String.join(",", group));
            }
        });
    }

    public void start() {
        crew.lock().withLock(() -> each(crew.targets().proxyHosts(), host -> {
            crew.audit().record(host, "Started proxy");
            crew.hosts().run(host, new ProxyCommands(crew.config(), host).start());
        }));
    }

    public void stop() {
        crew.lock().withLock(() -> each(crew.targets().proxyHosts(), host -> {
            crew.audit().record(host, "Stopped proxy");
            crew.hosts().capture(host, new ProxyCommands(crew.config(), host).stop());
        }));
    }

    public void restart() {
        crew.lock().withLock(() -> {
            stop();
            start();
        });
    }

    /** {@code docker ps --filter 'name=^kamal-proxy$'} per proxy host. */
    public void details() {
        byHost(crew.targets().proxyHosts(), host -> crew.hosts().run(host, new ProxyCommands(crew.config(), host).info()).stdout());
    }

    public void logs(boolean timestamps, Optional<String> since, Optional<Integer> lines, Optional<String> grep) {
        Optional<Integer> n = lines.or(() -> since.isPresent() || grep.isPresent() ? Optional.empty() : Optional.of(100));
        byHost(crew.targets().proxyHosts(), host -> crew.hosts().capture(host,
                new ProxyCommands(crew.config(), host).logs(timestamps, since, n, grep, Optional.empty())).stdout());
    }

    /** Removes kamal-proxy unless other apps are deployed on a proxy host (or {@code force}). */
    public void remove(boolean force) {
        crew.lock().withLock(() -> {
            if (!removalAllowed(force)) return;
            stop();
            each(crew.targets().proxyHosts(), host -> {
                ProxyCommands proxy = new ProxyCommands(crew.config(), host);
                crew.audit().record(host, "Removed proxy container");
                crew.hosts().run(host, proxy.removeContainer());
                crew.audit().record(host, "Removed proxy image");
                crew.hosts().run(host, proxy.removeImage());
                crew.hosts().capture(host, proxy.removeProxyDirectory());
                crew.console().info(host, "Removed kamal-proxy: its container, image and configuration");
            });
        });
    }

    private boolean removalAllowed(boolean force) {
        ServerCommands server = new ServerCommands(crew.config());
        List<String> hosts = crew.targets().proxyHosts();
        Fleet.Results<Integer> counts = crew.hosts().each(hosts, host -> {
            String out = crew.hosts().capture(host, server.appDirectoryCount()).stdout().strip();
            return out.isEmpty() ? 0 : Integer.parseInt(out);
        }).check();
        if (counts.values().stream().allMatch(c -> c == 0)) return true;
        if (force) {
            crew.console().info("Forcing, so removing the proxy, even though other apps are installed");
        } else {
            crew.console().info("Not removing the proxy, as other apps are installed, ignore this check with dhow proxy remove --force");
        }
        return force;
    }

    /** {@code proxy boot_config set}: writes (or removes, when default) the four legacy boot files. */
    public void bootConfigSet(ProxyCommands.BootConfigOptions options) {
        warnDeprecated();
        each(crew.targets().proxyHosts(), host -> {
            ProxyCommands proxy = new ProxyCommands(crew.config(), host);
            crew.hosts().run(host, proxy.ensureProxyDirectory());
            for (ProxyCommands.BootConfigFile file : proxy.bootConfigFiles(options)) {
                if (file.content().isPresent()) {
                    crew.hosts().upload(host, file.content().get().getBytes(StandardCharsets.UTF_8), file.path(), 0644);
                } else {
                    crew.hosts().capture(host, file.reset());
                }
            }
        });
    }

    public void bootConfigGet() {
        warnDeprecated();
        for (String host : crew.targets().proxyHosts()) {
            crew.console().result("Host " + host + ": " + crew.hosts().run(host, new ProxyCommands(crew.config(), host).bootConfig()).stdout().strip());
        }
    }

    public void bootConfigReset() {
        warnDeprecated();
        each(crew.targets().proxyHosts(), host -> {
            for (Cmd reset : new ProxyCommands(crew.config(), host).resetBootConfig()) crew.hosts().capture(host, reset);
        });
    }

    private void warnDeprecated() {
        crew.console().warn("The proxy boot_config command is deprecated - set the config in the deploy YAML at proxy/run instead");
    }

    private void byHost(List<String> hosts, Fleet.Step<String> step) {
        HostOutput.print(crew, "Proxy", hosts, step);
    }

    private void each(List<String> hosts, java.util.function.Consumer<String> step) {
        crew.hosts().each(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }
}
