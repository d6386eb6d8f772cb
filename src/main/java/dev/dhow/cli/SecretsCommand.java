package dev.dhow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow secrets}: helpers that work on secrets locally (Kamal's {@code kamal secrets}). */
@Command(name = "secrets", description = "Helpers for extracting secrets.",
        subcommands = {SecretsFetchCommand.class, SecretsExtractCommand.class, SecretsPrintCommand.class})
public final class SecretsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Ruby's {@code puts}: adds a newline unless the text already ends with one. */
    static void puts(PrintWriter out, String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
