package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dhow app}: the app's containers on the servers. Each subcommand is its own class ({@code App*Command})
 * registered here.
 */
@Command(name = "app", description = "Manage the application.",
        subcommands = {AppBootCommand.class, AppStartCommand.class, AppStopCommand.class, AppLiveCommand.class, AppMaintenanceCommand.class, AppPauseCommand.class, AppResumeCommand.class,
                AppStaleContainersCommand.class, AppRemoveCommand.class,
                AppExecCommand.class, AppLogsCommand.class, AppDetailsCommand.class, AppContainersCommand.class, AppImagesCommand.class,
                AppVersionCommand.class})
public final class AppCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
