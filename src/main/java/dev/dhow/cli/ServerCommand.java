package dev.dhow.cli;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Crew;
import dev.dhow.output.Console;
import dev.dhow.deploy.StepLimits;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhow server}: run a command on the servers, or prepare them for dhow (Docker and the run directory). */
@Command(name = "server", description = "Run commands on servers and bootstrap them.",
        subcommands = {ServerCommand.Exec.class, ServerCommand.Bootstrap.class})
public final class ServerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** {@code dhow server exec CMD}: on every selected host, or interactively on the primary one. */
    /**
     * As Thor does for Kamal, unknown options ({@code ls -la}) belong to the command and known ones are still ours:
     * {@link CommandTree} sets that on this command's parser once it hangs in the tree.
     */
    @Command(name = "exec", description = "Run a custom command on the servers.")
    static final class Exec implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = {"-i", "--interactive"}, description = "Run the command interactively on the primary host (use for console/bash).")
        boolean interactive;

        @Option(names = "--raw", description = "Output raw, unmodified stdout (no host headers).")
        boolean raw;

        @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command (words are joined with spaces and run by the remote shell).")
        List<String> words;

        @Override
        public Integer call() {
            if (raw && interactive) throw new DhowException("Raw is not compatible with interactive");
            if (interactive) Crews.requireTerminal(spec, "dhow server exec -i");
            String line = String.join(" ", words.stream().map(String::strip).toList());
            return Crews.call(spec, raw, crew -> {
                Console console = crew.console();
                // As Kamal's pre_connect_if_required: the hook runs before any host is reached, interactive or not.
                crew.hooks().preConnect();
                if (interactive) {
                    String host = crew.targets().primaryHost().orElseThrow(() -> new DhowException("no primary host to run on"));
                    console.info("Running '" + line + "' on " + host + " interactively...");
                    Terminal terminal = Terminal.raw();
                    try {
                        return crew.hosts().interactive(host, Cmd.raw(line), System.in, System.out);
                    } finally {
                        terminal.close();
                    }
                }
                List<String> hosts = crew.targets().hosts();
                console.info("Running '" + line + "' on " + String.join(", ", hosts) + "...");
                Fleet.Results<Result> results = crew.hosts().each(hosts, h -> run(crew, h, line));
                for (Fleet.Outcome<Result> o : results.outcomes()) {
                    if (!o.ok()) continue;
                    if (raw) {
                        console.rawOut(o.value().stdout());
                    } else {
                        if (!console.quiet()) console.result("App Host: " + o.host());
                        console.result(o.value().stdout().strip() + "\n");
                    }
                }
                results.check();
                return ExitCode.OK;
            });
        }

        /**
         * Records Kamal's audit line and runs the command in one round trip (Kamal sends two); the command does
         * not run when the audit log cannot be written. The braces keep {@code ;}, {@code ||} and {@code &} in
         * the user's command from binding to the audit step; a failure names the user's command only.
         */
        static Result run(Crew crew, String host, String line) {
            Cmd folded = crew.audit().andThen("Executed cmd '" + line + "' on " + host, Optional.empty(), Cmd.raw("{ " + line + "\n}"));
            Result r = crew.hosts().capture(host, folded, StepLimits.Step.EXEC);
            return new Result(host, line, r.exitCode(), r.stdout(), r.stderr()).check();
        }
    }

    /** {@code dhow server bootstrap}: installs Docker where it is missing (as Kamal does) and creates the run directory. */
    @Command(name = "bootstrap", description = "Set up Docker to run dhow (and Kamal) apps.")
    static final class Bootstrap implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.run(spec, dev.dhow.deploy.Bootstrap::run);
        }
    }
}
