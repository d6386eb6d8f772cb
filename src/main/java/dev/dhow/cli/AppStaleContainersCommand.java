package dev.dhow.cli;

import dev.dhow.deploy.AppContainers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow app stale_containers [--stop]}: running app containers that are not the current one. */
@Command(name = "stale_containers", aliases = "stale-containers", description = "Detect (and with --stop, stop) stale app containers.")
final class AppStaleContainersCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-s", "--stop"}, description = "Stop the stale containers found.")
    boolean stop;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppContainers(crew).staleContainers(stop));
    }
}
