package dev.dhow.commands;

import dev.dhow.config.Builder;
import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Local image build commands: buildx builds for Kamal's five targets (local, remote, hybrid, pack, cloud), builder
 * management, and the classic {@code docker build} + {@code docker push} fallback for engines without buildx.
 * Plus the host-side pull and label check. Build secrets are never put in argv: {@code --secret id=NAME} (and
 * pack's bare {@code --env NAME}) read them from the build process environment, see {@link #secretEnvNames()}.
 */
public final class BuilderCommands {
    /** Which builder Kamal would use for this config on this machine. */
    public enum Target { LOCAL, REMOTE, HYBRID, PACK, CLOUD }

    private final Configuration config;
    private final Builder builder;
    private final String localArch;

    /**
     * @param localArch the local docker architecture ({@code docker info --format '{{.Architecture}}'} normalised by
     *                  {@link #normaliseArch}), e.g. {@code amd64}
     */
    public BuilderCommands(Configuration config, String localArch) {
        this.config = config;
        this.builder = config.builder();
        this.localArch = localArch;
    }

    /** {@code aarch64} → {@code arm64}, {@code x86_64} → {@code amd64}, anything else unchanged. */
    public static String normaliseArch(String dockerInfoArchitecture) {
        String a = dockerInfoArchitecture.strip();
        if (a.contains("aarch64")) return "arm64";
        if (a.contains("x86_64")) return "amd64";
        return a;
    }

    /** {@code docker info --format '{{.Architecture}}'}: run locally to learn {@code localArch}. */
    public static Cmd dockerArchitecture() {
        return Cmd.docker("info", "--format", "{{.Architecture}}");
    }

    public List<String> localArches() {
        if (!builder.local()) return List.of();
        if (builder.remote().isPresent()) return builder.arches().stream().filter(localArch::equals).toList();
        return builder.arches();
    }

    public List<String> remoteArches() {
        if (builder.remote().isEmpty()) return List.of();
        List<String> local = localArches();
        return builder.arches().stream().filter(a -> !local.contains(a)).toList();
    }

    private boolean remote() {
        return !remoteArches().isEmpty();
    }

    private boolean local() {
        return builder.local() && (builder.arches().isEmpty() || !localArches().isEmpty());
    }

    public Target target() {
        if (remote()) return local() ? Target.HYBRID : Target.REMOTE;
        if (builder.pack().isPresent()) return Target.PACK;
        if (builder.cloud()) return Target.CLOUD;
        return Target.LOCAL;
    }

    /** {@code local}, {@code remote}, {@code hybrid}, {@code pack} or {@code cloud}, as {@code build details} prints it. */
    public String targetName() {
        return target().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The buildx builder's name; empty for the {@code docker} driver and for pack. */
    public Optional<String> builderName() {
        return switch (target()) {
            case LOCAL -> builder.dockerDriver() ? Optional.empty()
                    : Optional.of((config.registry().local() ? "kamal-local-registry-" : "kamal-local-") + builder.driver());
            case REMOTE -> Optional.of("kamal-remote-" + remoteSuffix());
            case HYBRID -> Optional.of("kamal-hybrid-" + builder.driver() + "-" + remoteSuffix());
            case CLOUD -> Optional.of(builder.driver().replaceAll("[ /]", "-"));
            case PACK -> Optional.empty();
        };
    }

    private String remoteSuffix() {
        String remote = builder.remote().orElseThrow();
        return remote.replaceAll("[^a-z0-9_-]", "-") + (config.registry().local() ? "-local-registry" : "");
    }

    private String name() {
        return builderName().orElseThrow();
    }

    private String contextName() {
        return name() + "-context";
    }

    /** Remote and hybrid builds push from BuildKit directly, so the local {@code docker login} is skipped. */
    public boolean loginToRegistryLocally() {
        return target() != Target.REMOTE && target() != Target.HYBRID;
    }

    /** Extra environment of the push: {@code BUILDKIT_NO_CLIENT_TOKEN=1} for remote and hybrid builds. */
    public Map<String, String> pushEnv() {
        return loginToRegistryLocally() ? Map.of() : Map.of("BUILDKIT_NO_CLIENT_TOKEN", "1");
    }

    /** Secrets whose values must be in the build process environment ({@code builder.secrets}). */
    public List<String> secretEnvNames() {
        return builder.secrets();
    }

    /** {@code ( export K="v" ; <cmd> )}: a command run with extra environment, as SSHKit renders it. */
    public static Cmd withEnv(Map<String, String> env, Cmd cmd) {
        if (env.isEmpty()) return cmd;
        Cmd.Builder line = Cmd.builder().raw("(", "export");
        env.forEach((key, value) -> line.part(Cmd.assignment(key, value, Cmd.Quoting.KAMAL)));
        return line.raw(";").add(cmd).raw(")").build();
    }

    // --- builder management ---

    /** Creates the builder; empty when there is nothing to create (docker driver, pack). */
    public Optional<Cmd> create() {
        return switch (target()) {
            case LOCAL -> builderName().map(n -> Cmd.builder("docker", "buildx", "create", "--name", n).word("--driver=" + builder.driver())
                    .add(driverOptions()).build());
            case REMOTE -> Optional.of(Cmd.chain(createRemoteContext(),
                    Cmd.builder("docker", "buildx", "create", "--name", name()).add(driverOptions()).word(contextName()).build()));
            case HYBRID -> Optional.of(Cmd.and(
                    Cmd.builder("docker", "buildx", "create").add(platform(localArches())).word("--name", name())
                            .word("--driver=" + builder.driver()).add(driverOptions()).build(),
                    createRemoteContext(),
                    Cmd.builder("docker", "buildx", "create").add(platform(remoteArches())).word("--append", "--name", name())
                            .add(driverOptions()).word(contextName()).build()));
            // "cloud org/builder" is two words for buildx, as Kamal's unquoted rendering makes it
            case CLOUD -> Optional.of(Cmd.builder("docker", "buildx", "create", "--driver").words(Shells.words(builder.driver())).build());
            case PACK -> Optional.empty();
        };
    }

    /** Removes the builder (and a remote builder's docker context); empty when there is none. */
    public Optional<Cmd> remove() {
        return switch (target()) {
            case LOCAL -> builderName().map(n -> Cmd.docker("buildx", "rm", n));
            case REMOTE, HYBRID -> Optional.of(Cmd.chain(Cmd.docker("context", "rm", contextName()), Cmd.docker("buildx", "rm", name())));
            case CLOUD -> Optional.of(Cmd.docker("buildx", "rm", name()));
            case PACK -> Optional.empty();
        };
    }

    /**
     * Checks that a compatible builder exists (failure output mentioning {@code no builder}, {@code no compatible
     * builder}, {@code context not found} or {@code does not exist} means: remove and create it); empty when there is
     * nothing to check.
     */
    public Optional<Cmd> inspectBuilder() {
        return switch (target()) {
            case LOCAL -> builderName().map(n -> Cmd.docker("buildx", "inspect", n));
            case CLOUD -> Optional.of(Cmd.docker("buildx", "inspect", name()));
            case PACK -> Optional.of(packInspect());
            case REMOTE, HYBRID -> {
                String remote = builder.remote().orElseThrow();
                Cmd buildx = Cmd.pipe(Cmd.docker("buildx", "inspect", name()), Cmd.builder("grep", "-q")
                        .part(new Cmd.Joined(List.of(new Cmd.Raw("Endpoint:.*"), new Cmd.Word(contextName())))).build());
                Cmd context = Cmd.pipe(Cmd.builder("docker", "context", "inspect", contextName(), "--format").raw("'{{.Endpoints.docker.Host}}'").build(),
                        Cmd.of("grep", "-xq", remote));
                yield Optional.of(Cmd.or(Cmd.and(buildx, context), Cmd.raw("(echo no compatible builder && exit 1)")));
            }
        };
    }

    /** {@code docker context ls && docker buildx ls} ({@code ;} for remote builders), or {@code pack builder inspect …}. */
    public Cmd info() {
        return switch (target()) {
            case PACK -> packInspect();
            case REMOTE, HYBRID -> Cmd.chain(Cmd.docker("context", "ls"), Cmd.docker("buildx", "ls"));
            default -> Cmd.and(Cmd.docker("context", "ls"), Cmd.docker("buildx", "ls"));
        };
    }

    private Cmd packInspect() {
        return Cmd.of("pack", "builder", "inspect", builder.pack().orElseThrow().builder());
    }

    private Cmd createRemoteContext() {
        return Cmd.builder("docker", "context", "create", contextName(), "--description").quoted(name() + " host", Cmd.Quoting.SINGLE)
                .word("--docker").quoted("host=" + builder.remote().orElseThrow(), Cmd.Quoting.SINGLE).build();
    }

    private Cmd driverOptions() {
        return config.registry().local() ? Cmd.of("--driver-opt", "network=host") : Cmd.ofParts(List.of());
    }

    // --- build ---

    /** {@code docker --version && docker buildx version}: fails when Docker or buildx is missing locally. */
    public Cmd ensureDockerInstalled() {
        return Cmd.and(dockerVersion(), buildxVersion());
    }

    /** {@code docker --version}. */
    public Cmd dockerVersion() {
        return Cmd.docker("--version");
    }

    /** {@code docker buildx version}: fails when the buildx plugin is absent (then use {@link #classicBuild}). */
    public Cmd buildxVersion() {
        return Cmd.docker("buildx", "version");
    }

    /**
     * The build-and-push command, run in the build directory with {@link #pushEnv()} and the secrets in the environment.
     *
     * @param output buildx output type: {@code registry} (push) or {@code docker} (load locally, for {@code build dev})
     * @param dirty  tag {@code <image>-dirty} and {@code <latest>-dirty} ({@code build dev})
     */
    public Cmd push(String version, String output, boolean dirty, boolean noCache) {
        if (target() == Target.PACK) return packPush(version, output, dirty, noCache);
        Cmd.Builder line = Cmd.builder("docker", "buildx", "build", "--output=type=" + output).add(platform(builder.arches()));
        if (!builder.dockerDriver()) line.word("--builder", name());
        tags(line, version, dirty);
        buildOptions(line, true);
        if (noCache) line.word("--no-cache");
        return line.word(builder.contextOrDot()).raw("2>&1").build();
    }

    /** The classic build for engines without buildx: {@code docker build -t <image> -t <latest> --label … <context>}. */
    public Cmd classicBuild(String version, boolean noCache) {
        if (!classicBuildPossible()) {
            throw new DhowException("builder/arch: " + String.join(", ", builder.arches())
                    + " needs docker buildx; without it only the local architecture (" + localArch + ") can be built");
        }
        Cmd.Builder line = Cmd.builder("docker", "build");
        tags(line, version, false);
        buildOptions(line, false);
        if (noCache) line.word("--no-cache");
        return line.word(builder.contextOrDot()).build();
    }

    /** Classic builds only work for a single local architecture without a remote builder or pack. */
    public boolean classicBuildPossible() {
        return target() == Target.LOCAL && builder.arches().stream().allMatch(localArch::equals);
    }

    /** {@code docker push <image> && docker push <latest>}: after a classic build. */
    public Cmd pushImages(String version) {
        return Cmd.and(Cmd.docker("push", config.absoluteImage(version)), Cmd.docker("push", config.latestImage()));
    }

    private Cmd packPush(String version, String output, boolean dirty, boolean noCache) {
        Builder.Pack pack = builder.pack().orElseThrow();
        List<String> locals = localArches();
        Cmd.Builder line = Cmd.builder("pack", "build", config.repository(), "--platform", "linux/" + (locals.isEmpty() ? localArch : locals.get(0)),
                "--creation-time", "now", "--builder", pack.builder());
        List<String> buildpacks = new ArrayList<>(pack.buildpacks());
        buildpacks.add("paketo-buildpacks/image-labels");
        for (String bp : buildpacks) line.word("--buildpack", bp);
        tags(line, version, dirty);
        if (noCache) line.word("--clear-cache");
        line.word("--env", "BP_IMAGE_LABELS=service=" + config.service());
        line.argumentize("--env", builder.args());
        // pack takes a value-less --env NAME from its own environment, which keeps secret values out of argv
        for (String secret : builder.secrets()) line.word("--env", secret);
        line.word("--path", builder.contextOrDot());
        Cmd build = line.build();
        return output.equals("registry") ? Cmd.and(build, pushImages(version)) : build;
    }

    private void tags(Cmd.Builder line, String version, boolean dirty) {
        String suffix = dirty ? "-dirty" : "";
        line.word("-t", config.absoluteImage(version) + suffix, "-t", config.latestImage() + suffix);
    }

    private void buildOptions(Cmd.Builder line, boolean buildx) {
        if (buildx) {
            builder.cache().ifPresent(cache -> {
                line.word("--cache-to", cacheTo(cache));
                line.word("--cache-from", cacheFrom(cache));
            });
        }
        line.argumentize("--label", Map.of("service", config.service()));
        // Kamal redacts build args in logs (people pass tokens through them); the build runs locally, so the
        // shell-equivalent K=v form instead of Kamal's K="v" changes nothing on servers.
        builder.args().forEach((key, value) -> line.word("--build-arg").secret(new Sensitive(key + "=" + value), false));
        for (String secret : builder.secrets()) {
            line.word("--secret").part(Cmd.assignment("id", secret, Cmd.Quoting.KAMAL));
        }
        line.word("--file", builder.dockerfile());
        builder.target().filter(t -> !t.isEmpty()).ifPresent(t -> line.word("--target", t));
        // Local shell text by design: Kamal documents `ssh: default=$SSH_AUTH_SOCK`, which the local shell expands.
        builder.ssh().filter(s -> !s.isEmpty()).ifPresent(s -> line.word("--ssh").raw(s));
        if (buildx) {
            builder.provenance().ifPresent(p -> line.word("--provenance", p));
            builder.sbom().ifPresent(s -> line.word("--sbom", String.valueOf(s)));
        }
    }

    private String cacheRef(Builder.Cache cache) {
        return config.registry().prefix(cache.image());
    }

    private String cacheTo(Builder.Cache cache) {
        String base = cache.type().equals("gha") ? "type=gha" : "type=registry,ref=" + cacheRef(cache);
        return base + cache.options().map(o -> "," + o).orElse("");
    }

    private String cacheFrom(Builder.Cache cache) {
        if (cache.type().equals("gha")) {
            String allowed = cache.options().map(o -> java.util.Arrays.stream(o.split(","))
                    .filter(x -> x.matches("^(url|url_v2|token|scope|timeout)=.*")).map(x -> "," + x).collect(Collectors.joining()))
                    .orElse("");
            return "type=gha" + allowed;
        }
        return "type=registry,ref=" + cacheRef(cache);
    }

    private Cmd platform(List<String> arches) {
        if (arches.isEmpty()) return Cmd.ofParts(List.of());
        return Cmd.of("--platform", arches.stream().map(a -> "linux/" + a).collect(Collectors.joining(",")));
    }

    // --- on the hosts ---

    /** {@code docker image rm --force <image>}: before a pull, so a re-pushed tag is fetched again. */
    public Cmd clean(String version) {
        return Cmd.docker("image", "rm", "--force", config.absoluteImage(version));
    }

    /** {@code docker pull <image>}. */
    public Cmd pull(String version) {
        return Cmd.docker("pull", config.absoluteImage(version));
    }

    /**
     * Fails unless the image carries the {@code service} label of this service. Kamal runs the pull and this
     * check as two commands; dhow sends {@code docker pull … && <check>} in one round trip, so the check is a
     * braced group: without it the shell would read {@code pull && inspect | grep || echo} as
     * {@code (pull && inspect | grep) || echo}, and a failed pull would end in "missing the 'service' label".
     */
    public Cmd validateImage(String version) {
        String image = config.absoluteImage(version);
        return Cmd.raw("{").append(Cmd.pipe(Cmd.builder("docker", "inspect", "-f").raw("'{{ .Config.Labels.service }}'").word(image).build(),
                Cmd.or(Cmd.of("grep", "-x", config.service()),
                        Cmd.builder().raw("(echo").quoted("Image " + image + " is missing the 'service' label", Cmd.Quoting.DOUBLE)
                                .raw("&&", "exit 1);").build()))).appendRaw("}");
    }

    /** {@code docker info --format '{{index .RegistryConfig.Mirrors 0}}'}: the host's first registry mirror, if any. */
    public Cmd firstMirror() {
        return Cmd.builder("docker", "info").raw("--format '{{index .RegistryConfig.Mirrors 0}}'").build();
    }

    /**
     * {@code login}, then (only once it succeeded) {@link #firstMirror} in the same round trip. The command's status
     * is the login's: a host without a mirror makes docker's template fail, which here only means "no mirror".
     */
    public Cmd loginAndFirstMirror(Cmd login) {
        return Cmd.and(login, Cmd.raw("{").append(firstMirror()).appendRaw("2> /dev/null || true; }"));
    }

    /** The mirror in the output of {@link #loginAndFirstMirror} or {@link #firstMirror}; empty when there is none. */
    public static String mirrorIn(String output) {
        List<String> lines = output.strip().lines().map(String::strip).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.equals("Login Succeeded") || last.startsWith("<no value>") ? "" : last;
    }
}
