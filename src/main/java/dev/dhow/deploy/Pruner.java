package dev.dhow.deploy;

import dev.dhow.commands.PruneCommands;
import dev.dhow.core.DhowException;
import java.util.List;

/** {@code dhow prune all|images|containers}: old app containers and images on every selected host, under the lock. */
public final class Pruner {
    private final Crew crew;
    private final PruneCommands commands;

    public Pruner(Crew crew) {
        this.crew = crew;
        this.commands = new PruneCommands(crew.config());
    }

    public void all() {
        crew.lock().withLock(() -> {
            containers(crew.config().retainContainers());
            images();
        });
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
