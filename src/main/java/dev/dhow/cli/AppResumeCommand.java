package dev.dhow.cli;

import dev.dhow.deploy.AppControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app resume}: kamal-proxy lets the requests held by {@code dhow app pause} through. */
@Command(name = "resume", description = "Let the requests held by 'app pause' through.")
final class AppResumeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppControl(crew).resume());
    }
}
