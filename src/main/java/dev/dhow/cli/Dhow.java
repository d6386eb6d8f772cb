package dev.dhow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The root command: wires picocli, global options, error handling and exit codes in one place. */
@Command(name = "dhow",
        description = "Deploy Docker containers to Linux servers over SSH with zero downtime (Kamal 2 compatible).",
        usageHelpAutoWidth = true)
public final class Dhow implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Spec CommandSpec spec;

    private final Map<String, String> environment;
    private final Path workingDir;
    private final Function<Path, Map<String, String>> dotenvLoader;
    private final Services services;

    Dhow(Map<String, String> environment, Path workingDir, Function<Path, Map<String, String>> dotenvLoader, Services services) {
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.dotenvLoader = dotenvLoader;
        this.services = services;
    }

    Transport transport() {
        return services.transport();
    }

    java.time.Clock clock() {
        return services.clock();
    }

    dev.dhow.deploy.Sleeper sleeper() {
        return services.sleeper();
    }

    java.util.Optional<String> identity() {
        return services.identity();
    }

    Services services() {
        return services;
    }

    /** The process environment commands see (ERB in deploy.yml, VERSION, hooks); injected so tests control it. */
    Map<String, String> environment() {
        return environment;
    }

    /** The project directory relative paths (config file, .kamal) resolve against. */
    Path workingDir() {
        return workingDir;
    }

    /** Parser for dotenv files loaded from deploy.yml ERB. */
    Function<Path, Map<String, String>> dotenvLoader() {
        return dotenvLoader;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    public static void main(String[] args) {
        java.util.Optional<String> quick = answerWithoutParsing(args);
        if (quick.isPresent()) {
            System.out.println(quick.get());
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Cancellation cancellation = new Cancellation();
        Signals.install(cancellation, err);
        int code = commandLineFor(args, out, err, System.getenv(), Path.of("").toAbsolutePath(), Services.real(cancellation)).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The answer to a command that needs neither the command line nor a project, given before picocli starts: a
     * bare {@code dhow version} (scripts run it to check what is installed) then costs a JVM start and no more.
     * The same words through picocli print the same ({@link VersionCommand}).
     */
    static java.util.Optional<String> answerWithoutParsing(String[] args) {
        return args.length == 1 && args[0].equals("version") ? java.util.Optional.of(DhowVersion.get()) : java.util.Optional.empty();
    }

    /** The configured command line with every command: the single place where handlers and strategies are set. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(out, err, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** As {@link #newCommandLine(PrintWriter, PrintWriter)}, with the environment and project directory given. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir) {
        return newCommandLine(out, err, environment, workingDir, Services.real());
    }

    /** As above, with the executors, clock and sleeper given (tests pass recording fakes). */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir, Services services) {
        CommandLine cl = root(environment, workingDir, services);
        CommandTree.addAll(cl);
        return configure(cl, out, err);
    }

    /**
     * As above, holding only what running {@code args} needs (see {@link CommandTree#addFor}): the command line a
     * process builds once to run its arguments.
     */
    public static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                                             Path workingDir, Services services) {
        CommandLine cl = root(environment, workingDir, services);
        CommandTree.addFor(cl, args);
        return configure(cl, out, err);
    }

    private static CommandLine root(Map<String, String> environment, Path workingDir, Services services) {
        return new CommandLine(new Dhow(environment, workingDir, ConfigContext.dotenvLoader(environment, workingDir), services));
    }

    // After the subcommands are added: picocli passes these settings down only to the subcommands present.
    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(Dhow::executeWithLogging);
        cl.setExecutionExceptionHandler(Dhow::handleExecutionException);
        cl.setParameterExceptionHandler(Dhow::handleParameterException);
        AliasHelp.install(cl);
        return cl;
    }

    private static int executeWithLogging(ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose") || anySubMatched(parseResult, "--verbose");
        boolean quiet = parseResult.hasMatchedOption("--quiet") || anySubMatched(parseResult, "--quiet");
        // Without -v/-q Logback's configured WARN stands, and a run that logs nothing never starts Logback.
        if (!verbose && !quiet) return new CommandLine.RunLast().execute(parseResult);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(verbose ? Level.DEBUG : Level.ERROR);
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            root.setLevel(before); // the flags hold for this run only (tests and aliases run several in one JVM)
        }
    }

    private static boolean anySubMatched(ParseResult pr, String option) {
        for (ParseResult sub = pr.subcommand(); sub != null; sub = sub.subcommand()) {
            if (sub.hasMatchedOption(option)) return true;
        }
        return false;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose") || anySubMatched(parseResult, "--verbose");
        PrintWriter err = cl.getErr();
        int code;
        String message;
        if (ex instanceof DhowException de) {
            code = de.exitCode();
            message = de.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "internal error (" + ex.getClass().getSimpleName() + "): " + ex.getMessage()
                    + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        err.println(cl.getColorScheme().errorText("ERROR " + message));
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        try {
            java.util.Optional<Integer> viaAlias = Aliases.run(ex, args);
            if (viaAlias.isPresent()) return viaAlias.get();
        } catch (DhowException e) {
            ex.getCommandLine().getErr().println(ex.getCommandLine().getColorScheme().errorText("ERROR " + e.getMessage()));
            ex.getCommandLine().getErr().flush();
            return e.exitCode();
        }
        return handleParameterExceptionWithoutAliases(ex, args);
    }

    static int handleParameterExceptionWithoutAliases(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText("ERROR " + ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return ExitCode.USAGE;
    }
}
