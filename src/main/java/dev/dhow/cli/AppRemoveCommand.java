package dev.dhow.cli;

import dev.dhow.deploy.AppContainers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app remove}: stops and removes the app's containers, and its images and directories. */
@Command(name = "remove", description = "Remove app containers and images from servers.")
final class AppRemoveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppContainers(crew).remove());
    }
}
