package dev.dhow.cli;

import dev.dhow.deploy.AppControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow app start}: Start existing app containers on servers (and hand them to kamal-proxy). */
@Command(name = "start", description = "Start existing app containers on servers (and hand them to kamal-proxy).")
final class AppStartCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Crews.withRelease(spec, (crew, release) -> new AppControl(crew).start(release));
    }
}
