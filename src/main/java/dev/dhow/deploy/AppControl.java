package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.core.DhowException;
import java.util.Optional;

/** {@code dhow app start|stop|live|maintenance}: existing containers and their kamal-proxy routes, under the lock. */
public final class AppControl {
    private final DeployContext ctx;

    public AppControl(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** Starts the version's existing containers and hands proxied ones back to kamal-proxy. */
    public void start() {
        ctx.lock().withLock(() -> new RoleSteps(ctx).run(ctx.targets().appHosts(), ctx.config().boot().parallelRoles(), (host, role) -> {
            AppCommands app = new AppCommands(ctx.config(), role, host);
            ctx.audit().record(host, "Started app version " + ctx.version());
            ctx.remote().run(host, app.start(ctx.version()));
            if (role.runningProxy()) {
                String version = ctx.remote().run(host, app.currentRunningVersion()).stdout().strip();
                String endpoint = ctx.remote().run(host, app.containerIdForVersion(version)).check().stdout().strip();
                if (endpoint.isEmpty() && !ctx.dryRun()) {
                    throw new DhowException("Failed to get endpoint for " + role.name() + " on " + host + ", did the container boot?");
                }
                ctx.remote().run(host, app.deployToProxy(endpoint, version)).check();
            }
        }).check());
    }

    /** Takes proxied roles out of kamal-proxy, then stops the current containers. */
    public void stop() {
        ctx.lock().withLock(() -> new RoleSteps(ctx).run(ctx.targets().appHosts(), ctx.config().boot().parallelRoles(), (host, role) -> {
            AppCommands app = new AppCommands(ctx.config(), role, host);
            ctx.audit().record(host, "Stopped app", Optional.of(role.name()));
            if (role.runningProxy()) {
                String version = ctx.remote().run(host, app.currentRunningVersion()).stdout().strip();
                String endpoint = ctx.remote().run(host, app.containerIdForVersion(version)).check().stdout().strip();
                if (!endpoint.isEmpty()) ctx.remote().run(host, app.removeFromProxy());
            }
            ctx.remote().run(host, app.stop());
        }).check());
    }

    /** {@code kamal-proxy resume} for every proxied role. */
    public void live() {
        ctx.lock().withLock(() -> new RoleSteps(ctx).run(ctx.targets().proxyHosts(), false, (host, role) -> {
            if (role.runningProxy()) ctx.remote().run(host, new AppCommands(ctx.config(), role, host).live()).check();
        }).check());
    }

    /** {@code kamal-proxy stop} (503s, or the custom 503 page) for every proxied role. */
    public void maintenance(Optional<Integer> drainTimeout, Optional<String> message) {
        int drain = drainTimeout.orElse(ctx.config().timeouts().drainTimeout());
        ctx.lock().withLock(() -> new RoleSteps(ctx).run(ctx.targets().proxyHosts(), false, (host, role) -> {
            if (role.runningProxy()) {
                ctx.remote().run(host, new AppCommands(ctx.config(), role, host).maintenance(Optional.of(drain), message)).check();
            }
        }).check());
    }
}
