package dev.dhow.cli;

import dev.dhow.commands.AuditorCommands;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.DeployContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow audit}: the last 50 lines of the audit log on each host. */
@Command(name = "audit", description = "Show the audit log from the servers.")
final class AuditCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (DeployContext ctx = DeployContexts.create(spec)) {
            AuditorCommands auditor = new AuditorCommands(ctx.config());
            dev.dhow.deploy.HostOutput.print(ctx, "App", ctx.targets().hosts(), h -> ctx.remote().run(h, auditor.reveal()).check().stdout());
            return ExitCode.OK;
        }
    }
}
