package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.util.List;

/** Removes old app containers and images, keeping the newest stopped containers and every image still in use. */
public final class PruneCommands {
    private final Configuration config;

    public PruneCommands(Configuration config) {
        this.config = config;
    }

    /** {@code docker image prune --force --filter label=service=<svc>}: dangling images. */
    public Cmd danglingImages() {
        return Cmd.docker("image", "prune", "--force", "--filter", "label=service=" + config.service());
    }

    /** Removes tagged images no container uses, except {@code latest} and {@code <none>}. */
    public Cmd taggedImages() {
        return Cmd.pipe(unusedImages(), Cmd.raw("while read image tag; do docker rmi $tag; done"));
    }

    /** Removes stopped app containers beyond the newest {@code retain} (default {@code retain_containers}). */
    public Cmd appContainers(int retain) {
        return Cmd.pipe(staleContainers(retain), Cmd.raw("while read container_id; do docker rm $container_id; done"));
    }

    public Cmd appContainers() {
        return appContainers(config.retainContainers());
    }

    // The removals above are these queries piped into docker rmi/rm, so `dhow plan` previews the next prune with
    // the very selection it makes, and removes nothing.

    /** The ids of the stopped app containers {@link #appContainers(int)} removes. */
    public Cmd staleContainers(int retain) {
        if (retain < 1) throw new IllegalArgumentException("retain must be at least 1");
        return Cmd.pipe(
                Cmd.docker("ps", "-q", "-a", "--filter", "label=service=" + config.service(),
                        "--filter", "status=created", "--filter", "status=exited", "--filter", "status=dead"),
                Cmd.raw("tail -n +" + (retain + 1)));
    }

    /** {@code <id> <repository>:<tag>} of each tagged image {@link #taggedImages()} removes. */
    public Cmd unusedImages() {
        Cmd inUse = Cmd.pipe(Cmd.docker("container", "ls", "-a", "--format", "{{.Image}}\\|", "--filter", "label=service=" + config.service()),
                Cmd.of("tr", "-d", "\\n"));
        // one double-quoted grep pattern: the images in use, then latest and <none>, joined by \|
        Cmd.Part active = new Cmd.Joined(List.of(
                new Cmd.Raw("\"$(" + Shells.plain(inUse) + ")"),
                new Cmd.Quoted(config.latestImage(), Cmd.Quoting.INSIDE_DOUBLE_QUOTES), new Cmd.Raw("\\|"),
                new Cmd.Quoted(config.repository(), Cmd.Quoting.INSIDE_DOUBLE_QUOTES), new Cmd.Raw(":<none>\"")));
        return Cmd.pipe(
                Cmd.builder("docker", "image", "ls", "--filter", "label=service=" + config.service()).word("--format")
                        .raw("'{{.ID}} {{.Repository}}:{{.Tag}}'").build(),
                Cmd.builder("grep", "-v", "-w").part(active).build());
    }

    /** The ids of the dangling images {@link #danglingImages()} removes. */
    public Cmd danglingImageIds() {
        return Cmd.docker("image", "ls", "--quiet", "--filter", "dangling=true", "--filter", "label=service=" + config.service());
    }
}
