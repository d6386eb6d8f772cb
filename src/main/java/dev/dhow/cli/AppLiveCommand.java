package dev.dhow.cli;

import dev.dhow.deploy.AppControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app live}: Set the app to live mode. */
@Command(name = "live", description = "Set the app to live mode.")
final class AppLiveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppControl(crew).live());
    }
}
