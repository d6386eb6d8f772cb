package dev.dhow.cli;

import dev.dhow.deploy.AppInspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app version}: Show the app version running on each server. */
@Command(name = "version", description = "Show the app version running on each server.")
final class AppVersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppInspection(crew).version());
    }
}
