package dev.dhow.cli;

import dev.dhow.commands.AuditorCommands;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.DeployContext;
import dev.dhow.ssh.Fleet;
import java.util.List;
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
            List<String> hosts = ctx.targets().hosts();
            AuditorCommands auditor = new AuditorCommands(ctx.config());
            Fleet.Results<String> results = ctx.fleet(hosts).run(hosts, h -> ctx.remote().run(h, auditor.reveal()).check().stdout());
            for (Fleet.Outcome<String> o : results.outcomes()) {
                if (!o.ok()) continue;
                if (!ctx.console().quiet()) ctx.console().result("App Host: " + o.host());
                ctx.console().result(o.value().strip() + "\n");
            }
            results.check();
            return ExitCode.OK;
        }
    }
}
