package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.AccessoryFlows;
import dev.dhow.deploy.Crew;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhow accessory …}: accessories (databases, caches, search…) on their hosts. */
@Command(name = "accessory", description = "Manage accessories (db/redis/search).",
        subcommands = {AccessoryCommand.Boot.class, AccessoryCommand.Reboot.class, AccessoryCommand.Start.class, AccessoryCommand.Stop.class,
                AccessoryCommand.Restart.class, AccessoryCommand.Details.class, AccessoryCommand.Exec.class, AccessoryCommand.Logs.class,
                AccessoryCommand.Remove.class, AccessoryCommand.Upgrade.class, AccessoryCommand.Upload.class, AccessoryCommand.Directories.class,
                AccessoryCommand.PullImage.class, AccessoryCommand.RemoveContainer.class, AccessoryCommand.RemoveImage.class,
                AccessoryCommand.RemoveServiceDirectory.class})
public final class AccessoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static int with(CommandSpec spec, Consumer<AccessoryFlows> work) {
        return Crews.run(spec, crew -> work.accept(new AccessoryFlows(crew)));
    }

    /**
     * Asks a y/N question on the terminal. Without a terminal there is nobody to answer, so the answer is no
     * (rather than waiting on a stdin that may never be written to).
     */

    @Command(name = "boot", description = "Boot a new accessory service on its hosts (use NAME=all to boot all accessories).")
    static final class Boot implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.boot(name)); }
    }

    @Command(name = "reboot", description = "Reboot an existing accessory (pull, stop, remove the container, boot; data directories stay; NAME=all for all).")
    static final class Reboot implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.reboot(name)); }
    }

    @Command(name = "start", description = "Start the existing accessory container on its hosts.")
    static final class Start implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.start(name)); }
    }

    @Command(name = "stop", description = "Stop the accessory container on its hosts.")
    static final class Stop implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.stop(name)); }
    }

    @Command(name = "restart", description = "Restart the accessory container on its hosts.")
    static final class Restart implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.restart(name)); }
    }

    @Command(name = "details", description = "Show the accessory's containers on its hosts (use NAME=all for all accessories).")
    static final class Details implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.details(name)); }
    }

    @Command(name = "exec", description = "Run a command in a new container of the accessory's image (or in the running one with --reuse).")
    static final class Exec implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-i", "--interactive"}, description = "Run interactively through a terminal on the accessory's first host (console, shell).") boolean interactive;
        @Option(names = "--reuse", description = "Run in the running accessory container instead of a new one.") boolean reuse;
        @Option(names = "--raw", description = "Output raw, unmodified stdout (no host headers).") boolean raw;
        @Parameters(index = "0", paramLabel = "NAME", description = "The accessory.") String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command (words are joined with spaces and run by the container's shell).") List<String> words;

        @Override
        public Integer call() {
            String command = String.join(" ", words.stream().map(String::strip).toList());
            return Crews.call(spec, raw, crew -> {
                AccessoryFlows flows = new AccessoryFlows(crew);
                if (!interactive) return flows.exec(name, command, new AccessoryFlows.ExecOptions(false, reuse, raw), System.in, System.out, false);
                boolean tty = Crews.requireTerminal(spec, "dhow accessory exec -i");
                try (Terminal terminal = Terminal.raw()) {
                    return flows.exec(name, command, new AccessoryFlows.ExecOptions(true, reuse, false), System.in, System.out, tty);
                }
            });
        }
    }

    @Command(name = "logs", description = "Show log lines from the accessory on its hosts.")
    static final class Logs implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory.") String name;
        @Option(names = {"-s", "--since"}, description = "Lines since a timestamp (2013-01-02T13:23:37Z) or a duration (42m).") String since;
        @Option(names = {"-n", "--lines"}, description = "Lines per server (default 100).") Integer lines;
        @Option(names = {"-g", "--grep"}, description = "Only lines matching (e.g. a request id).") String grep;
        @Option(names = {"--grep-options", "--grep_options"}, description = "Extra options for grep.") String grepOptions;
        @Option(names = {"-f", "--follow"}, description = "Follow the log on every selected host of the accessory, lines prefixed [host].") boolean follow;
        @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"}, description = "No timestamps.") boolean skipTimestamps;

        @Override
        public Integer call() {
            if (follow) {
                return Crews.follow(spec, crew -> new AccessoryFlows(crew).followLogs(name, !skipTimestamps, Optional.ofNullable(grep), Optional.ofNullable(grepOptions)));
            }
            return with(spec, a -> {
                a.logs(name, !skipTimestamps, Optional.ofNullable(since), Optional.ofNullable(lines), Optional.ofNullable(grep), Optional.ofNullable(grepOptions));
            });
        }
    }

    @Command(name = "remove", description = "Remove the accessory's container, image and data directory from its hosts (NAME=all for all).")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;
        @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.") boolean confirmed;

        @Override
        public Integer call() {
            if (!confirmed && !Confirm.askOnTerminal(spec, "This will remove all containers, images and data directories for " + name + ". Are you sure?")) {
                return ExitCode.FAILURE;
            }
            return with(spec, a -> a.remove(name));
        }
    }

    @Command(name = "upgrade", description = "Upgrade accessories from Kamal 1.x to 2.0 (reboot them into the kamal network).")
    static final class Upgrade implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;
        @Option(names = "--rolling", description = "One host at a time.") boolean rolling;
        @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.") boolean confirmed;

        @Override
        public Integer call() {
            if (!confirmed && !Confirm.askOnTerminal(spec, "This will restart all accessories")) {
                return ExitCode.FAILURE;
            }
            return with(spec, a -> a.upgrade(name, rolling));
        }
    }

    @Command(name = "upload", hidden = true, description = "Upload the accessory's files to its hosts.")
    static final class Upload implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.upload(name)); }
    }

    @Command(name = "directories", hidden = true, description = "Create the accessory's directories on its hosts.")
    static final class Directories implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.directories(name)); }
    }

    @Command(name = "pull_image", aliases = "pull-image", hidden = true, description = "Pull the accessory's image on its hosts.")
    static final class PullImage implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.pullImage(name)); }
    }

    @Command(name = "remove_container", aliases = "remove-container", hidden = true, description = "Remove the accessory's container from its hosts.")
    static final class RemoveContainer implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.removeContainer(name)); }
    }

    @Command(name = "remove_image", aliases = "remove-image", hidden = true, description = "Remove the accessory's image from its hosts.")
    static final class RemoveImage implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.removeImage(name)); }
    }

    @Command(name = "remove_service_directory", aliases = "remove-service-directory", hidden = true,
            description = "Remove the accessory's directory of uploaded files and data from its hosts.")
    static final class RemoveServiceDirectory implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The accessory, or all.") String name;

        @Override public Integer call() { return with(spec, a -> a.removeServiceDirectory(name)); }
    }
}
