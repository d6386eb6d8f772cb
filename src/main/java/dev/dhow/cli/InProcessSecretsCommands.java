package dev.dhow.cli;

import dev.dhow.config.dotenv.InProcessCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs {@code $(kamal secrets …)} substitutions as {@code dhow secrets … --inline} in this process and
 * hands back what they print, so every {@code secrets} subcommand works inside {@code .kamal/secrets}.
 */
public final class InProcessSecretsCommands implements InProcessCommands {
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final Path workingDir;

    /**
     * @param err where the commands report their errors (the user's stderr)
     * @param environment what the commands (and the vendor CLIs they call) see
     * @param workingDir the project directory
     */
    public InProcessSecretsCommands(PrintWriter err, Map<String, String> environment, Path workingDir) {
        this.err = err;
        this.environment = environment;
        this.workingDir = workingDir;
    }

    @Override
    public Optional<String> run(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("secrets")) {
            throw new IllegalArgumentException("only secrets commands run in-process, got " + argv.size() + " words");
        }
        StringWriter captured = new StringWriter();
        List<String> args = new ArrayList<>(argv);
        if (!args.contains("--inline")) args.add("--inline"); // picocli rejects a repeated flag
        int code;
        String[] words = args.toArray(String[]::new);
        try (PrintWriter out = new PrintWriter(captured)) {
            CommandLine cl = Dhow.commandLineFor(words, out, err, environment, workingDir, Services.real());
            // Plain RunLast: the root strategy would reset the log level chosen by the outer command's -v/-q.
            cl.setExecutionStrategy(new CommandLine.RunLast());
            code = cl.execute(words);
        }
        return code == 0 ? Optional.of(captured.toString()) : Optional.empty();
    }
}
