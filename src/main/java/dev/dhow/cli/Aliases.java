package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.config.dotenv.Shellwords;
import dev.dhow.core.DhowException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Expands {@code aliases:} from deploy.yml: {@code dhow console -d staging} with {@code console: app exec -i --reuse
 * "bin/rails console"} runs {@code dhow app exec -i --reuse "bin/rails console" -d staging}. Only an unknown first
 * command is looked up, so built-ins always win; an alias named like a built-in is a configuration error.
 */
final class Aliases {
    private Aliases() {}

    /**
     * Runs the alias the user typed, when the parse failed on an unknown first command that {@code aliases:} defines;
     * empty when it is not an alias. The expansion runs on a fresh command line that does not expand aliases again.
     */
    static Optional<Integer> run(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) || cl.getCommandSpec().parent() != null) return Optional.empty();
        Optional<List<String>> expanded = expand(cl, args);
        if (expanded.isEmpty()) return Optional.empty();
        Dhow root = (Dhow) cl.getCommandSpec().userObject();
        String[] expandedArgs = expanded.get().toArray(String[]::new);
        CommandLine again = Dhow.commandLineFor(expandedArgs, cl.getOut(), cl.getErr(), root.environment(), root.workingDir(), root.services());
        again.setParameterExceptionHandler(Dhow::handleParameterExceptionWithoutAliases);
        return Optional.of(again.execute(expandedArgs));
    }

    /** The argument list with the alias at {@code args} expanded, or empty when the first command is not an alias. */
    static Optional<List<String>> expand(CommandLine root, String[] args) {
        CommandSpec spec = root.getCommandSpec();
        int at = CommandTree.firstCommandIndex(spec, args);
        if (at < 0) return Optional.empty();
        String name = args[at];
        ConfigContext configContext = ConfigContext.of(spec);
        // Without a config file there are no aliases, and the unknown command error is the helpful one; a config
        // that does not load says why.
        if (!Files.exists(configContext.workingDir().resolve(configContext.global().configFile()))) return Optional.empty();
        Configuration config = configContext.load();
        for (String alias : config.aliases().keySet()) {
            if (CommandTree.NAMES.contains(alias)) {
                throw new DhowException("aliases/" + alias + ": Alias '" + alias + "' conflicts with a built-in command.");
            }
        }
        String command = config.aliases().get(name);
        if (command == null) return Optional.empty();
        List<String> words = Shellwords.split(command)
                .orElseThrow(() -> new DhowException("aliases/" + name + ": unmatched quote in '" + command + "'"));
        if (words.isEmpty()) throw new DhowException("aliases/" + name + ": the alias has no command");
        if (config.aliases().containsKey(words.get(0))) {
            throw new DhowException("aliases/" + name + ": an alias cannot expand to another alias ('" + words.get(0) + "')");
        }
        List<String> expanded = new ArrayList<>(List.of(args).subList(0, at));
        expanded.addAll(words);
        expanded.addAll(List.of(args).subList(at + 1, args.length));
        return Optional.of(expanded);
    }
}
