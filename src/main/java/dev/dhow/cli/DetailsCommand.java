package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AccessoryFlows;
import dev.dhow.deploy.AppInspection;
import dev.dhow.deploy.DeployContext;
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
        try (DeployContext ctx = DeployContexts.create(spec)) {
            new Proxies(ctx).details();
            new AppInspection(ctx).details();
            AccessoryFlows accessories = new AccessoryFlows(ctx);
            if (!accessories.names().isEmpty()) accessories.details("all");
            return ExitCode.OK;
        }
    }
}
