package dev.dhow.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code builder:} section. Defaults (Kamal): local builds on, dockerfile {@code Dockerfile}, driver
 * {@code docker-container}, no context (= build a clean git clone), cache image {@code <image>-build-cache}.
 *
 * @param arches  {@code arch}, always a list ({@code amd64} → [amd64])
 * @param context empty = git-clone build; {@code "."} = the working directory
 */
public record Builder(
        List<String> arches,
        Optional<String> remote,
        boolean local,
        Optional<Pack> pack,
        Optional<Cache> cache,
        Optional<String> context,
        String dockerfile,
        Optional<String> target,
        Map<String, String> args,
        List<String> secrets,
        Optional<String> ssh,
        String driver,
        Optional<String> provenance,
        Optional<Boolean> sbom) {

    public static final String DEFAULT_DRIVER = "docker-container";
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    public Builder {
        arches = List.copyOf(arches);
        args = Maps.copy(args);
        secrets = List.copyOf(secrets);
    }

    /** Build context directory to pass to docker: the configured one or {@code "."}. */
    public String contextOrDot() {
        return context.orElse(".");
    }

    public boolean cloud() {
        return driver.startsWith("cloud");
    }

    public boolean dockerDriver() {
        return driver.equals("docker");
    }

    /** {@code pack:} Cloud Native Buildpacks settings. */
    public record Pack(String builder, List<String> buildpacks) {
        public Pack {
            buildpacks = List.copyOf(buildpacks);
        }
    }

    /**
     * {@code cache:}; {@code type} is {@code gha} or {@code registry}.
     * @param image cache image name, already defaulted to {@code <image>-build-cache}
     */
    public record Cache(String type, Optional<String> options, String image) {}
}
