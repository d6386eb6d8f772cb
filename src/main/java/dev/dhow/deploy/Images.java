package dev.dhow.deploy;

import dev.dhow.commands.BuilderCommands;
import dev.dhow.commands.GitCloneCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dhow build …}: builds the image on this machine and pushes it (docker buildx when installed, else the
 * classic {@code docker build} + {@code docker push} for the local architecture), and pulls it on the app hosts.
 * Git-clone builds build the committed tree from a clone, as Kamal does.
 */
public final class Images {
    private static final String LOCAL = "local";

    private final Crew crew;
    private String localArch;
    private Boolean buildx;

    public Images(Crew crew) {
        this.crew = crew;
    }

    /** {@code build deliver}: push, then pull. */
    public void deliver(Release release, boolean noCache) {
        push(release, "registry", noCache);
        pull(release);
    }

    /** {@code build push}: builds {@code release} and pushes it (or, for {@code --output docker}, loads it). */
    public void push(Release release, String output, boolean noCache) {
        crew.hooks().preConnect();
        String version = release.version();
        boolean withBuildx = ensureDocker();
        BuilderCommands builder = builder();
        Registries registries = new Registries(crew);
        boolean remoteBuilder = builder.target() == BuilderCommands.Target.REMOTE || builder.target() == BuilderCommands.Target.HYBRID;
        if (crew.config().registry().local() && remoteBuilder && withBuildx) {
            // Kamal tunnels the remote builder host back to the local registry; dhow does not do that yet.
            throw new DhowException("builder/remote: a remote builder cannot push to the local registry (registry/server: "
                    + crew.config().registry().server().orElse("") + ") with dhow yet; build locally or use a remote registry");
        }
        if (crew.config().registry().local()) {
            registries.startLocal();
        } else if (builder.loginToRegistryLocally() && output.equals("registry")) {
            registries.login().ifPresent(login -> crew.local().run(LOCAL, login));
        }
        crew.hooks().run("pre-build", false, release);

        String buildDirectory = buildDirectory();
        Hosts local = crew.local().withEnvironment(buildSecrets(builder));
        crew.console().info("Building " + crew.config().absoluteImage(version) + "...");
        if (withBuildx) {
            ensureBuilder(builder);
            Cmd push = BuilderCommands.withEnv(builder.pushEnv(), builder.push(version, output, false, noCache));
            run(local, inDirectory(buildDirectory, push), "Building the image failed");
        } else {
            run(local, inDirectory(buildDirectory, builder.classicBuild(version, noCache)), "Building the image failed");
            if (output.equals("registry")) run(local, builder.pushImages(version), "Pushing the image failed");
        }
    }

    /** {@code build dev}: builds the working tree (no clone) into the local image store, tagged {@code -dirty}. */
    public void dev(Release release, String output, boolean noCache) {
        String version = release.version();
        boolean withBuildx = ensureDocker();
        BuilderCommands builder = builder();
        Hosts local = crew.local().withEnvironment(buildSecrets(builder));
        if (withBuildx) {
            ensureBuilder(builder);
            run(local, builder.push(version, output, true, noCache), "Building the image failed");
        } else {
            run(local, builder.classicBuild(version, noCache), "Building the image failed");
            run(local, Cmd.docker("tag", crew.config().absoluteImage(version), crew.config().absoluteImage(version) + "-dirty"), "Tagging failed");
        }
    }

    /** {@code build pull}: on every selected app host, pull the version and check its {@code service} label. */
    public void pull(Release release) {
        String version = release.version();
        List<String> hosts = crew.targets().appHosts();
        if (hosts.isEmpty()) return;
        // The host-side commands do not depend on the local architecture, so don't ask docker for it.
        BuilderCommands builder = new BuilderCommands(crew.config(), "amd64");
        Registries registries = new Registries(crew);
        crew.console().info("Pulling " + crew.config().absoluteImage(version) + " on " + String.join(", ", hosts) + "...");
        registries.withTunnels(hosts, () -> {
            // As Kamal, the first host behind each registry mirror pulls first (to seed it) when there are several
            // hosts; the mirror query rides on the login's round trip.
            boolean seedMirrors = hosts.size() > 1;
            Fleet.Results<String> loggedIn = crew.hosts().each(hosts, host -> {
                Optional<Cmd> login = registries.login().filter(l -> !crew.hosts().ranOnce(host, l));
                if (login.isPresent() && seedMirrors) {
                    return BuilderCommands.mirrorIn(crew.hosts().runIncluding(host, login.get(), builder.loginAndFirstMirror(login.get())).stdout());
                }
                login.ifPresent(l -> crew.hosts().runOnce(host, l));
                return seedMirrors ? BuilderCommands.mirrorIn(crew.hosts().capture(host, builder.firstMirror()).stdout()) : "";
            });
            Fleet.Results<?> results = loggedIn;
            if (results.ok()) {
                List<String> first = mirrorSeeds(loggedIn);
                for (String seed : first) {
                    crew.console().info(seed, "Pulling image on " + seed + " to seed the mirror...");
                }
                results = pullOn(first, builder, version);
                if (results.ok()) {
                    List<String> rest = hosts.stream().filter(h -> !first.contains(h)).toList();
                    results = pullOn(rest, builder, version);
                }
            }
            if (!results.ok()) {
                List<String> report = new ArrayList<>();
                boolean missing = false;
                for (Fleet.Outcome<?> o : results.failures()) {
                    report.add(o.host() + ": could not pull " + crew.config().absoluteImage(version) + ": " + reason(o));
                    missing |= o.error() != null && String.valueOf(o.error().getMessage()).matches("(?s).*(manifest unknown|not found|does not exist|pull access denied).*");
                }
                report.add("no host was changed");
                boolean unlabelled = results.failures().stream().anyMatch(o -> reason(o).contains("is missing the 'service' label"));
                throw DeployFailedException.of(crew, version, report, Optional.empty(), unlabelled ? DeployFailedException.Hint.LABEL_MISSING
                        : missing ? DeployFailedException.Hint.PUSH_FIRST : DeployFailedException.Hint.RETRY);
            }
            return null;
        });
    }

