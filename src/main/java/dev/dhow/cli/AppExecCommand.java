package dev.dhow.cli;

import dev.dhow.core.DhowException;
import dev.dhow.deploy.AppExec;
import dev.dhow.deploy.Crew;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dhow app exec CMD}: in a new app container on every host, in the running one ({@code --reuse}), or
 * interactively on the primary host ({@code -i}, through a PTY on dhow's own SSH connection).
 */
@Command(name = "exec", description = "Run a command in a new app container (or the running one with --reuse) on the servers.")
final class AppExecCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = {"-i", "--interactive"}, description = "Run interactively through a terminal on the primary host (console, shell).") boolean interactive;
    @Option(names = "--reuse", description = "Run in the running container instead of a new one.") boolean reuse;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY:VALUE", description = "Set an environment variable for the command (repeatable).") List<String> env = List.of();
    @Option(names = "--detach", description = "Run the new container detached (in the background).") boolean detach;
    @Option(names = "--raw", description = "Output raw, unmodified stdout (no host headers).") boolean raw;
    @Parameters(arity = "0..*", paramLabel = "CMD", description = "The command (words are joined with spaces and run by the container's shell).") List<String> words = List.of();

    @Override
    public Integer call() {
        String command = String.join(" ", words.stream().map(String::strip).toList());
        GlobalOptions g = ((Dhow) spec.root().userObject()).global;
        AppExec.Options options = new AppExec.Options(interactive, reuse, detach, raw, env(env), Optional.ofNullable(g.appVersion()));
        return Crews.call(spec, raw, crew -> {
            AppExec exec = new AppExec(crew);
            // Incompatible options are refused by exec itself, before anything asks for a terminal.
            if (!interactive || raw || detach) return exec.exec(command, options, System.in, System.out, false);
            boolean tty = Crews.requireTerminal(spec, "dhow app exec -i");
            try (Terminal terminal = Terminal.raw()) {
                return exec.exec(command, options, System.in, System.out, tty);
            }
        });
    }

    /** Thor's hash option: {@code KEY:VALUE} words (the first colon splits). */
    static Map<String, String> env(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0) throw new DhowException("--env " + pair + ": expected KEY:VALUE");
            out.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return out;
    }
}
