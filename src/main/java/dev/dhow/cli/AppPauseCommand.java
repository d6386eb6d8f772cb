package dev.dhow.cli;

import dev.dhow.config.DhowSettings;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AppControl;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow app pause}: kamal-proxy holds new requests (in flight ones finish) until {@code dhow app resume}. */
@Command(name = "pause", description = "Hold the app's requests in kamal-proxy (e.g. around a migration) until 'app resume'.")
final class AppPauseCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"--drain-timeout", "--drain_timeout"}, paramLabel = "DURATION", description = "How long requests in flight may take to finish (30s, 2m or seconds; kamal-proxy's default: 30s).")
    String drainTimeout;

    @Option(names = {"--max-pause", "--max_pause"}, paramLabel = "DURATION", description = "How long a request is held before kamal-proxy gives up on it with 504 (kamal-proxy's default: 30s).")
    String maxPause;

    @Override
    public Integer call() {
        Optional<String> drain = goDuration("--drain-timeout", drainTimeout);
        Optional<String> max = goDuration("--max-pause", maxPause);
        return Crews.run(spec, crew -> new AppControl(crew).pause(drain, max));
    }

    /** A duration as kamal-proxy's flags take it ({@code 30s}, {@code 500ms}). */
    static Optional<String> goDuration(String option, String value) {
        if (value == null) return Optional.empty();
        Duration d = DhowSettings.parseDuration(value).orElseThrow(() -> new DhowException(ExitCode.USAGE,
                option + ": should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0, not '" + value + "'"));
        return Optional.of(d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms");
    }
}
