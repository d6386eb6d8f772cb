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
    private final DeployContext ctx;

    public Proxies(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** {@code docker network create kamal} everywhere, then start (or run) kamal-proxy on the proxy hosts. */
    public void boot() {
        ctx.lock().withLock(() -> {
            createNetwork(ctx.targets().hosts());
            List<String> hosts = ctx.targets().proxyHosts();
            Registries registries = new Registries(ctx);
            each(hosts, host -> {
                ProxyCommands proxy = new ProxyCommands(ctx.config(), host);
                registries.login().ifPresent(login -> ctx.remote().run(host, login).check());
                String version = ctx.remote().run(host, proxy.version()).stdout().strip();
                if (!version.isEmpty() && ProxyCommands.olderThanMinimum(version)) {
                    throw new DhowException("host " + host + ": " + ProxyCommands.tooOldMessage(version).replace("kamal proxy reboot", "dhow proxy reboot"));
                }
                ctx.remote().run(host, proxy.ensureAppsConfigDirectory()).check();
                ctx.remote().run(host, proxy.startOrRun()).check();
            });
        });
    }

    /** {@code docker network create kamal} on {@code hosts}; "already exists" is fine. */
    public void createNetwork(List<String> hosts) {
        Cmd create = new DockerCommands().createNetwork();
        each(hosts, host -> {
            Result r = ctx.remote().run(host, create);
            if (!r.ok() && !(r.stderr() + r.stdout()).contains("already exists")) r.check();
        });
    }

    /** Stops, removes and runs kamal-proxy again (its routes come back from its state volume); host by host with {@code rolling}. */
    public void reboot(boolean rolling) {
        ctx.lock().withLock(() -> {
            List<String> hosts = ctx.targets().proxyHosts();
            List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
            Registries registries = new Registries(ctx);
            for (List<String> group : groups) {
                ctx.hooks().run("pre-proxy-reboot", false, group, Optional.empty());
                each(group, host -> {
                    ProxyCommands proxy = new ProxyCommands(ctx.config(), host);
                    ctx.audit().record(host, "Rebooted proxy");
                    registries.login().ifPresent(login -> ctx.remote().run(host, login).check());
                    ctx.remote().run(host, proxy.stop());
                    ctx.remote().run(host, proxy.removeContainer()).check();
                    ctx.remote().run(host, proxy.ensureAppsConfigDirectory()).check();
                    ctx.remote().run(host, proxy.run()).check();
                    awaitServing(host, proxy);
                });
                ctx.hooks().run("post-proxy-reboot", false, group, Optional.empty());
            }
        });
    }

    // Kamal moves on at once; dhow waits until the new proxy answers, so --rolling never has two hosts down.
    private void awaitServing(String host, ProxyCommands proxy) {
        if (ctx.dryRun()) return;
        java.time.Instant deadline = ctx.clock().instant().plusSeconds(30);
        while (!ctx.remote().run(host, proxy.list()).ok()) {
            if (ctx.clock().instant().isAfter(deadline)) throw new DhowException("host " + host + ": kamal-proxy did not start within 30 seconds");
            ctx.sleeper().sleep(java.time.Duration.ofMillis(500));
        }
    }

    /** Kamal 1 → 2: removes Traefik and the old kamal-proxy, then boots the proxy and the app again, and prunes. */
    public void upgrade(boolean rolling) {
        List<String> hosts = ctx.targets().hosts();
        List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
        Registries registries = new Registries(ctx);
        ctx.lock().withLock(() -> {
            for (List<String> group : groups) {
                ctx.console().info("Upgrading proxy on " + String.join(",", group) + "...");
                ctx.hooks().run("pre-proxy-reboot", false, group, Optional.empty());
                each(group, host -> {
                    ProxyCommands proxy = new ProxyCommands(ctx.config(), host);
                    ctx.audit().record(host, "Rebooted proxy");
                    registries.login().ifPresent(login -> ctx.remote().run(host, login).check());
                    ctx.remote().run(host, proxy.cleanupTraefik());
                    ctx.remote().run(host, proxy.stop());
                    ctx.remote().run(host, proxy.removeContainer()).check();
                    ctx.remote().run(host, proxy.removeImage()).check();
                });
                boot();
                ctx.useVersion(ctx.config().latestTag());
                new AppBoot(ctx).boot(ctx.config().latestTag());
                new Pruner(ctx).all();
                ctx.hooks().run("post-proxy-reboot", false, group, Optional.empty());
                ctx.console().info("Upgraded proxy on " + String.join(",", group));
            }
        });
    }

    public void start() {
        ctx.lock().withLock(() -> each(ctx.targets().proxyHosts(), host -> {
            ctx.audit().record(host, "Started proxy");
            ctx.remote().run(host, new ProxyCommands(ctx.config(), host).start()).check();
        }));
    }

    public void stop() {
        ctx.lock().withLock(() -> each(ctx.targets().proxyHosts(), host -> {
            ctx.audit().record(host, "Stopped proxy");
            ctx.remote().run(host, new ProxyCommands(ctx.config(), host).stop());
        }));
    }

    public void restart() {
        ctx.lock().withLock(() -> {
            stop();
            start();
        });
    }

    /** {@code docker ps --filter 'name=^kamal-proxy$'} per proxy host. */
    public void details() {
        byHost(ctx.targets().proxyHosts(), host -> ctx.remote().run(host, new ProxyCommands(ctx.config(), host).info()).check().stdout());
    }

    public void logs(boolean timestamps, Optional<String> since, Optional<Integer> lines, Optional<String> grep) {
        Optional<Integer> n = lines.or(() -> since.isPresent() || grep.isPresent() ? Optional.empty() : Optional.of(100));
        byHost(ctx.targets().proxyHosts(), host -> ctx.remote().run(host,
                new ProxyCommands(ctx.config(), host).logs(timestamps, since, n, grep, Optional.empty())).stdout());
    }

    /** Removes kamal-proxy unless other apps are deployed on a proxy host (or {@code force}). */
    public void remove(boolean force) {
        ctx.lock().withLock(() -> {
            if (!removalAllowed(force)) return;
            stop();
            each(ctx.targets().proxyHosts(), host -> {
                ProxyCommands proxy = new ProxyCommands(ctx.config(), host);
                ctx.audit().record(host, "Removed proxy container");
                ctx.remote().run(host, proxy.removeContainer()).check();
                ctx.audit().record(host, "Removed proxy image");
                ctx.remote().run(host, proxy.removeImage()).check();
                ctx.remote().run(host, proxy.removeProxyDirectory());
            });
        });
    }

    private boolean removalAllowed(boolean force) {
        ServerCommands server = new ServerCommands(ctx.config());
        List<String> hosts = ctx.targets().proxyHosts();
        Fleet.Results<Integer> counts = ctx.fleet(hosts).run(hosts, host -> {
            String out = ctx.remote().run(host, server.appDirectoryCount()).stdout().strip();
            return out.isEmpty() ? 0 : Integer.parseInt(out);
        }).check();
        if (counts.values().stream().allMatch(c -> c == 0)) return true;
        if (force) {
            ctx.console().info("Forcing, so removing the proxy, even though other apps are installed");
        } else {
            ctx.console().info("Not removing the proxy, as other apps are installed, ignore this check with dhow proxy remove --force");
        }
        return force;
    }

    /** {@code proxy boot_config set}: writes (or removes, when default) the four legacy boot files. */
    public void bootConfigSet(ProxyCommands.BootConfigOptions options) {
        warnDeprecated();
        each(ctx.targets().proxyHosts(), host -> {
            ProxyCommands proxy = new ProxyCommands(ctx.config(), host);
            ctx.remote().run(host, proxy.ensureProxyDirectory()).check();
            for (ProxyCommands.BootConfigFile file : proxy.bootConfigFiles(options)) {
                if (file.content().isPresent()) {
                    ctx.remote().upload(host, file.content().get().getBytes(StandardCharsets.UTF_8), file.path(), 0644);
                } else {
                    ctx.remote().run(host, file.reset());
                }
            }
        });
    }

    public void bootConfigGet() {
        warnDeprecated();
        for (String host : ctx.targets().proxyHosts()) {
            ctx.console().result("Host " + host + ": " + ctx.remote().run(host, new ProxyCommands(ctx.config(), host).bootConfig()).check().stdout().strip());
        }
    }

    public void bootConfigReset() {
        warnDeprecated();
        each(ctx.targets().proxyHosts(), host -> {
            for (Cmd reset : new ProxyCommands(ctx.config(), host).resetBootConfig()) ctx.remote().run(host, reset);
        });
    }

    private void warnDeprecated() {
        ctx.console().warn("The proxy boot_config command is deprecated - set the config in the deploy YAML at proxy/run instead");
    }

    private void byHost(List<String> hosts, Fleet.Step<String> step) {
        HostOutput.print(ctx, "Proxy", hosts, step);
    }

    private void each(List<String> hosts, java.util.function.Consumer<String> step) {
        ctx.fleet(hosts).run(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }
}
