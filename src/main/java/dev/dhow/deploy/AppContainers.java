package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.commands.BootSurvey;
import dev.dhow.commands.ServerCommands;
import dev.dhow.config.Role;
import dev.dhow.ssh.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** App containers beyond one boot: stale containers, versions present on hosts, and {@code app remove}. */
public final class AppContainers {
    private final Crew crew;

    public AppContainers(Crew crew) {
        this.crew = crew;
    }

    /** {@code app stale_containers [--stop]}: running containers other than the current one, per role and host. */
    public void staleContainers(boolean stop) {
        Runnable work = () -> new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
            AppCommands app = new AppCommands(crew.config(), role, host);
            String versions = crew.hosts().capture(host, app.listVersions()).stdout();
            String current = crew.hosts().capture(host, app.currentRunningVersion()).stdout();
            stale(host, role, AppCommands.staleVersions(versions, current), stop);
        }).check();
        if (stop) crew.lock().withLock(work);
        else work.run();
    }

    /**
     * Deploy's stale check before booting {@code version}: stops the stale containers as {@code staleContainers(true)}
     * does, asking each role on each host, in the same round trip, what its boot will need to know; returns those
     * answers for the boot.
     */
    BootSurveys stopStaleContainersBefore(String version) {
        BootSurveys surveys = BootSurveys.forVersion(version);
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
            Result answer = crew.hosts().capture(host, new AppCommands(crew.config(), role, host).bootSurvey(version));
            BootSurvey survey = BootSurvey.parse(answer.stdout());
            stale(host, role, survey.stale(), true);
            // A failed survey is not kept: the boot asks again, and fails there if docker still does not answer.
            if (answer.ok()) surveys.put(host, role.name(), survey);
        }).check());
        return surveys;
    }

    private void stale(String host, Role role, List<String> versions, boolean stop) {
        AppCommands app = new AppCommands(crew.config(), role, host);
        for (String version : versions) {
            if (stop) {
                crew.console().info(host, "Stopping stale container for role " + role.name() + " with version " + version);
                crew.hosts().capture(host, app.stop(version));
            } else {
                crew.console().result("[" + host + "] Detected stale container for role " + role.name() + " with version " + version
                        + " (use `dhow app stale_containers --stop` to stop)");
            }
        }
    }

    /** True when a container named {@code <prefix>-<version>} exists for every selected role on every app host. */
    public boolean available(String version) {
        List<Boolean> found = new ArrayList<>();
        new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
            boolean present = !crew.hosts().run(host, new AppCommands(crew.config(), role, host).containerIdForVersion(version).simulating("CONTAINER_ID")).stdout().isBlank();
            synchronized (found) {
                found.add(present);
            }
        }).check();
        return found.stream().allMatch(b -> b);
    }

    /**
     * The newest version whose container (any state) exists for every selected role on every app host, other than
     * the version running now: what {@code rollback} without a version goes back to.
     */
    public Optional<String> newestCommonPreviousVersion() {
        List<List<String>> perPair = new ArrayList<>();
        List<String> running = new ArrayList<>();
        new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
            AppCommands app = new AppCommands(crew.config(), role, host);
            // docker lists the newest container first, so each list runs from newest to oldest.
            String prefix = role.containerPrefix() + "-";
            List<String> versions = crew.hosts().run(host, app.listContainerNames()).stdout().lines()
                    .map(String::strip).filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                    .filter(v -> !v.isEmpty() && !v.contains("_replaced_") && !v.startsWith("exec-") && !v.equals("assets")).toList();
            String current = crew.hosts().capture(host, app.currentRunningVersion()).stdout().strip();
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
        crew.lock().withLock(() -> {
            new AppControl(crew).stop();
            new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
                crew.audit().record(host, "Removed all app containers", Optional.of(role.name()));
                crew.hosts().run(host, new AppCommands(crew.config(), role, host).removeContainers());
                crew.console().info(host, "Removed the " + role.name() + " containers");
            }).check();
            List<String> whole = hostsRemovingAllRoles();
            crew.hosts().each(whole, host -> {
                Role any = crew.targets().rolesOn(host).get(0);
                AppCommands app = new AppCommands(crew.config(), any, host);
                crew.audit().record(host, "Removed all app images");
                crew.hosts().run(host, app.removeImages());
                crew.hosts().capture(host, new ServerCommands(crew.config()).removeAppDirectory());
                crew.audit().record(host, "Removed " + crew.config().appDirectory());
                crew.hosts().capture(host, app.removeProxyAppDirectory());
                crew.console().info(host, "Removed the app's images and " + crew.config().appDirectory());
                return null;
            }).check();
        });
    }

    private List<String> hostsRemovingAllRoles() {
        return crew.targets().appHosts().stream().filter(host -> {
            Set<String> selected = new HashSet<>(crew.targets().rolesOn(host).stream().map(Role::name).toList());
            Set<String> all = new HashSet<>(crew.config().hostRoles(host).stream().map(Role::name).toList());
            return selected.equals(all);
        }).toList();
    }
}
