package dev.dhow.cli;

import dev.dhow.deploy.AppInspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow audit}: the last 50 lines of the audit log on each server. */
@Command(name = "audit", description = "Show the audit log from the servers.")
final class AuditCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.run(spec, crew -> new AppInspection(crew).audit());
    }
}