    private Fleet.Results<Void> pullOn(List<String> hosts, BuilderCommands builder, String version) {
        return crew.hosts().each(hosts, host -> {
            crew.console().progress(host, "pulling " + version, crew.config().dhow().timeouts().pull().toSeconds());
            // One round trip: drop a stale copy of the tag (may not exist), pull, check the label, and only then
            // record the pull in the audit log.
            crew.hosts().run(host, Cmd.chain(builder.clean(version), crew.audit().after(
                    Cmd.and(builder.pull(version), builder.validateImage(version)), "Pulled image with version " + version)), StepLimits.Step.PULL);
            return null;
        });
    }

    /** Why a pull failed, in docker's words: its last error line, not the compound command that ran. */
    private static String reason(Fleet.Outcome<?> failed) {
        if (failed.error() instanceof CommandFailed c) {
            String text = (c.result().stderr() + "\n" + c.result().stdout()).strip();
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? "exit " + c.result().exitCode() : lines.get(lines.size() - 1);
        }
        String m = failed.message();
        return m.startsWith("host " + failed.host() + ": ") ? m.substring(("host " + failed.host() + ": ").length()) : m;
    }

    // With registry mirrors, one host per mirror pulls first so the others find the image in the mirror.
    private static List<String> mirrorSeeds(Fleet.Results<String> mirrors) {
        Map<String, String> firstByMirror = new LinkedHashMap<>();
        for (Fleet.Outcome<String> o : mirrors.outcomes()) {
            if (o.ok() && !o.value().isEmpty()) firstByMirror.putIfAbsent(o.value(), o.host());
        }
        return List.copyOf(firstByMirror.values());
    }

    /** {@code build create}: the buildx builder (nothing for the docker driver or pack). */
    public void createBuilder() {
        ensureDocker();
        BuilderCommands builder = builder();
        builder.create().ifPresent(cmd -> {
            Result r = crew.local().capture(LOCAL, cmd);
            if (!r.ok()) throw new DhowException("Couldn't create remote builder: " + r.stderr().strip());
        });
    }

    /** {@code build remove}. */
    public void removeBuilder() {
        builder().remove().ifPresent(cmd -> crew.local().run(LOCAL, cmd));
    }

    /** {@code build details}: the target and the builders docker knows. */
    public void details() {
        BuilderCommands builder = builder();
        crew.console().result("Builder: " + builder.targetName());
        crew.console().result(crew.local().capture(LOCAL, builder.info()).stdout().strip());
    }

    // --- local Docker ---

    /** Checks Docker (and learns whether buildx is there); true when buildx is installed. */
    private boolean ensureDocker() {
        if (buildx != null) return buildx;
        BuilderCommands probe = new BuilderCommands(crew.config(), "amd64");
        if (!crew.probe().capture(LOCAL, probe.dockerVersion()).ok()) throw new DhowException("Docker is not installed locally");
        buildx = crew.probe().capture(LOCAL, probe.buildxVersion()).ok();
        if (!buildx) {
            BuilderCommands builder = builder();
            if (!builder.classicBuildPossible()) {
                throw new DhowException("Docker buildx plugin is not installed locally, and builder/arch ("
                        + String.join(", ", crew.config().builder().arches()) + ") needs it: install buildx or build for " + localArch());
            }
            crew.console().warn("buildx is not installed: building for " + localArch() + " with docker build and docker push");
        }
        return buildx;
    }

    private String localArch() {
        if (localArch == null) {
            String arch = BuilderCommands.normaliseArch(crew.probe().capture(LOCAL, BuilderCommands.dockerArchitecture()).stdout());
            localArch = arch.isEmpty() ? "amd64" : arch;
        }
        return localArch;
    }

