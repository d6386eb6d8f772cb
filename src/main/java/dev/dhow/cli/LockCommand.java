package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.DeployContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow lock status|acquire|release}: the deploy lock on the primary host, by hand. */
@Command(name = "lock", description = "Manage the deploy lock.",
        subcommands = {LockCommand.Status.class, LockCommand.Acquire.class, LockCommand.Release.class})
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
            return DeployContexts.run(spec, ctx -> ctx.lock().status().ifPresentOrElse(ctx.console()::result, () -> ctx.console().result("There is no deploy lock")));
        }
    }

    @Command(name = "acquire", description = "Acquire the deploy lock.")
    static final class Acquire implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = {"-m", "--message"}, required = true, description = "A lock message.")
        String message;

        @Override
        public Integer call() {
            try (DeployContext ctx = DeployContexts.create(spec)) {
                ctx.lock().acquire(message);
                ctx.console().info("Acquired the deploy lock");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "release", description = "Release the deploy lock.")
    static final class Release implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return DeployContexts.run(spec, ctx -> ctx.console().info(ctx.lock().release() ? "Released the deploy lock" : "There is no deploy lock"));
        }
    }
}
