package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Images;
import dev.dhow.deploy.Release;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow build push|pull|deliver|create|remove|details|dev}. */
@Command(name = "build", description = "Build the app image and deliver it to the servers.",
        subcommands = {BuildCommand.Deliver.class, BuildCommand.Push.class, BuildCommand.Pull.class, BuildCommand.Create.class,
                BuildCommand.Remove.class, BuildCommand.Details.class, BuildCommand.Dev.class})
public final class BuildCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static int with(CommandSpec spec, Consumer<Images> work) {
        return Crews.run(spec, crew -> work.accept(new Images(crew)));
    }

    static int withRelease(CommandSpec spec, java.util.function.BiConsumer<Images, Release> work) {
        return Crews.withRelease(spec, (crew, release) -> work.accept(new Images(crew), release));
    }

    @Command(name = "deliver", description = "Build and push the image, then pull it on the servers.")
    static final class Deliver implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"--no-cache", "--no_cache"}, description = "Build without using Docker's build cache.") boolean noCache;

        @Override public Integer call() { return withRelease(spec, (i, release) -> i.deliver(release, noCache)); }
    }

    @Command(name = "push", description = "Build and push the image (buildx when installed, else docker build + docker push).")
    static final class Push implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--output", defaultValue = "registry", description = "buildx output type (default: registry).") String output;
        @Option(names = {"--no-cache", "--no_cache"}, description = "Build without using Docker's build cache.") boolean noCache;

        @Override public Integer call() { return withRelease(spec, (i, release) -> i.push(release, output, noCache)); }
    }

    @Command(name = "pull", description = "Pull the image on the servers and check its service label.")
    static final class Pull implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return withRelease(spec, Images::pull); }
    }

    @Command(name = "create", description = "Create the buildx builder.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Images::createBuilder); }
    }

    @Command(name = "remove", description = "Remove the buildx builder.")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Images::removeBuilder); }
    }

    @Command(name = "details", description = "Show the builder in use.")
    static final class Details implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() { return with(spec, Images::details); }
    }

    @Command(name = "dev", description = "Build the working tree into the local image store, tagged -dirty.")
    static final class Dev implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--output", defaultValue = "docker", description = "buildx output type (default: docker).") String output;
        @Option(names = {"--no-cache", "--no_cache"}, description = "Build without using Docker's build cache.") boolean noCache;

        @Override public Integer call() { return withRelease(spec, (i, release) -> i.dev(release, output, noCache)); }
    }
}
