package dev.dhow.cli;

import dev.dhow.deploy.AppControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app stop}: Stop app containers on servers. */
@Command(name = "stop", description = "Stop app containers on servers.")
final class AppStopCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppControl(crew).stop());
    }
}
