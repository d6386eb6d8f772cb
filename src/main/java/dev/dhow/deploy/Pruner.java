package dev.dhow.deploy;

import dev.dhow.commands.PruneCommands;
import dev.dhow.core.DhowException;
import java.util.List;

/** {@code dhow prune all|images|containers}: old app containers and images on every selected host, under the lock. */
public final class Pruner {
    private final DeployContext ctx;
    private final PruneCommands commands;

    public Pruner(DeployContext ctx) {
        this.ctx = ctx;
        this.commands = new PruneCommands(ctx.config());
    }

    public void all() {
        ctx.lock().withLock(() -> {
            containers(ctx.config().retainContainers());
            images();
        });
    }

    /** Dangling images, then tagged images no container uses (except latest). */
    public void images() {
        ctx.lock().withLock(() -> each(ctx.targets().hosts(), host -> {
            ctx.audit().record(host, "Pruned images");
            ctx.remote().run(host, commands.danglingImages()).check();
            ctx.remote().run(host, commands.taggedImages()).check();
        }));
    }

    /** Stopped app containers beyond the newest {@code retain}. */
    public void containers(int retain) {
        if (retain < 1) throw new DhowException("retain must be at least 1");
        ctx.lock().withLock(() -> each(ctx.targets().hosts(), host -> {
            ctx.audit().record(host, "Pruned containers");
            ctx.remote().run(host, commands.appContainers(retain)).check();
        }));
    }

    private void each(List<String> hosts, java.util.function.Consumer<String> step) {
        ctx.fleet(hosts).run(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }
}
