package dev.dhow.cli;

import dev.dhow.config.SecretsFiles;
import dev.dhow.output.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
        SecretsFiles files = ConfigContext.of(spec).secrets();
        Map<String, String> secrets = files.toMap();
        secrets.forEach((key, value) -> SecretsCommand.puts(out, key + "=" + value));
        // An empty value is printed like any other, so say so where nobody can miss it (stderr).
        List<String> empty = secrets.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (!empty.isEmpty()) {
            Console console = Crews.console(spec, false);
            for (String key : empty) {
                String why = files.whyEmpty(key).map(w -> " (" + w + ")").orElse("");
                console.warn(key + " is empty" + why);
            }
        }
        return 0;
    }
}
