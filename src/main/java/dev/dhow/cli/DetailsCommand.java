package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AccessoryFlows;
import dev.dhow.deploy.AppInspection;
import dev.dhow.deploy.Crew;
import dev.dhow.deploy.Proxies;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow details}: kamal-proxy, app and accessory containers on the servers. */
@Command(name = "details", description = "Show details about all containers (proxy, app, accessories).")
final class DetailsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> {
            new Proxies(crew).details();
            new AppInspection(crew).details();
            AccessoryFlows accessories = new AccessoryFlows(crew);
            if (!accessories.names().isEmpty()) accessories.details("all");
        });
    }
}
