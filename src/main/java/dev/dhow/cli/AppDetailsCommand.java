package dev.dhow.cli;

import dev.dhow.deploy.AppInspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app details}: Show details about the app containers on the servers. */
@Command(name = "details", description = "Show details about the app containers on the servers.")
final class AppDetailsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppInspection(crew).details());
    }
}
