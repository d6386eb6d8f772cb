package dev.dhow.cli;

import dev.dhow.deploy.AppControl;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow app maintenance}: kamal-proxy answers 503 (or the custom page) until {@code dhow app live}. */
@Command(name = "maintenance", description = "Set the app to maintenance mode.")
final class AppMaintenanceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"--drain-timeout", "--drain_timeout"}, paramLabel = "SECONDS", description = "How long to allow in-flight requests to complete (default: drain_timeout from config).")
    Integer drainTimeout;

    @Option(names = "--message", description = "Message to display to clients while stopped.")
    String message;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppControl(crew).maintenance(Optional.ofNullable(drainTimeout), Optional.ofNullable(message)));
    }
}
