package dev.dhow.cli;

import dev.dhow.config.SecretsFiles;
import dev.dhow.config.dotenv.DotenvParser;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dhow secrets print}: every secret of the destination as {@code KEY=value} lines, for debugging. */
@Command(name = "print", description = "Print the secrets (for debugging).")
public final class SecretsPrintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SecretsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DotenvParser parser = new DotenvParser(parent.environment, new InProcessSecretsCommands(err), parent.workingDirectory);
        SecretsFiles files = new SecretsFiles(secretsPath(), destination(), parent.workingDirectory, parser);
        files.toMap().forEach((key, value) -> SecretsCommand.puts(out, key + "=" + value));
        return 0;
    }

    // Seam for the config model: Kamal takes secrets_path from deploy.yml (-c, -d); until that model is
    // wired in, this is Kamal's default, which is what a deploy.yml without secrets_path gets.
    private String secretsPath() {
        return SecretsFiles.DEFAULT_PATH;
    }

    private String destination() {
        return ((Dhow) spec.root().userObject()).global.destination();
    }
}
