package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Pruner;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow prune all|images|containers}. */
@Command(name = "prune", description = "Prune old app images and containers.",
        subcommands = {PruneCommand.All.class, PruneCommand.Images.class, PruneCommand.Containers.class})
public final class PruneCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static int with(CommandSpec spec, Consumer<Pruner> work) {
        return Crews.run(spec, crew -> work.accept(new Pruner(crew)));
    }

    @Command(name = "all", description = "Prune unused images and stopped containers.")
    static final class All implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Pruner::all); }
    }

    @Command(name = "images", description = "Prune unused images.")
    static final class Images implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Pruner::images); }
    }

    @Command(name = "containers", description = "Prune stopped containers, except the newest N (default: retain_containers, 5).")
    static final class Containers implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--retain", paramLabel = "N", description = "Number of containers to retain.") Integer retain;

        @Override
        public Integer call() {
            return with(spec, p -> p.containers(retain != null ? retain : ConfigContext.of(spec).load().retainContainers()));
        }
    }
}
