package dev.dhow.cli;

import dev.dhow.config.DhowSettings;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import java.time.Duration;
import dev.dhow.deploy.AccessoryFlows;
import dev.dhow.deploy.Crew;
import dev.dhow.deploy.Deployer;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The top-level deploy flows: {@code setup}, {@code deploy}, {@code redeploy}, {@code rollback}, {@code remove}. */
final class FlowCommands {
    private FlowCommands() {}

    /** Options shared by the commands that build and deliver the image. */
    static final class BuildOptions {
        @Option(names = {"-P", "--skip-push", "--skip_push"}, description = "Skip image build and push (pull the already pushed version).")
        boolean skipPush;

        @Option(names = {"--no-cache", "--no_cache"}, description = "Build without using Docker's build cache.")
        boolean noCache;
    }

    /** {@code --canary[=N]}, {@code --soak}, {@code --no-canary}: over the {@code x-dhow: canary:} settings. */
    static final class CanaryOptions {
        @Option(names = "--canary", arity = "0..1", fallbackValue = "0", paramLabel = "N",
                description = "Boot the new version on N hosts of each role first (default: x-dhow canary hosts, else 1), verify it for the soak, "
                        + "then deploy the rest; put the canary hosts back if a check fails.")
        Integer canary;

        @Option(names = "--soak", paramLabel = "DURATION", description = "How long to verify the canary hosts (30s, 2m, or seconds; default: x-dhow canary soak, else 30s).")
        String soak;

        @Option(names = "--no-canary", description = "Deploy without canary hosts, even when x-dhow canary is set.")
        boolean noCanary;

        /** The canary of this run: the options over the configured one; empty for a plain deploy. */
        Optional<DhowSettings.Canary> resolve(Crew crew) {
            Optional<DhowSettings.Canary> configured = crew.config().dhow().canary();
            if (noCanary) return Optional.empty();
            if (canary == null && soak == null && configured.isEmpty()) return Optional.empty();
            DhowSettings.Canary base = configured.orElse(DhowSettings.Canary.DEFAULT);
            int hosts = canary == null || canary == 0 ? base.hosts() : canary;
            if (canary != null && canary < 0) throw new DhowException(ExitCode.USAGE, "--canary: should be a number of hosts of at least 1, not " + canary);
            Duration soakTime = soak == null ? base.soak() : DhowSettings.parseDuration(soak).orElseThrow(() -> new DhowException(ExitCode.USAGE,
                    "--soak: should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0, not '" + soak + "'"));
            return Optional.of(new DhowSettings.Canary(hosts, soakTime, base.interval().compareTo(soakTime) > 0 ? soakTime : base.interval()));
        }
    }

    static Deployer deployer(Crew crew) {
        return new Deployer(crew, new AccessoryFlows(crew));
    }

    @Command(name = "setup", description = "Set up the servers (Docker, accessories) and deploy the app.")
    static final class Setup implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin BuildOptions build;

        @Override
        public Integer call() {
            return Crews.withRelease(spec, (crew, release) -> deployer(crew).setup(release, build.skipPush, build.noCache));
        }
    }

    @Command(name = "deploy", description = "Build, push and deploy the app to the servers with zero downtime.")
    static final class Deploy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin BuildOptions build;
        @picocli.CommandLine.Mixin CanaryOptions canary;

        @Option(names = "--plan", description = "First show what the deploy would change on each host (as dhow plan), and ask before going on.")
        boolean plan;

        @Option(names = {"-y", "--confirmed"}, description = "With --plan: go on without asking.")
        boolean confirmed;

        @Override
        public Integer call() {
            // Checked before anything runs, so a CI job without -y fails at once rather than after the plan.
            if (plan && !confirmed && System.console() == null) {
                throw new dev.dhow.core.DhowException("dhow deploy --plan asks before deploying, and there is no terminal to ask on: pass -y to deploy without asking");
            }
            return Crews.withRelease(spec, (crew, release) -> {
                if (plan) {
                    PlanCommand.show(spec, crew, release);
                    if (!confirmed && !Confirm.askOnTerminal(spec, "Deploy " + release.version() + "?")) {
                        throw new dev.dhow.core.DhowException("Aborted: nothing was deployed");
                    }
                }
                deployer(crew).deploy(release, build.skipPush, build.noCache, canary.resolve(crew));
            });
        }
    }

    @Command(name = "redeploy", description = "Deploy without booting kamal-proxy or pruning (faster for repeat deploys).")
    static final class Redeploy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin BuildOptions build;
        @picocli.CommandLine.Mixin CanaryOptions canary;

        @Override
        public Integer call() {
            return Crews.withRelease(spec, (crew, release) -> deployer(crew).redeploy(release, build.skipPush, build.noCache, canary.resolve(crew)));
        }
    }

    @Command(name = "rollback", description = "Roll back to VERSION (default: the newest earlier version still on every host).")
    static final class Rollback implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "VERSION", description = "A version whose containers are still on the hosts.")
        String version;

        @Override
        public Integer call() {
            return Crews.run(spec, crew -> deployer(crew).rollback(Optional.ofNullable(version)));
        }
    }

    @Command(name = "remove", description = "Remove the app, kamal-proxy, accessories and registry logins from the servers.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
        boolean confirmed;

        @Override
        public Integer call() {
            if (!confirmed && !Confirm.ask(spec, "This will remove all containers and images. Are you sure?")) return ExitCode.FAILURE;
            return Crews.run(spec, crew -> deployer(crew).remove());
        }
    }
}
