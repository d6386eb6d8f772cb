package dev.dhow.cli;

import dev.dhow.commands.ProxyCommands;
import dev.dhow.config.ProxyRun;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Proxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhow proxy …}: kamal-proxy on the servers. */
@Command(name = "proxy", description = "Manage kamal-proxy on the servers.",
        subcommands = {ProxyCommand.Boot.class, ProxyCommand.Reboot.class, ProxyCommand.Upgrade.class, ProxyCommand.Start.class,
                ProxyCommand.Stop.class, ProxyCommand.Restart.class, ProxyCommand.Details.class, ProxyCommand.Logs.class,
                ProxyCommand.Remove.class, ProxyCommand.BootConfig.class})
public final class ProxyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static int with(CommandSpec spec, Consumer<Proxies> work) {
        return Crews.run(spec, crew -> work.accept(new Proxies(crew)));
    }

    @Command(name = "boot", description = "Boot kamal-proxy on the servers.")
    static final class Boot implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Proxies::boot); }
    }

    @Command(name = "reboot", description = "Reboot kamal-proxy (stop, remove, run); routes come back from its state.")
    static final class Reboot implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--rolling", description = "One host at a time.") boolean rolling;
        @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.") boolean confirmed;

        @Override
        public Integer call() {
            if (!confirmed && !Confirm.ask(spec, "This will cause a brief outage on each host. Are you sure?")) return ExitCode.FAILURE;
            return with(spec, p -> p.reboot(rolling));
        }
    }

    @Command(name = "upgrade", hidden = true, description = "Replace Traefik (Kamal 1) with kamal-proxy and reboot the app.")
    static final class Upgrade implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--rolling", description = "One host at a time.") boolean rolling;
        @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.") boolean confirmed;

        @Override
        public Integer call() {
            if (!confirmed && !Confirm.ask(spec, "This will cause a brief outage on each host. Are you sure?")) return ExitCode.FAILURE;
            return with(spec, p -> p.upgrade(rolling));
        }
    }

    @Command(name = "start", description = "Start the existing kamal-proxy container.")
    static final class Start implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Proxies::start); }
    }

    @Command(name = "stop", description = "Stop the kamal-proxy container.")
    static final class Stop implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Proxies::stop); }
    }

    @Command(name = "restart", description = "Restart the kamal-proxy container.")
    static final class Restart implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Proxies::restart); }
    }

    @Command(name = "details", description = "Show the kamal-proxy container on each server.")
    static final class Details implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Proxies::details); }
    }

    @Command(name = "logs", description = "Show kamal-proxy log lines from the servers.")
    static final class Logs implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-s", "--since"}, description = "Lines since a timestamp or a duration (42m).") String since;
        @Option(names = {"-n", "--lines"}, description = "Lines per server (default 100).") Integer lines;
        @Option(names = {"-g", "--grep"}, description = "Only lines matching.") String grep;
        @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"}, description = "No timestamps.") boolean skipTimestamps;
        @Option(names = {"-f", "--follow"}, description = "Follow the log of every selected proxy host at once, lines prefixed [host].") boolean follow;

        @Override
        public Integer call() {
            if (follow) {
                return Crews.follow(spec, crew -> new dev.dhow.deploy.ProxyLogs(crew).follow(!skipTimestamps, Optional.ofNullable(grep), Optional.empty()));
            }
            return with(spec, p -> p.logs(!skipTimestamps, Optional.ofNullable(since), Optional.ofNullable(lines), Optional.ofNullable(grep)));
        }
    }

    @Command(name = "remove", description = "Remove kamal-proxy (unless other apps use it) from the servers.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--force", description = "Remove even when other apps are installed.") boolean force;

        @Override public Integer call() { return with(spec, p -> p.remove(force)); }
    }

    @Command(name = "boot_config", aliases = "boot-config", description = "Deprecated: manage the legacy kamal-proxy boot files (set|get|reset).")
    static final class BootConfig implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "set|get|reset") String action;
        @Option(names = "--publish", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Publish the proxy ports.") boolean publish;
        @Option(names = {"--publish-host-ip", "--publish_host_ip"}, description = "Host IP to bind to (repeatable).") List<String> publishHostIps = new ArrayList<>();
        @Option(names = {"--http-port", "--http_port"}, defaultValue = "80") int httpPort;
        @Option(names = {"--https-port", "--https_port"}, defaultValue = "443") int httpsPort;
        @Option(names = {"--log-max-size", "--log_max_size"}, defaultValue = ProxyRun.DEFAULT_LOG_MAX_SIZE) String logMaxSize;
        @Option(names = "--registry") String registry;
        @Option(names = "--repository") String repository;
        @Option(names = {"--image-version", "--image_version"}) String imageVersion;
        @Option(names = {"--metrics-port", "--metrics_port"}) Integer metricsPort;
        @Option(names = "--debug") boolean debug;
        @Option(names = {"--docker-options", "--docker_options"}, arity = "1..*") List<String> dockerOptions = new ArrayList<>();

        @Override
        public Integer call() {
            return with(spec, p -> {
                switch (action) {
                    case "set" -> p.bootConfigSet(new ProxyCommands.BootConfigOptions(publish, publishHostIps, httpPort, httpsPort,
                            logMaxSize, Optional.ofNullable(registry), Optional.ofNullable(repository), Optional.ofNullable(imageVersion),
                            Optional.ofNullable(metricsPort), debug, dockerOptions));
                    case "get" -> p.bootConfigGet();
                    case "reset" -> p.bootConfigReset();
                    default -> throw new DhowException("Unknown boot_config subcommand " + action);
                }
            });
        }
    }
}
