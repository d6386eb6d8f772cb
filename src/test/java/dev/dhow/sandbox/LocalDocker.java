package dev.dhow.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Docker CLI of the machine that builds (the outer engine), with the classic builder. */
public final class LocalDocker {
    private final Path workDir;

    public LocalDocker(Path workDir) {
        this.workDir = workDir;
    }

    public CommandResult run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("docker");
        argv.addAll(List.of(args));
        // docker.io 20.10 has no buildx; the classic builder is what the sandbox has.
        return Processes.run(argv, workDir, Map.of("DOCKER_BUILDKIT", "0"), Duration.ofMinutes(10));
    }

    /** Builds {@code context} as {@code ref} and pushes it; returns {@code ref}. */
    public String buildAndPush(String context, String ref) {
        run("build", "-t", ref, context).orThrow();
        run("push", ref).orThrow();
        return ref;
    }
}
