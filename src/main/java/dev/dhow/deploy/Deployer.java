package dev.dhow.deploy;

import dev.dhow.config.DhowSettings;
import dev.dhow.config.Role;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The top-level flows: {@code setup}, {@code deploy}, {@code redeploy}, {@code rollback} and {@code remove}, in
 * Kamal's order (build outside the lock; pull, pre-deploy hook, proxy, stale containers, boot and prune inside
 * it; post-deploy after it), each ending with {@code Finished all in N.N seconds}.
 */
public final class Deployer {
    private final Crew crew;
    private final Accessories accessories;
    private int depth;
    // What to tell once the outermost flow succeeded (the summary), before the output log is closed.
    private Runnable outcome = () -> { };

    public Deployer(Crew crew, Accessories accessories) {
        this.crew = crew;
        this.accessories = accessories;
    }

    /** {@code setup}: everything under one lock: bootstrap the servers, then deploy {@code release} with the accessories. */
    public void setup(Release release, boolean skipPush, boolean noCache) {
        outcome = () -> summary("setup", release);
        timed(() -> crew.lock().withLock(() -> {
            step("bootstrap", "Ensure Docker is installed...", () -> Bootstrap.run(crew));
            deploy(release, skipPush, noCache, true);
        }));
    }

    /** {@code deploy}: build/push/pull, then under the lock proxy boot, stale containers, app boot and prune. */
    public void deploy(Release release, boolean skipPush, boolean noCache) {
        deploy(release, skipPush, noCache, Optional.empty());
    }

    /** {@code deploy}, with {@code canary} hosts booted and verified before the others ({@code --canary}, {@code x-dhow: canary:}). */
    public void deploy(Release release, boolean skipPush, boolean noCache, Optional<DhowSettings.Canary> canary) {
        outcome = () -> summary("deploy", release, canaryNotes(canary));
        deploy(release, skipPush, noCache, false, canary);
    }

    private void deploy(Release release, boolean skipPush, boolean noCache, boolean bootAccessories) {
        deploy(release, skipPush, noCache, bootAccessories, Optional.empty());
    }

    private void deploy(Release release, boolean skipPush, boolean noCache, boolean bootAccessories, Optional<DhowSettings.Canary> canary) {
        long runtime = timed(() -> {
            build(release, skipPush, noCache);
            connectAhead(crew.targets().hosts());
            crew.lock().withLock(() -> {
                pull(release);
                crew.hooks().run("pre-deploy", true, release);
                step("proxy", "Ensure kamal-proxy is running...", () -> new Proxies(crew).boot());
                if (bootAccessories && !crew.config().accessories().isEmpty()) step("accessories", "Boot accessories...", accessories::bootAll);
                BootSurveys surveys = step("stale", "Detect stale containers...", () -> new AppContainers(crew).stopStaleContainersBefore(release.version()));
                new AppBoot(crew, surveys).boot(release, canary);
                step("prune", "Prune old containers and images...", () -> new Pruner(crew).all());
            });
        });
        crew.hooks().run("post-deploy", true, crew.targets().hosts(), Optional.of(release), Optional.of(runtime));
    }

    /** {@code redeploy}: deploy without proxy boot, accessories or prune. */
    public void redeploy(Release release, boolean skipPush, boolean noCache) {
        redeploy(release, skipPush, noCache, Optional.empty());
    }

    /** {@code redeploy}, with canary hosts first when {@code canary} is given. */
    public void redeploy(Release release, boolean skipPush, boolean noCache, Optional<DhowSettings.Canary> canary) {
        outcome = () -> summary("redeploy", release, canaryNotes(canary));
        long runtime = timed(() -> {
            build(release, skipPush, noCache);
            connectAhead(crew.targets().appHosts());
            crew.lock().withLock(() -> {
                pull(release);
                crew.hooks().run("pre-deploy", true, release);
                BootSurveys surveys = step("stale", "Detect stale containers...", () -> new AppContainers(crew).stopStaleContainersBefore(release.version()));
                new AppBoot(crew, surveys).boot(release, canary);
            });
        });
        crew.hooks().run("post-deploy", true, crew.targets().hosts(), Optional.of(release), Optional.of(runtime));
    }

    /**
     * {@code rollback [VERSION]}: boots a version whose containers are still on the hosts. Without a version, the
     * newest one present for every role on every host (other than the running one). Finding nothing to roll back
     * to is a failure (exit 1), so a CI job does not go green.
     */
    public void rollback(Optional<String> requested) {
        Release[] chosen = new Release[1];
        connectAhead(crew.targets().appHosts());
        long runtime = timed(() -> crew.lock().withLock(() -> {
            String version;
            if (requested.isPresent()) {
                version = requested.get();
            } else {
                version = new AppContainers(crew).newestCommonPreviousVersion().orElseThrow(() -> new DhowException(
                        "No earlier version is present on every host (use 'dhow app containers' for available versions)"));
                crew.console().info("Rolling back to " + version + ", the newest earlier version on every host");
            }
            if (!new AppContainers(crew).available(version)) {
                throw new DhowException("The app version '" + version + "' is not available as a container (use 'dhow app containers' for available versions)");
            }
            Release release = new Release(version);
            outcome = () -> summary("rollback", release);
            crew.hooks().run("pre-deploy", true, release);
            new AppBoot(crew).boot(release);
            chosen[0] = release;
        }));
        crew.hooks().run("post-deploy", true, crew.targets().hosts(), Optional.of(chosen[0]), Optional.of(runtime));
    }

