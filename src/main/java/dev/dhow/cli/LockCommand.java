package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Crew;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow lock status|acquire|release}: the deploy lock on the primary host, by hand. */
@Command(name = "lock", description = "Manage the deploy lock.",
        subcommands = {LockCommand.Status.class, LockCommand.Acquire.class, LockCommand.Release.class, GroupHelp.class},
        footer = {"",
                "The deploy lock is the directory .kamal/lock-<service> on the primary host (the one Kamal uses, so the two"
                        + " tools exclude each other). Deploys take it and release it, also when they fail or are interrupted."
                        + " A deploy that was killed outright (kill -9, a lost laptop, a CI runner that vanished) leaves it"
                        + " behind: 'dhow lock status' shows who took it and when, and if that deploy is no longer running,"
                        + " 'dhow lock release' clears it. 'dhow lock acquire -m MESSAGE' holds deploys off by hand."})
public final class LockCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    @Command(name = "status", description = "Report lock status.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> crew.lock().status().ifPresentOrElse(crew.console()::result, () -> crew.console().result("There is no deploy lock")));
        }
    }

    @Command(name = "acquire", description = "Acquire the deploy lock.")
    static final class Acquire implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = {"-m", "--message"}, required = true, description = "A lock message.")
        String message;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> {
                crew.lock().acquire(message);
                crew.console().info("Acquired the deploy lock");
            });
        }
    }

    @Command(name = "release", description = "Release the deploy lock.")
    static final class Release implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> crew.console().info(crew.lock().release() ? "Released the deploy lock" : "There is no deploy lock"));
        }
    }
}
