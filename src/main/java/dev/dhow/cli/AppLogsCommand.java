package dev.dhow.cli;

import dev.dhow.commands.AppCommands;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AppInspection;
import dev.dhow.deploy.Crew;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow app logs}: log lines of the app's current containers, or ({@code -f}) their live logs from every host at once. */
@Command(name = "logs", description = "Show log lines from the app on the servers.")
final class AppLogsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = {"-s", "--since"}, description = "Lines since a timestamp (2013-01-02T13:23:37Z) or a duration (42m).") String since;
    @Option(names = {"-n", "--lines"}, description = "Lines per server (default 100; 10 with --follow).") Integer lines;
    @Option(names = {"-g", "--grep"}, description = "Only lines matching (e.g. a request id).") String grep;
    @Option(names = {"--grep-options", "--grep_options"}, description = "Extra options for grep.") String grepOptions;
    @Option(names = {"-f", "--follow"}, description = "Follow the logs of every selected host at once, lines prefixed [host] (primary role unless -r).") boolean follow;
    @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"}, description = "No timestamps.") boolean skipTimestamps;
    @Option(names = {"--container-id", "--container_id"}, description = "The Docker container to show the log of.") String containerId;

    @Override
    public Integer call() {
        AppCommands.LogOptions options = new AppCommands.LogOptions(!skipTimestamps, Optional.ofNullable(since), Optional.ofNullable(lines),
                Optional.ofNullable(grep), Optional.ofNullable(grepOptions), Optional.ofNullable(containerId));
        if (follow) return Crews.follow(spec, crew -> new AppInspection(crew).followLogs(options));
        return Crews.run(spec, crew -> new AppInspection(crew).logs(options));
    }
}