    /** {@code remove -y}: the app, kamal-proxy (unless other apps use it), the accessories, and the registry logins. */
    public void remove() {
        timed(() -> crew.lock().withLock(() -> {
            new AppContainers(crew).remove();
            new Proxies(crew).remove(false);
            accessories.removeAll();
            new Registries(crew).remove(true, false);
        }));
    }

    private void build(Release release, boolean skipPush, boolean noCache) {
        if (skipPush) return;
        step("build", "Build and push app image...", () -> new Images(crew).push(release, "registry", noCache));
    }

    // Unlike Kamal, the pull happens under the lock: two deploys of one version would otherwise race on the
    // hosts (one's `docker image rm` under the other's pull), and the loser must fail on the lock, not there.
    private void pull(Release release) {
        step("pull", "Pull app image...", () -> new Images(crew).pull(release));
    }

    // The hosts' SSH handshakes then overlap the lock's round trip on the primary host instead of following it.
    private void connectAhead(List<String> hosts) {
        crew.hosts().connectAhead(hosts);
    }

    /** Runs one phase of the flow, told as a step (a group in CI logs, a line and a status on a terminal). */
    private void step(String name, String title, Runnable work) {
        step(name, title, () -> {
            work.run();
            return null;
        });
    }

    /** As {@link #step(String, String, Runnable)}, for a phase whose result the flow goes on with. */
    private <T> T step(String name, String title, java.util.function.Supplier<T> work) {
        try (Console.Step step = crew.console().step(name, title)) {
            T result = work.get();
            step.ok();
            return result;
        }
    }

    private List<String> canaryNotes(Optional<DhowSettings.Canary> canary) {
        return canary.map(c -> List.of("canary: " + String.join(", ", CanaryCheck.choose(crew, crew.targets().appHosts(), c.hosts()))
                + " verified for " + c.soak().toSeconds() + "s before the other hosts")).orElse(List.of());
    }

    private void summary(String command, Release release) {
        summary(command, release, List.of());
    }

    /** What the hosts run now: the version, the hosts of each role, and where the app answers. */
    private void summary(String command, Release release, List<String> notes) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (Role role : crew.targets().roles()) {
            List<String> hosts = crew.targets().hosts().stream().filter(role.hosts()::contains).toList();
            if (!hosts.isEmpty()) byRole.put(role.name(), hosts);
        }
        List<String> urls = new ArrayList<>();
        for (Role role : crew.targets().roles()) {
            role.proxy().filter(p -> role.runningProxy()).ifPresent(p -> {
                String scheme = p.sslEnabled() ? "https://" : "http://";
                String prefix = p.pathPrefixes().isEmpty() ? "" : p.pathPrefixes().get(0);
                for (String host : p.hosts()) if (!urls.contains(scheme + host + prefix)) urls.add(scheme + host + prefix);
            });
        }
        crew.console().summary(command, release.version(), byRole, urls, Math.round(crew.run().elapsedSeconds() * 1000), notes);
    }

    private void finishLogs(java.util.Optional<Throwable> failure, double took) {
        if (crew.sessionLog().isPresent()) {
            crew.sessionLog().get().finish(failure, took, crew.cancellation().firstSignal());
            crew.console().info("Logs written to " + crew.sessionLog().get().file());
        }
        crew.otel().ifPresent(otel -> {
            java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            failure.ifPresentOrElse(e -> {
                attributes.put("exception.type", e.getClass().getSimpleName());
                attributes.put("exception.message", String.valueOf(e.getMessage()));
            }, () -> attributes.put("kamal.runtime", took));
            attributes.put("deployment.status", failure.isPresent() ? "failed" : "succeeded");
            otel.event(failure.isPresent() ? "kamal.failed" : "kamal.complete", attributes, failure.isPresent());
            otel.close();
        });
    }

    /** Runs {@code work}, then prints the runtime whatever happened; returns whole seconds (for KAMAL_RUNTIME). */
    private long timed(Runnable work) {
        double start = crew.run().elapsedSeconds();
        Throwable failure = null;
        depth++;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            depth--;
            double took = crew.run().elapsedSeconds() - start;
            // Once per command (setup nests deploy), and only for work that finished: a failure ends with its error.
            if (depth == 0 && failure == null) {
                outcome.run();
                crew.console().info(String.format(Locale.ROOT, "  Finished all in %.1f seconds", took));
            }
            if (depth == 0) finishLogs(java.util.Optional.ofNullable(failure), took);
        }
        return Math.round(crew.run().elapsedSeconds() - start);
    }
}
