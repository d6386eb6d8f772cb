package dev.dhow.cli;

import dev.dhow.deploy.AppInspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app images}: Show the app images on the servers. */
@Command(name = "images", description = "Show the app images on the servers.")
final class AppImagesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppInspection(crew).images());
    }
}
