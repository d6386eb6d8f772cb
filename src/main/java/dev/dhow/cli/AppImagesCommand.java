package dev.dhow.cli;

import dev.dhow.commands.AppCommands;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.DeployContext;
import dev.dhow.deploy.HostOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app images}: the app's images on each host. */
@Command(name = "images", description = "Show app images on servers.")
final class AppImagesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (DeployContext ctx = DeployContexts.create(spec)) {
            HostOutput.print(ctx, "App", ctx.targets().appHosts(), h -> ctx.remote().run(h,
                    new AppCommands(ctx.config(), ctx.targets().rolesOn(h).get(0), h).listImages()).check().stdout());
            return ExitCode.OK;
        }
    }
}
