package dev.dhow.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * The top-level flows: {@code setup}, {@code deploy}, {@code redeploy}, {@code rollback} and {@code remove}, in
 * Kamal's order (build outside the lock; pull, pre-deploy hook, proxy, stale containers, boot and prune inside
 * it; post-deploy after it), each ending with {@code Finished all in N.N seconds}.
 */
public final class Deployer {
    private final DeployContext ctx;
    private final Accessories accessories;
    private int depth;

    public Deployer(DeployContext ctx, Accessories accessories) {
        this.ctx = ctx;
        this.accessories = accessories;
    }

    /** {@code setup}: everything under one lock: bootstrap the servers, then deploy with the accessories. */
    public void setup(boolean skipPush, boolean noCache) {
        timed(() -> ctx.lock().withLock(() -> {
            ctx.console().info("Ensure Docker is installed...");
            Bootstrap.run(ctx);
            deploy(skipPush, noCache, true);
        }));
    }

    /** {@code deploy}: build/push/pull, then under the lock proxy boot, stale containers, app boot and prune. */
    public void deploy(boolean skipPush, boolean noCache) {
        deploy(skipPush, noCache, false);
    }

    private void deploy(boolean skipPush, boolean noCache, boolean bootAccessories) {
        long runtime = timed(() -> {
            build(skipPush, noCache);
            ctx.lock().withLock(() -> {
                pull();
                ctx.hooks().run("pre-deploy", true);
                ctx.console().info("Ensure kamal-proxy is running...");
                new Proxies(ctx).boot();
                if (bootAccessories) accessories.bootAll();
                ctx.console().info("Detect stale containers...");
                new AppContainers(ctx).staleContainers(true);
                new AppBoot(ctx).boot(ctx.version());
                ctx.console().info("Prune old containers and images...");
                new Pruner(ctx).all();
            });
        });
        ctx.hooks().run("post-deploy", true, ctx.targets().hosts(), Optional.of(runtime));
    }

    /** {@code redeploy}: deploy without proxy boot, accessories or prune. */
    public void redeploy(boolean skipPush, boolean noCache) {
        long runtime = timed(() -> {
            build(skipPush, noCache);
            ctx.lock().withLock(() -> {
                pull();
                ctx.hooks().run("pre-deploy", true);
                ctx.console().info("Detect stale containers...");
                new AppContainers(ctx).staleContainers(true);
                new AppBoot(ctx).boot(ctx.version());
            });
        });
        ctx.hooks().run("post-deploy", true, ctx.targets().hosts(), Optional.of(runtime));
    }

    /**
     * {@code rollback [VERSION]}: boots a version whose containers are still on the hosts. Without a version, the
     * newest one present for every role on every host (other than the running one).
     */
    public boolean rollback(Optional<String> requested) {
        boolean[] rolledBack = {false};
        long runtime = timed(() -> ctx.lock().withLock(() -> {
            String version;
            if (requested.isPresent()) {
                version = requested.get();
            } else {
                Optional<String> previous = new AppContainers(ctx).newestCommonPreviousVersion();
                if (previous.isEmpty()) {
                    ctx.console().error("No earlier version is present on every host (use 'dhow app containers' for available versions)");
                    return;
                }
                version = previous.get();
                ctx.console().info("Rolling back to " + version + ", the newest earlier version on every host");
            }
            ctx.useVersion(version);
            if (!new AppContainers(ctx).available(version)) {
                ctx.console().error("The app version '" + version + "' is not available as a container (use 'dhow app containers' for available versions)");
                return;
            }
            ctx.hooks().run("pre-deploy", true);
            new AppBoot(ctx).boot(version);
            rolledBack[0] = true;
        }));
        if (rolledBack[0]) ctx.hooks().run("post-deploy", true, ctx.targets().hosts(), Optional.of(runtime));
        return rolledBack[0];
    }

    /** {@code remove -y}: the app, kamal-proxy (unless other apps use it), the accessories, and the registry logins. */
    public void remove() {
        timed(() -> ctx.lock().withLock(() -> {
            new AppContainers(ctx).remove();
            new Proxies(ctx).remove(false);
            accessories.removeAll();
            new Registries(ctx).remove(true, false);
        }));
    }

    private void build(boolean skipPush, boolean noCache) {
        if (skipPush) return;
        ctx.console().info("Build and push app image...");
        new Images(ctx).push("registry", noCache);
    }

    // Unlike Kamal, the pull happens under the lock: two deploys of one version would otherwise race on the
    // hosts (one's `docker image rm` under the other's pull), and the loser must fail on the lock, not there.
    private void pull() {
        ctx.console().info("Pull app image...");
        new Images(ctx).pull();
    }

    private void finishLogs(java.util.Optional<Throwable> failure, double took) {
        if (ctx.sessionLog().isPresent()) {
            ctx.sessionLog().get().finish(failure, took);
            ctx.console().info("Logs written to " + ctx.sessionLog().get().file());
        }
        ctx.otel().ifPresent(otel -> {
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
        double start = ctx.elapsedSeconds();
        Throwable failure = null;
        depth++;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            depth--;
            double took = ctx.elapsedSeconds() - start;
            ctx.console().info(String.format(Locale.ROOT, "  Finished all in %.1f seconds", took));
            if (depth == 0) finishLogs(java.util.Optional.ofNullable(failure), took);
        }
        return Math.round(ctx.elapsedSeconds() - start);
    }
}
