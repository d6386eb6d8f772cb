package dev.dhow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dhow completion}: prints a bash/zsh completion script ({@code source <(dhow completion)}). */
@Command(name = "completion", description = "Print a bash/zsh completion script: source <(dhow completion)")
public final class CompletionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ReleaseFiles.bashCompletion(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
