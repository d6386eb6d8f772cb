package dev.dhow.deploy;

import dev.dhow.commands.PruneCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.util.List;
import java.util.Optional;

/** {@code dhow prune all|images|containers}: old app containers and images on every selected host, under the lock. */
public final class Pruner {
    private final Crew crew;
    private final PruneCommands commands;

    public Pruner(Crew crew) {
        this.crew = crew;
        this.commands = new PruneCommands(crew.config());
    }

    /**
     * Containers, then images: Kamal's five commands per host (two audit lines, three prunes) sent as one
     * {@code &&} chain, so a host costs one round trip and stops at the first failure as Kamal would.
     */
    public void all() {
        int retain = crew.config().retainContainers();
        crew.lock().withLock(() -> each(crew.targets().hosts(), host -> crew.hosts().run(host, Cmd.and(
                crew.audit().andThen("Pruned containers", Optional.empty(), commands.appContainers(retain)),
                crew.audit().andThen("Pruned images", Optional.empty(), Cmd.and(commands.danglingImages(), commands.taggedImages()))))));
    }

    /** Dangling images, then tagged images no container uses (except latest). */
    public void images() {
        crew.lock().withLock(() -> each(crew.targets().hosts(), host -> {
            crew.audit().record(host, "Pruned images");
            crew.hosts().run(host, commands.danglingImages());
            crew.hosts().run(host, commands.taggedImages());
        }));
    }

    /** Stopped app containers beyond the newest {@code retain}. */
    public void containers(int retain) {
        if (retain < 1) throw new DhowException("retain must be at least 1");
        crew.lock().withLock(() -> each(crew.targets().hosts(), host -> {
            crew.audit().record(host, "Pruned containers");
            crew.hosts().run(host, commands.appContainers(retain));
        }));
    }

    private void each(List<String> hosts, java.util.function.Consumer<String> step) {
        crew.hosts().each(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }
}