    private BuilderCommands builder() {
        return new BuilderCommands(crew.config(), localArch());
    }

    private void ensureBuilder(BuilderCommands builder) {
        Optional<Cmd> inspect = builder.inspectBuilder();
        if (inspect.isEmpty()) return;
        Result r = crew.local().capture(LOCAL, inspect.get());
        if (r.ok()) return;
        String text = r.stdout() + r.stderr();
        if (!text.matches("(?s).*(context not found|no builder|no compatible builder|does not exist).*")) throw new CommandFailed(r);
        crew.console().warn("Missing compatible builder, so creating a new one first");
        builder.remove().ifPresent(cmd -> crew.local().capture(LOCAL, cmd));
        builder.create().ifPresent(cmd -> crew.local().run(LOCAL, cmd));
    }

    private Map<String, String> buildSecrets(BuilderCommands builder) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : builder.secretEnvNames()) {
            env.put(name, crew.secrets().find(name).orElseThrow(() -> new DhowException("builder/secrets: secret " + name + " not found in the secrets files")));
        }
        return env;
    }

    private static Cmd inDirectory(String directory, Cmd cmd) {
        return directory.equals(".") ? cmd : Cmd.and(Cmd.of("cd", directory), cmd);
    }

    // The build's own steps (docker build's "Step 3/7 : RUN …", BuildKit's "#8 [2/3] RUN …") show progress without -v.
    private static final java.util.regex.Pattern BUILD_STEP = java.util.regex.Pattern.compile("^(Step \\d+/\\d+ : |#\\d+ \\[[^\\]]+ \\d+/\\d+\\] ).*");

    private void run(Hosts local, Cmd cmd, String what) {
        Result r = local.stream(LOCAL, cmd, StepLimits.Step.BUILD, line -> {
            if (BUILD_STEP.matcher(line.text()).matches()) crew.console().info(LOCAL, abbreviate(line.text()));
            else crew.console().output(LOCAL, line.stderr(), line.text());
        });
        if (!r.ok()) {
            String tail = tail(r.stdout() + r.stderr(), 25);
            throw new DhowException(what + " (exit " + r.exitCode() + "): " + r.command() + (tail.isEmpty() ? "" : "\n" + tail));
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    // --- git clone builds ---

    /**
     * Where to build: the working directory for {@code builder.context}, else a clone of the committed tree (Kamal's
     * default, so uncommitted files never reach an image).
     */
    private String buildDirectory() {
        if (crew.config().builder().context().isPresent()) {
            String changes = crew.probe().capture(LOCAL, Cmd.of("git", "status", "--porcelain")).stdout().strip();
            if (!changes.isEmpty()) crew.console().warn("Building with uncommitted changes:\n " + changes);
            return ".";
        }
        Result root = crew.probe().capture(LOCAL, Cmd.of("git", "rev-parse", "--show-toplevel"));
        if (!root.ok()) return ".";
        String gitRoot = root.stdout().strip().isEmpty() ? crew.run().workingDir().toString() : root.stdout().strip();
        String head = crew.probe().capture(LOCAL, Cmd.of("git", "rev-parse", "HEAD")).stdout().strip();
        if (!crew.probe().capture(LOCAL, Cmd.of("git", "status", "--porcelain")).stdout().isBlank()) {
            crew.console().warn("Building from a clone of the last commit: uncommitted changes are not in the image");
        }
        String pwd = crew.run().workingDir().toString();
        String clone = GitCloneCommands.cloneDirectory(System.getProperty("java.io.tmpdir"), crew.config().service(), pwd);
        String build = GitCloneCommands.buildDirectory(clone, gitRoot, pwd);
        GitCloneCommands git = new GitCloneCommands(clone, build, gitRoot);
        try {
            prepareClone(git, head);
        } catch (DhowException e) {
            crew.console().warn("Error preparing clone: " + e.getMessage() + ", deleting and retrying...");
            crew.local().run(LOCAL, git.removeClone());
            prepareClone(git, head);
        }
        return build;
    }

    private void prepareClone(GitCloneCommands git, String head) {
        crew.local().run(LOCAL, git.makeCloneDirectory());
        Result cloned = crew.local().capture(LOCAL, git.cloneRepository());
        if (!cloned.ok()) {
            if (!(cloned.stderr() + cloned.stdout()).contains("already exists and is not an empty directory")) throw new CommandFailed(cloned);
            for (Cmd step : git.resetSteps(head)) crew.local().run(LOCAL, step);
        }
        String status = crew.local().run(LOCAL, git.status()).stdout().strip();
        if (!status.isEmpty()) throw new DhowException("Clone is dirty: " + status);
        String revision = crew.local().run(LOCAL, git.revision().simulating(head)).stdout().strip();
        if (!revision.equals(head)) throw new DhowException("Clone is not on the correct revision, expected " + head + " but got " + revision);
    }
}
