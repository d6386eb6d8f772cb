package dev.dhow.cli;

import dev.dhow.commands.AppCommands;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.DeployContext;
import dev.dhow.deploy.HostOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app version}: the version each host runs now. */
@Command(name = "version", description = "Show the app version running on each server.")
final class AppVersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (DeployContext ctx = DeployContexts.create(spec)) {
            HostOutput.print(ctx, "App", ctx.targets().appHosts(), h -> ctx.remote().run(h,
                    new AppCommands(ctx.config(), ctx.targets().rolesOn(h).get(0), h).currentRunningVersion()).check().stdout());
            return ExitCode.OK;
        }
    }
}
