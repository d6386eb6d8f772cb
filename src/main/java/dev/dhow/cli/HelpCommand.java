package dev.dhow.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dhow help [COMMAND...]}. picocli's own HelpCommand claims {@code -h}, which Kamal
 * gives to {@code --hosts}, so this one takes no options.
 */
@Command(name = "help", description = "Show help for dhow or for a command: dhow help app exec")
public final class HelpCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command to describe.")
    List<String> path = List.of();

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                spec.commandLine().getErr().println("ERROR Unknown command: " + String.join(" ", path));
                spec.commandLine().getErr().flush();
                return 1;
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
