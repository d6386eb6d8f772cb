package dev.dhow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow secrets print}: every secret of the destination as {@code KEY=value} lines, for debugging. */
@Command(name = "print", description = "Print the secrets (for debugging).")
public final class SecretsPrintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigContext.of(spec).secrets().toMap().forEach((key, value) -> SecretsCommand.puts(out, key + "=" + value));
        return 0;
    }
}
