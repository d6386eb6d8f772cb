package dev.dhow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dhow version}: prints dhow's own version. */
@Command(name = "version", description = "Show the dhow version.")
public final class VersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(DhowVersion.get());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
