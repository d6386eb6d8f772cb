package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.config.DhowSettings;
import dev.dhow.config.ProxyConfig;
import dev.dhow.config.Role;
import dev.dhow.config.envfile.EnvFile;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code app boot} (Kamal's {@code cli/app.rb#boot} and {@code app/boot.rb}): prepares error pages, assets and
 * certificates on every app host, boots each role on each host ({@link RoleBoot}) in {@code boot.limit} groups
 * behind the barrier, then tags the version as latest. Unlike Kamal, a failure anywhere, or an interrupt, puts every
 * host back as far as its boot got (switches the hosts that already serve the new version back to the version they
 * ran before, stops new containers nobody routes to), and reports per host what happened; old assets and error
 * pages are only deleted once every host has booted, so switching back finds them.
 */
public final class AppBoot {
    private final Crew crew;
    private final BootSurveys surveys;

    public AppBoot(Crew crew) {
        this(crew, BootSurveys.none());
    }

    /** A boot that uses the answers {@code surveys} already holds instead of asking the hosts again. */
    AppBoot(Crew crew, BootSurveys surveys) {
        this.crew = crew;
        this.surveys = surveys;
    }

    /** Boots {@code release} on the selected app hosts, under the lock. */
    public void boot(Release release) {
        boot(release, Optional.empty());
    }

    /**
     * Boots {@code release} on the selected app hosts, under the lock; with {@code canary}, on the canary hosts
     * first, verified for the soak before the other hosts follow, and put back when the verification fails.
     */
    public void boot(Release release, Optional<DhowSettings.Canary> canary) {
        // The app hosts' SSH handshakes overlap the lock's round trip (nothing to do when a deploy already holds it).
        crew.hosts().connectAhead(crew.targets().appHosts());
        crew.lock().withLock(() -> {
            if (canary.isPresent()) {
                run(release, canary);
                return;
            }
            try (Console.Step step = crew.console().step("boot",
                    "Start container with version " + release.version() + " (or reboot if already running)...")) {
                run(release, canary);
                step.ok();
            }
        });
    }

    /** The phases of a canary deploy as steps (none without one: the caller's boot step covers the boot). */
    private final class Phases {
        private final boolean canary;
        private Console.Step current;

        Phases(boolean canary) {
            this.canary = canary;
        }

        void enter(String name, String title) {
            if (!canary) return;
            if (current != null) {
                current.ok();
                current.close();
            }
            current = crew.console().step(name, title);
        }

        void done(boolean ok) {
            if (current == null) return;
            if (ok) current.ok();
            current.close();
            current = null;
        }
    }

    private void run(Release release, Optional<DhowSettings.Canary> canary) {
        String version = release.version();
        List<String> hosts = crew.targets().appHosts();
        if (hosts.isEmpty()) return;
        Phases phases = new Phases(canary.isPresent());
        List<String> canaryHosts = canary.map(c -> CanaryCheck.choose(crew, hosts, c.hosts())).orElse(List.of());
        phases.enter("canary_boot", "Start container with version " + version + " on the canary hosts " + String.join(", ", canaryHosts) + "...");
        try {
            run(release, canary, hosts, canaryHosts, phases);
            phases.done(true);
        } finally {
            phases.done(false);
        }
    }

    private void run(Release release, Optional<DhowSettings.Canary> canary, List<String> hosts, List<String> canaryHosts, Phases phases) {
        String version = release.version();

        Fleet.Results<Void> prepared = crew.hosts().each(hosts, host -> {
            prepareHost(host, version);
            return null;
        });
        if (!prepared.ok()) {
            throw failure(version, prepared.failures().stream().map(f -> f.host() + ": failed while preparing: " + f.message()).toList());
        }

        Barrier barrier = new Barrier();
        Optional<Role> primary = crew.targets().primaryRole();
        List<RoleBoot> boots = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> groups = new ArrayList<>();
        if (canary.isPresent()) {
            groups.add(canaryHosts);
            groups.addAll(groups(hosts.stream().filter(h -> !canaryHosts.contains(h)).toList()));
        } else {
            groups.addAll(groups(hosts));
        }
        int g = 0;
        try {
            for (; g < groups.size(); g++) {
                List<String> group = groups.get(g);
                if (canary.isPresent() && g == 1) {
                    phases.enter("boot", "Start container with version " + version + " on the other hosts...");
                }
                crew.hooks().run("pre-app-boot", false, group, Optional.of(release), Optional.empty());
                Fleet.Results<Void> results = new RoleSteps(crew).run(group, crew.config().boot().parallelRoles(), (host, role) -> {
                    RoleBoot boot = new RoleBoot(crew, host, role, release, surveys);
                    boots.add(boot);
                    boot.boot(barrier, primary);
                });
                if (!results.ok()) throw new GroupFailed(results);
                crew.hooks().run("post-app-boot", false, group, Optional.of(release), Optional.empty());
                if (canary.isPresent() && g == 0) {
                    DhowSettings.Canary c = canary.get();
                    phases.enter("canary_verify", "Verify the canary hosts for " + seconds(c.soak()) + " (checks every " + seconds(c.interval()) + ")...");
                    List<RoleBoot> watched;
                    synchronized (boots) {
                        watched = List.copyOf(boots);
                    }
                    new CanaryCheck(crew, release, canaryHosts, watched, c).verify();
                    crew.console().info("Canary hosts " + String.join(", ", canaryHosts) + " passed every check; booting the other hosts");
                    continue;
                }
                crew.config().boot().waitSeconds().filter(w -> w > 0).ifPresent(w -> crew.sleeper().sleep(Duration.ofSeconds(w)));
            }
            finish(hosts, version, boots);
        } catch (RuntimeException e) {
            phases.done(false);
            // Whatever stopped the boot (a host, a hook, the final tagging, a signal), no host stays half-deployed.
            List<String> report = report(e, boots, groups.subList(Math.min(g + 1, groups.size()), groups.size()));
            Optional<String> previous;
            boolean unhealthy;
            synchronized (boots) {
                previous = boots.stream().map(RoleBoot::oldVersion).flatMap(Optional::stream).filter(v -> !v.equals(version)).findFirst();
                unhealthy = boots.stream().anyMatch(RoleBoot::unhealthy);
            }
            if (e instanceof CanaryCheck.Failed failed && !crew.cancellation().requested()) {
                throw DeployFailedException.canary(crew, version, failed.getMessage(), report.subList(1, report.size()));
            }
            throw DeployFailedException.of(crew, version, report, previous,
                    unhealthy ? DeployFailedException.Hint.FIX_HEALTH : DeployFailedException.Hint.RETRY);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The hosts of one boot group that failed. */
    private static final class GroupFailed extends RuntimeException {
        final transient Fleet.Results<Void> results;

        GroupFailed(Fleet.Results<Void> results) {
            super("boot group failed");
            this.results = results;
        }
    }

    /**
     * Undoes every boot and says per host what happened: the hosts that failed (an interrupt is not a failure of the
     * host), what each boot was put back to, and the hosts of later groups that were never touched.
     */
    private List<String> report(RuntimeException e, List<RoleBoot> boots, List<List<String>> later) {
        crew.cancellation().undoing();
        List<String> report = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        if (e instanceof GroupFailed gf) {
            for (Fleet.Outcome<Void> o : gf.results.failures()) {
                if (o.error() instanceof InterruptedRun) continue;
                failed.add(o.host());
                report.add(o.host() + ": failed: " + o.message());
            }
        } else if (!(e instanceof InterruptedRun)) {
            report.add("dhow: " + e.getMessage());
        }
        List<RoleBoot> all;
        synchronized (boots) {
            all = List.copyOf(boots);
        }
        List<RoleBoot.State> before = all.stream().map(RoleBoot::state).toList();
        List<String> touched = crew.targets().appHosts().stream().filter(h -> all.stream().anyMatch(b -> b.host().equals(h))).toList();
        List<String> undone = crew.hosts().unwinding().each(touched, host -> {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                RoleBoot b = all.get(i);
                if (!b.host().equals(host)) continue;
                RoleBoot.Undone result = b.undo();
                boolean served = before.get(i) == RoleBoot.State.SWITCHED || before.get(i) == RoleBoot.State.DONE;
                // A failed host already has its line; its unrouted container is stopped without another.
                if (served || !failed.contains(host) || result.state().equals("undo_failed")) lines.add(result.line());
            }
            return lines;
        }).values().stream().flatMap(List::stream).toList();
        report.addAll(undone);
        for (List<String> group : later) {
            for (String h : group) report.add(h + ": not booted: still on the version it ran before");
        }
        return report;
    }

    // Only now, with every host on the new version, are the other versions' assets and error pages unneeded.
    // As in Kamal, only where an old version was stopped: a first boot has nothing to clean up.
    private void finish(List<String> hosts, String version, List<RoleBoot> boots) {
        List<RoleBoot> replaced;
        synchronized (boots) {
            replaced = boots.stream().filter(b -> b.oldVersion().filter(v -> !v.equals(version)).isPresent()).toList();
        }
        crew.hosts().each(hosts, host -> {
            for (RoleBoot boot : replaced) {
                if (!boot.host().equals(host)) continue;
                AppCommands app = new AppCommands(crew.config(), boot.role(), host);
                if (app.assets()) crew.hosts().capture(host, app.cleanUpAssets(version));
                if (crew.config().paths().errorPagesPath().isPresent()) crew.hosts().capture(host, app.cleanUpErrorPages(version));
            }
            Role any = crew.targets().rolesOn(host).get(0);
            crew.hosts().run(host, crew.audit().andThen("Tagging " + crew.config().absoluteImage(version) + " as the latest image",
                    Optional.empty(), new AppCommands(crew.config(), any, host).tagLatestImage(version)));
            return null;
        }).check();
    }

    // As Kamal, a percentage limit is of every host in the configuration, not of the hosts selected with -h.
    private List<List<String>> groups(List<String> hosts) {
        Optional<Integer> limit = crew.config().boot().limit(crew.config().allHosts().size()).filter(l -> l > 0);
        if (limit.isEmpty()) return List.of(hosts);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i += limit.get()) out.add(hosts.subList(i, Math.min(hosts.size(), i + limit.get())));
        return out;
    }

    // --- preparation: error pages, assets, certificates ---

    private void prepareHost(String host, String version) {
        crew.config().paths().errorPagesPath().ifPresent(dir -> uploadErrorPages(host, version, dir));
        for (Role role : crew.targets().rolesOn(host)) {
            AppCommands app = new AppCommands(crew.config(), role, host);
            if (app.assets()) {
                crew.hosts().run(host, app.extractAssets(version));
                String old = crew.hosts().run(host, app.currentRunningVersion()).stdout().strip();
                crew.hosts().run(host, app.syncAssetVolumes(version, Optional.of(old).filter(v -> !v.isEmpty())));
            }
            Optional<ProxyConfig.Ssl> ssl = role.proxy().map(ProxyConfig::ssl).filter(ProxyConfig.Ssl::customCertificate);
            if (ssl.isPresent()) {
                crew.hosts().run(host, app.createSslDirectory());
                crew.hosts().upload(host, secret(ssl.get().certificatePem().orElseThrow()), app.hostTlsCertificatePath(), 0644);
                crew.hosts().upload(host, secret(ssl.get().privateKeyPem().orElseThrow()), app.hostTlsKeyPath(), 0644);
            }
        }
    }

    private void uploadErrorPages(String host, String version, String localDir) {
        Path dir = crew.run().workingDir().resolve(localDir);
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.getFileName().toString().matches("[45]\\d\\d\\.html")).sorted().toList();
        } catch (IOException e) {
            throw new DhowException("error_pages_path: cannot read " + dir + ": " + e.getMessage());
        }
        AppCommands any = new AppCommands(crew.config(), crew.targets().rolesOn(host).get(0), host);
        crew.hosts().run(host, Cmd.of("mkdir", "-p", any.errorPagesDirectory(version)));
        for (Path page : pages) {
            try {
                crew.hosts().upload(host, Files.readAllBytes(page), any.errorPagesDirectory(version) + "/" + page.getFileName(), 0644);
            } catch (IOException e) {
                throw new DhowException("error_pages_path: cannot read " + page + ": " + e.getMessage());
            }
        }
    }

    private byte[] secret(String key) {
        return crew.secrets().find(key).orElseThrow(() -> new DhowException("Secret '" + key + "' not found in the secrets files"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private DeployFailedException failure(String version, List<String> report) {
        return DeployFailedException.of(crew, version, report, Optional.empty());
    }
}
