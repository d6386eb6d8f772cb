package dev.dhow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow <group> help}, as Kamal's {@code kamal lock help}: the usage of the group it sits in. */
@Command(name = "help", description = "Show this help.")
final class GroupHelp implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.parent().commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
