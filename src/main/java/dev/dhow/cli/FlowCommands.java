package dev.dhow.cli;

import dev.dhow.core.ExitCode;
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
                deployer(crew).deploy(release, build.skipPush, build.noCache);
            });
        }
    }

    @Command(name = "redeploy", description = "Deploy without booting kamal-proxy or pruning (faster for repeat deploys).")
    static final class Redeploy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin BuildOptions build;

        @Override
        public Integer call() {
            return Crews.withRelease(spec, (crew, release) -> deployer(crew).redeploy(release, build.skipPush, build.noCache));
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
