package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AppBoot;
import dev.dhow.deploy.Release;
import dev.dhow.deploy.Crew;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app boot}: boots {@code --version} (default: the {@code latest} tag) on the servers, or reboots it. */
@Command(name = "boot", description = "Boot the app on servers (or reboot it if already running).")
final class AppBootCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (ConfigContext.of(spec).global().appVersion() != null) return Crews.withRelease(spec, (crew, release) -> new AppBoot(crew).boot(release));
        return Crews.run(spec, crew -> {
            crew.console().info("Get most recent version available as an image...");
            new AppBoot(crew).boot(new Release(crew.config().latestTag()));
        });
    }
}
