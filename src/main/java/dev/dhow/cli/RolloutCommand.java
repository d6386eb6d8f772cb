package dev.dhow.cli;

import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Rollouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dhow rollout start|set|promote|abort|status}: a new version beside the running one, reached through
 * kamal-proxy's {@code kamal-rollout} cookie split, then promoted or aborted.
 */
@Command(name = "rollout", description = "Send part of the traffic to a new version through kamal-proxy, then promote or abort it.",
        subcommands = {RolloutCommand.Start.class, RolloutCommand.Set.class, RolloutCommand.Promote.class, RolloutCommand.Abort.class,
                RolloutCommand.Status.class})
public final class RolloutCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** {@code --percent N} and {@code --list A,B}. */
    static final class SplitOptions {
        @Option(names = "--percent", paramLabel = "N", description = "Send the requests whose kamal-rollout cookie hashes into the first N%% (0-100) to the new version.")
        Integer percent;

        @Option(names = "--list", paramLabel = "A,B", split = ",", description = "Send the requests whose kamal-rollout cookie is one of these values to the new version.")
        List<String> list;

        Rollouts.Split split(boolean required) {
            if (percent != null && (percent < 0 || percent > 100)) {
                throw new DhowException(ExitCode.USAGE, "--percent: should be a whole number from 0 to 100, not " + percent);
            }
            List<String> values = new ArrayList<>();
            if (list != null) for (String v : list) if (!v.isBlank()) values.add(v.strip());
            if (required && percent == null && values.isEmpty()) {
                throw new DhowException(ExitCode.USAGE, "Give the split: --percent N, --list A,B, or both");
            }
            return new Rollouts.Split(Optional.ofNullable(percent).or(() -> values.isEmpty() ? Optional.of(0) : Optional.empty()), values);
        }
    }

    @Command(name = "start", description = "Build and push the version (--version, else git; -P to skip), boot it beside the running one on every proxied host and set the split (default: none).")
    static final class Start implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin SplitOptions split;
        @picocli.CommandLine.Mixin FlowCommands.BuildOptions build;

        @Override
        public Integer call() {
            Rollouts.Split s = split.split(false);
            return Crews.withRelease(spec, (crew, release) -> new Rollouts(crew).start(release, s, build.skipPush, build.noCache));
        }
    }

    @Command(name = "set", description = "Move the split of the rollout in progress.")
    static final class Set implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin SplitOptions split;

        @Override
        public Integer call() {
            Rollouts.Split s = split.split(true);
            return Crews.run(spec, crew -> new Rollouts(crew).set(s));
        }
    }

    @Command(name = "promote", description = "Make the rollout version the main one everywhere (zero downtime), end the split, stop the old version.")
    static final class Promote implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> new Rollouts(crew).promote());
        }
    }

    @Command(name = "abort", description = "End the split and remove the rollout version's containers.")
    static final class Abort implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> new Rollouts(crew).abort());
        }
    }

    @Command(name = "status", description = "Show per host the main version, the rollout version and the split.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return Crews.follow(spec, crew -> new Rollouts(crew).status());
        }
    }
}
