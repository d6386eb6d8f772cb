package dev.dhow.cli;

import dev.dhow.deploy.AppInspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app containers}: Show the app containers (any state) on the servers. */
@Command(name = "containers", description = "Show the app containers (any state) on the servers.")
final class AppContainersCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppInspection(crew).containers());
    }
}
