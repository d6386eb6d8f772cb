package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.commands.ServerCommands;
import dev.dhow.config.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** App containers beyond one boot: stale containers, versions present on hosts, and {@code app remove}. */
public final class AppContainers {
    private final DeployContext ctx;

    public AppContainers(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** {@code app stale_containers [--stop]}: running containers other than the current one, per role and host. */
    public void staleContainers(boolean stop) {
        Runnable work = () -> new RoleSteps(ctx).run(ctx.targets().appHosts(), false, (host, role) -> {
            AppCommands app = new AppCommands(ctx.config(), role, host);
            String versions = ctx.remote().run(host, app.listVersions()).stdout();
            String current = ctx.remote().run(host, app.currentRunningVersion()).stdout();
            for (String version : AppCommands.staleVersions(versions, current)) {
                if (stop) {
                    ctx.console().info(host, "Stopping stale container for role " + role.name() + " with version " + version);
                    ctx.remote().run(host, app.stop(version));
                } else {
                    ctx.console().result("[" + host + "] Detected stale container for role " + role.name() + " with version " + version
                            + " (use `dhow app stale_containers --stop` to stop)");
                }
            }
        }).check();
        if (stop) ctx.lock().withLock(work);
        else work.run();
    }

    /** True when a container named {@code <prefix>-<version>} exists for every selected role on every app host. */
    public boolean available(String version) {
        List<Boolean> found = new ArrayList<>();
        new RoleSteps(ctx).run(ctx.targets().appHosts(), false, (host, role) -> {
            boolean present = !ctx.remote().run(host, new AppCommands(ctx.config(), role, host).containerIdForVersion(version)).check().stdout().isBlank();
            synchronized (found) {
                found.add(present);
            }
        }).check();
        return ctx.dryRun() || found.stream().allMatch(b -> b);
    }

    /**
     * The newest version whose container (any state) exists for every selected role on every app host, other than
     * the version running now: what {@code rollback} without a version goes back to.
     */
    public Optional<String> newestCommonPreviousVersion() {
        List<List<String>> perPair = new ArrayList<>();
        List<String> running = new ArrayList<>();
        new RoleSteps(ctx).run(ctx.targets().appHosts(), false, (host, role) -> {
            AppCommands app = new AppCommands(ctx.config(), role, host);
            // docker lists the newest container first, so each list runs from newest to oldest.
            String prefix = role.containerPrefix() + "-";
            List<String> versions = ctx.remote().run(host, app.listContainerNames()).check().stdout().lines()
                    .map(String::strip).filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                    .filter(v -> !v.isEmpty() && !v.contains("_replaced_") && !v.startsWith("exec-") && !v.equals("assets")).toList();
            String current = ctx.remote().run(host, app.currentRunningVersion()).stdout().strip();
            synchronized (perPair) {
                perPair.add(versions);
                if (!current.isEmpty()) running.add(current);
            }
        }).check();
        if (perPair.isEmpty()) return Optional.empty();
        Set<String> common = new HashSet<>(perPair.get(0));
        for (List<String> versions : perPair) common.retainAll(versions);
        for (String v : perPair.get(0)) {
            if (common.contains(v) && !running.contains(v)) return Optional.of(v);
        }
        return Optional.empty();
    }

    /** {@code app remove}: stop, remove the containers, and on hosts losing all their roles the images and directories. */
    public void remove() {
        ctx.lock().withLock(() -> {
            new AppControl(ctx).stop();
            new RoleSteps(ctx).run(ctx.targets().appHosts(), false, (host, role) -> {
                ctx.audit().record(host, "Removed all app containers", Optional.of(role.name()));
                ctx.remote().run(host, new AppCommands(ctx.config(), role, host).removeContainers()).check();
            }).check();
            List<String> whole = hostsRemovingAllRoles();
            ctx.fleet(whole).run(whole, host -> {
                Role any = ctx.targets().rolesOn(host).get(0);
                AppCommands app = new AppCommands(ctx.config(), any, host);
                ctx.audit().record(host, "Removed all app images");
                ctx.remote().run(host, app.removeImages()).check();
                ctx.remote().run(host, new ServerCommands(ctx.config()).removeAppDirectory());
                ctx.audit().record(host, "Removed " + ctx.config().appDirectory());
                ctx.remote().run(host, app.removeProxyAppDirectory());
                return null;
            }).check();
        });
    }

    private List<String> hostsRemovingAllRoles() {
        return ctx.targets().appHosts().stream().filter(host -> {
            Set<String> selected = new HashSet<>(ctx.targets().rolesOn(host).stream().map(Role::name).toList());
            Set<String> all = new HashSet<>(ctx.config().hostRoles(host).stream().map(Role::name).toList());
            return selected.equals(all);
        }).toList();
    }
}
