package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Registries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow registry setup|remove|login|logout}. */
@Command(name = "registry", description = "Log in to the registry, or run the local one.",
        subcommands = {RegistryCommand.Setup.class, RegistryCommand.Remove.class, RegistryCommand.Login.class, RegistryCommand.Logout.class})
public final class RegistryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static final class Skips {
        @Option(names = {"-L", "--skip-local", "--skip_local"}, description = "Skip this machine.") boolean local;
        @Option(names = {"-R", "--skip-remote", "--skip_remote"}, description = "Skip the servers.") boolean remote;
    }

    interface Action {
        void run(Registries registries, boolean skipLocal, boolean skipRemote);
    }

    static int with(CommandSpec spec, Skips skips, Action action) {
        return Crews.run(spec, crew -> action.run(new Registries(crew), skips.local, skips.remote));
    }

    @Command(name = "setup", description = "Start the local registry, or log in here and on the servers.")
    static final class Setup implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Skips skips;

        @Override public Integer call() { return with(spec, skips, Registries::setup); }
    }

    @Command(name = "remove", description = "Remove the local registry, or log out here and on the servers.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Skips skips;

        @Override public Integer call() { return with(spec, skips, Registries::remove); }
    }

    @Command(name = "login", description = "Log in to the registry here and on the servers.")
    static final class Login implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Skips skips;

        @Override public Integer call() { return with(spec, skips, Registries::login); }
    }

    @Command(name = "logout", description = "Log out of the registry here and on the servers.")
    static final class Logout implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Skips skips;

        @Override public Integer call() { return with(spec, skips, Registries::logout); }
    }
}
