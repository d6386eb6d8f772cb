package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.config.ProxyConfig;
import dev.dhow.config.Role;
import dev.dhow.config.envfile.EnvFile;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code app boot} (Kamal's {@code cli/app.rb#boot} and {@code app/boot.rb}): prepares error pages, assets and
 * certificates on every app host, boots each role on each host in {@code boot.limit} groups behind the barrier,
 * then tags the version as latest. Unlike Kamal, a failure anywhere switches the hosts that already run the new
 * version back to the version they ran before (their old container started again and handed back to
 * kamal-proxy), stops the new containers, and reports per host what happened; old assets and error pages are only
 * deleted once every host has booted, so switching back finds them.
 */
public final class AppBoot {
    /** A role on a host that now runs the new version; {@code oldVersion} is what it ran before (if anything). */
    record Switched(String host, Role role, Optional<String> oldVersion) {}

    private final DeployContext ctx;
    private final HealthPoller poller;

    public AppBoot(DeployContext ctx) {
        this.ctx = ctx;
        this.poller = new HealthPoller(ctx);
    }

    /** Boots {@code version} on the selected app hosts, under the lock. */
    public void boot(String version) {
        ctx.lock().withLock(() -> run(version));
    }

    private void run(String version) {
        ctx.console().info("Start container with version " + version + " (or reboot if already running)...");
        List<String> hosts = ctx.targets().appHosts();
        if (hosts.isEmpty()) return;

        Fleet.Results<Void> prepared = ctx.fleet(hosts).run(hosts, host -> {
            prepareHost(host, version);
            return null;
        });
        if (!prepared.ok()) {
            throw failure(version, prepared.failures().stream().map(f -> line(f.host(), "failed while preparing: " + f.message())).toList());
        }

        Barrier barrier = new Barrier();
        Optional<Role> primary = ctx.targets().primaryRole();
        List<Switched> switched = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> groups = groups(hosts);
        int g = 0;
        try {
            for (; g < groups.size(); g++) {
                List<String> group = groups.get(g);
                ctx.hooks().run("pre-app-boot", false, group, Optional.empty());
                Fleet.Results<Void> results = new RoleSteps(ctx).run(group, ctx.config().boot().parallelRoles(),
                        (host, role) -> switched.add(new Switched(host, role, bootRole(host, role, version, barrier, primary))));
                if (!results.ok()) throw new GroupFailed(results.failures().stream().map(o -> line(o.host(), "failed: " + o.message())).toList());
                ctx.hooks().run("post-app-boot", false, group, Optional.empty());
                ctx.config().boot().waitSeconds().filter(w -> w > 0).ifPresent(w -> ctx.sleeper().sleep(Duration.ofSeconds(w)));
            }
            finish(hosts, version);
        } catch (RuntimeException e) {
            // Whatever stopped the boot (a host, a hook, the final tagging), no host stays on the half-deployed version.
            List<String> report = new ArrayList<>(e instanceof GroupFailed gf ? gf.lines : List.of(line("dhow", e.getMessage())));
            report.addAll(switchBack(new ArrayList<>(switched), version));
            for (List<String> later : groups.subList(Math.min(g + 1, groups.size()), groups.size())) {
                for (String h : later) report.add(line(h, "not booted: still on the version it ran before"));
            }
            throw failure(version, report);
        }
    }

    /** The hosts of one boot group that failed, one report line each. */
    private static final class GroupFailed extends RuntimeException {
        final List<String> lines;

        GroupFailed(List<String> lines) {
            super(String.join("; ", lines));
            this.lines = lines;
        }
    }

    // Only now, with every host on the new version, are the other versions' assets and error pages unneeded.
    private void finish(List<String> hosts, String version) {
        ctx.fleet(hosts).run(hosts, host -> {
            for (Role role : ctx.targets().rolesOn(host)) {
                AppCommands app = new AppCommands(ctx.config(), role, host);
                if (app.assets()) ctx.remote().run(host, app.cleanUpAssets(version));
                if (ctx.config().paths().errorPagesPath().isPresent()) ctx.remote().run(host, app.cleanUpErrorPages(version));
            }
            Role any = ctx.targets().rolesOn(host).get(0);
            ctx.remote().run(host, ctx.audit().andThen("Tagging " + ctx.config().absoluteImage(version) + " as the latest image",
                    Optional.empty(), new AppCommands(ctx.config(), any, host).tagLatestImage(version))).check();
            return null;
        }).check();
    }

    private List<List<String>> groups(List<String> hosts) {
        Optional<Integer> limit = ctx.config().boot().limit(hosts.size()).filter(l -> l > 0);
        if (limit.isEmpty()) return List.of(hosts);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i += limit.get()) out.add(hosts.subList(i, Math.min(hosts.size(), i + limit.get())));
        return out;
    }

    // --- preparation: error pages, assets, certificates ---

    private void prepareHost(String host, String version) {
        ctx.config().paths().errorPagesPath().ifPresent(dir -> uploadErrorPages(host, version, dir));
        for (Role role : ctx.targets().rolesOn(host)) {
            AppCommands app = new AppCommands(ctx.config(), role, host);
            if (app.assets()) {
                ctx.remote().run(host, app.extractAssets(version)).check();
                String old = ctx.remote().run(host, app.currentRunningVersion()).stdout().strip();
                ctx.remote().run(host, app.syncAssetVolumes(version, Optional.of(old).filter(v -> !v.isEmpty()))).check();
            }
            Optional<ProxyConfig.Ssl> ssl = role.proxy().map(ProxyConfig::ssl).filter(ProxyConfig.Ssl::customCertificate);
            if (ssl.isPresent()) {
                ctx.remote().run(host, app.createSslDirectory()).check();
                ctx.remote().upload(host, secret(ssl.get().certificatePem().orElseThrow()), app.hostTlsCertificatePath(), 0644);
                ctx.remote().upload(host, secret(ssl.get().privateKeyPem().orElseThrow()), app.hostTlsKeyPath(), 0644);
            }
        }
    }

    private void uploadErrorPages(String host, String version, String localDir) {
        Path dir = ctx.workingDir().resolve(localDir);
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.getFileName().toString().matches("[45]\\d\\d\\.html")).sorted().toList();
        } catch (IOException e) {
            throw new DhowException("error_pages_path: cannot read " + dir + ": " + e.getMessage());
        }
        AppCommands any = new AppCommands(ctx.config(), ctx.targets().rolesOn(host).get(0), host);
        ctx.remote().run(host, Cmd.of("mkdir", "-p", any.errorPagesDirectory(version))).check();
        for (Path page : pages) {
            try {
                ctx.remote().upload(host, Files.readAllBytes(page), any.errorPagesDirectory(version) + "/" + page.getFileName(), 0644);
            } catch (IOException e) {
                throw new DhowException("error_pages_path: cannot read " + page + ": " + e.getMessage());
            }
        }
    }

    private byte[] secret(String key) {
        return ctx.secrets().find(key).orElseThrow(() -> new DhowException("Secret '" + key + "' not found in the secrets files"))
                .getBytes(StandardCharsets.UTF_8);
    }

    // --- one role on one host ---

    /** Boots the role; returns the version it ran before. Throws when the new version did not become healthy. */
    private Optional<String> bootRole(String host, Role role, String version, Barrier barrier, Optional<Role> primary) {
        boolean gatekeeper = primary.map(p -> p.name().equals(role.name())).orElse(false);
        boolean queuer = primary.isPresent() && !gatekeeper;
        String primaryName = primary.map(Role::name).orElse("");
        AppCommands app = new AppCommands(ctx.config(), role, host);
        try {
            if (!ctx.remote().run(host, app.containerIdForVersion(version)).stdout().isBlank()) {
                String renamed = AppCommands.replacedVersion(version, ctx.randomHex(16));
                ctx.console().info(host, "Renaming container " + version + " to " + renamed + " as already deployed on " + host);
                ctx.audit().record(host, "Renaming container " + version + " to " + renamed, Optional.of(role.name()));
                ctx.remote().run(host, app.renameToReplaced(version, renamed.substring(renamed.length() - 16))).check();
            }
            Optional<String> old = Optional.of(ctx.remote().run(host, app.currentRunningVersion()).stdout().strip()).filter(v -> !v.isEmpty());

            if (queuer) {
                ctx.console().info(host, "Waiting for the first healthy " + primaryName + " container before booting " + role.name() + " on " + host + "...");
                try {
                    barrier.await();
                } catch (DhowException e) {
                    ctx.console().info(host, "First " + primaryName + " container is unhealthy, not booting " + role.name() + " on " + host);
                    throw e;
                }
                ctx.console().info(host, "First " + primaryName + " container is healthy, booting " + role.name() + " on " + host + "...");
            }

            try {
                start(host, role, app, version);
            } catch (RuntimeException e) {
                ctx.console().error("Failed to boot " + role.name() + " on " + host);
                if (gatekeeper && barrier.close()) {
                    ctx.console().info(host, "First " + primaryName + " container is unhealthy on " + host + ", not booting any other roles");
                }
                // Unlike Kamal (first failure only), every failed container shows why: its logs and health.
                showFailedContainer(host, app, version);
                ctx.remote().run(host, app.stop(version));
                throw e;
            }
            if (gatekeeper && barrier.open()) {
                ctx.console().info(host, "First " + primaryName + " container is healthy on " + host + ", booting any other roles");
            }
            if (old.isPresent() && !old.get().equals(version)) ctx.remote().run(host, app.stop(old.get()));
            return old;
        } catch (RuntimeException e) {
            // A primary role that fails before starting (e.g. its host is down) must not leave the others waiting.
            if (gatekeeper) barrier.close();
            throw e;
        }
    }

    private void start(String host, Role role, AppCommands app, String version) {
        String hostname = app.hostnameFor(ctx.randomHex(12));
        ctx.remote().run(host, ctx.audit().andThen("Booted app version " + version, Optional.of(role.name()), app.ensureEnvDirectory())).check();
        ctx.remote().upload(host, EnvFile.render(secretEnv(role, host)).getBytes(StandardCharsets.UTF_8), app.envFilePath(), 0600);
        Result started = ctx.remote().run(host, app.run(version, Optional.of(hostname))).check();
        if (role.runningProxy()) {
            String endpoint = startedId(started.stdout()).orElseGet(() -> endpoint(host, role, app, version));
            ctx.remote().run(host, app.deployToProxy(endpoint, version)).check();
        } else if (!ctx.dryRun()) {
            poller.waitForHealthy(host, () -> ctx.remote().run(host, app.status(version)).stdout());
        } else {
            ctx.remote().run(host, app.status(version));
        }
    }

    /**
     * The container id {@code docker run --detach} printed, shortened as {@code docker container ls --quiet} gives
     * it (the name kamal-proxy reaches it by): saves Kamal's separate id lookup.
     */
    private static Optional<String> startedId(String runOutput) {
        List<String> lines = runOutput.strip().lines().toList();
        if (lines.isEmpty()) return Optional.empty();
        String last = lines.get(lines.size() - 1).strip();
        return last.matches("[0-9a-f]{64}") ? Optional.of(last.substring(0, 12)) : Optional.empty();
    }

    private String endpoint(String host, Role role, AppCommands app, String version) {
        String id = ctx.remote().run(host, app.containerIdForVersion(version)).check().stdout().strip();
        if (ctx.dryRun() && id.isEmpty()) return "CONTAINER_ID";
        if (id.isEmpty()) throw new DhowException("Failed to get endpoint for " + role.name() + " on " + host + ", did the container boot?");
        return id;
    }

    private Map<String, String> secretEnv(Role role, String host) {
        Map<String, String> env = new LinkedHashMap<>();
        role.env(host).secretKeys().forEach((name, key) -> env.put(name, ctx.secrets().find(key)
                .orElseThrow(() -> new DhowException("env/secret: secret " + key + " (for " + name + ") not found in the secrets files"))));
        return env;
    }

    private void showFailedContainer(String host, AppCommands app, String version) {
        Result logs = ctx.remote().run(host, app.logsForVersion(version, 50));
        if (!logs.stdout().isBlank()) ctx.console().error(logs.stdout().strip());
        Result health = ctx.remote().run(host, app.containerHealthLog(version));
        if (!health.stdout().isBlank()) ctx.console().error(health.stdout().strip());
    }

    // --- switching back ---

    /** Puts every switched role back on its old version; returns one report line per host and role. */
    private List<String> switchBack(List<Switched> switched, String version) {
        List<String> report = Collections.synchronizedList(new ArrayList<>());
        List<String> hosts = switched.stream().map(Switched::host).distinct().toList();
        ctx.fleet(hosts).run(hosts, host -> {
            for (Switched s : switched) {
                if (!s.host().equals(host)) continue;
                String who = host + " (" + s.role().name() + ")";
                if (s.oldVersion().isEmpty() || s.oldVersion().get().equals(version)) {
                    report.add(line(who, "booted " + version + " (there was no previous version to switch back to)"));
                    continue;
                }
                String old = s.oldVersion().get();
                try {
                    switchBack(host, s.role(), old, version);
                    report.add(line(who, "switched back to " + old));
                } catch (RuntimeException e) {
                    report.add(line(who, "switching back to " + old + " FAILED: " + e.getMessage()));
                }
            }
            return null;
        });
        return report;
    }

    private void switchBack(String host, Role role, String old, String version) {
        AppCommands app = new AppCommands(ctx.config(), role, host);
        ctx.console().info(host, "Switching " + role.name() + " back to " + old + "...");
        ctx.remote().run(host, app.start(old)).check();
        if (role.runningProxy()) {
            ctx.remote().run(host, app.deployToProxy(endpoint(host, role, app, old), old)).check();
        }
        ctx.remote().run(host, app.stop(version));
        ctx.audit().record(host, "Switched back to app version " + old + " after the failed boot of " + version, Optional.of(role.name()));
    }

    private static String line(String who, String what) {
        return who + ": " + what;
    }

    private DeployFailedException failure(String version, List<String> report) {
        return new DeployFailedException(version, report, ctx.invocation().retryCommand(version));
    }
}
