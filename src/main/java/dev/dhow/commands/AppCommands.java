package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.config.ProxyConfig;
import dev.dhow.config.Role;
import dev.dhow.core.Cmd;
import dev.dhow.core.Sensitive;
import dev.dhow.core.UploadCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Commands for one role's app containers on one host: run/start/stop, status and logs, exec, the "current
 * container" queries, cleanup, asset bridging, error pages and kamal-proxy registration. Pure: no I/O.
 */
public final class AppCommands {
    private static final List<String> ACTIVE_STATUSES = List.of("running", "restarting");
    private static final String HEALTH_STATUS_FORMAT =
            "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}";
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HEX6 = Pattern.compile("[0-9a-f]{6}");
    private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");

    /** How {@code docker run/exec} attaches to the terminal: not at all, {@code -it} (a TTY) or {@code -i} (piped stdin). */
    public enum Interactive { NONE, TTY, STDIN }

    /** Options of {@code app logs}; empty values add no flag. */
    public record LogOptions(boolean timestamps, Optional<String> since, Optional<Integer> lines,
                             Optional<String> grep, Optional<String> grepOptions, Optional<String> containerId) {
        public static final LogOptions DEFAULT = new LogOptions(true, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private final Configuration config;
    private final Role role;
    private final String host;
    private final ProxyPaths proxyPaths;

    public AppCommands(Configuration config, Role role, String host) {
        this.config = config;
        this.role = role;
        this.host = host;
        this.proxyPaths = new ProxyPaths(config);
    }

    public Role role() {
        return role;
    }

    /** {@code <prefix>-<version>}. */
    public String containerName(String version) {
        return role.containerName(version);
    }

    /**
     * {@code docker run --detach --restart … --name <prefix>-<ver> --network kamal [--hostname h] --env KAMAL_… <env>
     * --env-file … <logging> <volumes> <asset volume> <labels> <options> <image> [cmd]}.
     */
    public Cmd run(String version, Optional<String> hostname) {
        String name = containerName(version);
        Cmd.Builder line = Cmd.builder("docker", "run", "--detach", "--restart", role.restartPolicy(), "--name", name, "--network", "kamal");
        hostname.ifPresent(h -> line.word("--hostname", h));
        line.word("--env").part(Cmd.assignment("KAMAL_CONTAINER_NAME", name, Cmd.Quoting.KAMAL));
        line.word("--env").part(Cmd.assignment("KAMAL_VERSION", version, Cmd.Quoting.KAMAL));
        line.word("--env").part(Cmd.assignment("KAMAL_HOST", host, Cmd.Quoting.KAMAL));
        config.destination().ifPresent(d -> line.word("--env").part(Cmd.assignment("KAMAL_DESTINATION", d, Cmd.Quoting.KAMAL)));
        envArgs(line);
        loggingArgs(line);
        config.volumes().forEach(v -> line.word("--volume", v));
        assetVolume(version).ifPresent(v -> line.word("--volume").part(v));
        line.argumentize("--label", role.allLabels());
        role.options().forEach(o -> line.optionize(o.name(), o.values()));
        line.word(config.absoluteImage(version));
        // cmd: is a shell command by design, as in Kamal
        role.cmd().ifPresent(line::raw);
        return line.build();
    }

    /**
     * Docker's hostname for a new container: the host (at most 51 characters, no trailing dot) plus
     * {@code -<hex12>}, because Docker limits hostnames to 64 characters.
     */
    public String hostnameFor(String hex12) {
        requireHex(HEX12, hex12, "hex12");
        String base = host.length() > 51 ? host.substring(0, 51) : host;
        if (base.endsWith(".")) base = base.substring(0, base.length() - 1);
        return base + "-" + hex12;
    }

    /** {@code docker start <prefix>-<ver>}. */
    public Cmd start(String version) {
        return Cmd.docker("start", containerName(version));
    }

    /** Stops the current container: {@code <current container id> | xargs docker stop [-t N]}. */
    public Cmd stop() {
        return Cmd.xargs(currentRunningContainerId(), stopCommand());
    }

    /** Stops one version: {@code docker container ls --all --filter 'name=^<prefix>-<ver>$' --quiet | xargs docker stop [-t N]}. */
    public Cmd stop(String version) {
        return Cmd.xargs(containerIdForVersion(version), stopCommand());
    }

    private Cmd stopCommand() {
        Cmd.Builder line = Cmd.builder("docker", "stop");
        role.stopTimeout().ifPresent(t -> line.word("-t", String.valueOf(t)));
        return line.build();
    }

    /** Health (or, without a healthcheck, state) of a version: {@code running}, {@code healthy}, {@code exited}… */
    public Cmd status(String version) {
        return Cmd.xargs(containerIdForVersion(version), Cmd.docker("inspect", "--format", HEALTH_STATUS_FORMAT));
    }

    /** {@code … | xargs docker inspect --format '{{json .State.Health}}'}: logged when a boot fails. */
    public Cmd containerHealthLog(String version) {
        return Cmd.xargs(containerIdForVersion(version), Cmd.docker("inspect", "--format", "{{json .State.Health}}"));
    }

    /** {@code docker ps --filter label=service=… --filter label=destination=… --filter label=role=…}. */
    public Cmd info() {
        return Cmd.builder("docker", "ps").add(containerFilters(List.of())).build();
    }

    /** {@code docker container ls --all <filters>}. */
    public Cmd listContainers() {
        return Cmd.builder("docker", "container", "ls", "--all").add(containerFilters(List.of())).build();
    }

    /** {@code docker container ls --all --filter label=service=<svc> --filter label=destination=<dest>}: every role's containers. */
    public Cmd listServiceContainers() {
        return Cmd.docker("container", "ls", "--all", "--filter", "label=service=" + config.service(),
                "--filter", "label=destination=" + config.destination().orElse(""));
    }

    /** {@code docker container ls --all <filters> --format '{{ .Names }}'}. */
    public Cmd listContainerNames() {
        return Cmd.builder().add(listContainers()).word("--format", "{{ .Names }}").build();
    }

    /** {@code docker container ls --all --filter 'name=^<prefix>-<ver>$' --quiet}: empty output = no such container. */
    public Cmd containerIdForVersion(String version) {
        return Shells.containerIdFor(containerName(version), false);
    }

    /** Like {@link #containerIdForVersion} but only a running container. */
    public Cmd runningContainerIdForVersion(String version) {
        return Shells.containerIdFor(containerName(version), true);
    }

    /**
     * The id of the role's current container: the newest running one made from the {@code latest} image, else
     * the newest running one.
     */
    public Cmd currentRunningContainerId() {
        return currentRunningContainer("--quiet");
    }

    /** The version of the current container ({@code <prefix>-} stripped from its name). */
    public Cmd currentRunningVersion() {
        return Cmd.pipe(currentRunningContainer("--format '{{.Names}}'"), extractVersionFromName());
    }

    /** Versions of all the role's containers (any state), one per line. */
    public Cmd listVersions() {
        return listVersions(List.of(), List.of());
    }

    /** Versions of the role's running/restarting containers, newest only: {@code … --latest --format …}. */
    public Cmd listRunningVersions() {
        return listVersions(List.of("--latest"), ACTIVE_STATUSES);
    }

    private Cmd listVersions(List<String> dockerArgs, List<String> statuses) {
        Cmd ps = Cmd.builder("docker", "ps").add(containerFilters(statuses)).word(dockerArgs.toArray(String[]::new))
                .word("--format").raw("\"{{.Names}}\"").build();
        return Cmd.pipe(ps, extractVersionFromName());
    }

    /**
     * The questions a boot of {@code version} asks before it starts anything, in one round trip: the versions of the
     * role's running containers (for the stale check), the current version, and the id of any container already
     * named for {@code version}. {@link BootSurvey#parse} reads the answer.
     */
    public Cmd bootSurvey(String version) {
        return Cmd.chain(listVersions(), Cmd.of("echo", BootSurvey.CURRENT), currentRunningVersion(),
                Cmd.of("echo", BootSurvey.EXISTING), containerIdForVersion(version));
    }

    /**
     * Stale versions: the output lines of {@link #listVersions()} minus the output of {@link #currentRunningVersion()}
     * (what {@code app stale_containers} reports and, with {@code --stop}, stops with {@link #stop(String)}).
     */
    public static List<String> staleVersions(String listVersionsOutput, String currentRunningVersionOutput) {
        String current = currentRunningVersionOutput.strip();
        return listVersionsOutput.lines().map(String::strip).filter(v -> !v.isEmpty() && !v.equals(current)).toList();
    }

    /** {@code docker rename <prefix>-<ver> <prefix>-<ver>_replaced_<hex16>}: moves an old container of the same version aside. */
    public Cmd renameToReplaced(String version, String hex16) {
        requireHex(HEX16, hex16, "hex16");
        return Cmd.docker("rename", containerName(version), containerName(replacedVersion(version, hex16)));
    }

    /** {@code <ver>_replaced_<hex16>}. */
    public static String replacedVersion(String version, String hex16) {
        return version + "_replaced_" + hex16;
    }

    /** {@code … | xargs docker container rm}: removes one version's container. */
    public Cmd removeContainer(String version) {
        return Cmd.xargs(containerIdForVersion(version), Cmd.docker("container", "rm"));
    }

    /** {@code docker container prune --force <filters>}: removes the role's stopped containers. */
    public Cmd removeContainers() {
        return Cmd.builder("docker", "container", "prune", "--force").add(containerFilters(List.of())).build();
    }

    /** {@code docker image ls <repository>}. */
    public Cmd listImages() {
        return Cmd.docker("image", "ls", config.repository());
    }

    /** {@code docker image prune --all --force --filter label=service=<svc>}. */
    public Cmd removeImages() {
        return Cmd.docker("image", "prune", "--all", "--force", "--filter", "label=service=" + config.service());
    }

    /** {@code docker tag <image>:<ver> <image>:latest[-<dest>]}: marks the version as the last good one. */
    public Cmd tagLatestImage(String version) {
        return Cmd.docker("tag", config.absoluteImage(version), config.latestImage());
    }

    /** {@code mkdir -p .kamal/apps/<svc-dest>/env/roles}. */
    public Cmd ensureEnvDirectory() {
        return Shells.mkdirP(config.envDirectory() + "/roles");
    }

    /**
     * The boot's one round trip: the env directory, the secret env file written from standard input (mode 0600,
     * in a subshell so its umask stays there), then {@link #run}.
     */
    public Cmd writeEnvFileAndRun(String version, Optional<String> hostname, Sensitive envFile) {
        Cmd write = Cmd.raw("(").append(UploadCommand.of(envFilePath(), 0600)).appendRaw(")");
        return Cmd.and(ensureEnvDirectory(), write, run(version, hostname)).withStdin(envFile);
    }

    /** Remote path the role's secret env file is uploaded to (mode 0600). */
    public String envFilePath() {
        return config.roleSecretsPath(role);
    }

    /** {@code rm -r .kamal/apps/<svc-dest>}. */
    public Cmd removeAppDirectory() {
        return Shells.rmR(config.appDirectory());
    }

    /** {@code rm -r .kamal/proxy/apps-config/<svc-dest>}. */
    public Cmd removeProxyAppDirectory() {
        return Shells.rmR(proxyPaths.appDirectory());
    }

    // --- logs ---

    /** {@code <container id> | xargs docker logs [--timestamps] [--since X] [--tail N] 2>&1 [| grep 'X' opts]}. */
    public Cmd logs(LogOptions o) {
        Cmd.Builder logs = Cmd.builder("xargs", "docker", "logs").wordIf(o.timestamps(), "--timestamps");
        o.since().ifPresent(s -> logs.word("--since", s));
        o.lines().ifPresent(n -> logs.word("--tail", String.valueOf(n)));
        Cmd cmd = Cmd.pipe(containerIdCommand(o.containerId()), logs.raw("2>&1").build());
        if (o.grep().isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(o.grep().get(), o.grepOptions(), Cmd.Quoting.SINGLE));
        return cmd;
    }

    /** {@code docker container ls --all --filter 'name=^<prefix>-<ver>$' --quiet | xargs docker logs --timestamps --tail N 2>&1}: a failed version's last lines. */
    public Cmd logsForVersion(String version, int lines) {
        return Cmd.pipe(containerIdForVersion(version),
                Cmd.builder("xargs", "docker", "logs", "--timestamps", "--tail", String.valueOf(lines)).raw("2>&1").build());
    }

    /** {@code ssh … -t user@host -p port '<container id> | xargs docker logs … --follow 2>&1 [| grep "X"]'}. */
    public Cmd followLogs(InteractiveSsh ssh, LogOptions o) {
        return ssh.run(followLogs(o), host);
    }

    /**
     * The remote part of {@link #followLogs(InteractiveSsh, LogOptions)}: {@code <container id> | xargs docker logs
     * [--timestamps] [--tail N] --follow 2>&1 [| grep "X"]}, for streaming over an existing connection.
     */
    public Cmd followLogs(LogOptions o) {
        Cmd.Builder logs = Cmd.builder("xargs", "docker", "logs").wordIf(o.timestamps(), "--timestamps");
        o.lines().ifPresent(n -> logs.word("--tail", String.valueOf(n)));
        Cmd cmd = Cmd.pipe(containerIdCommand(o.containerId()), logs.word("--follow").raw("2>&1").build());
        if (o.grep().isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(o.grep().get(), o.grepOptions(), Cmd.Quoting.DOUBLE));
        return cmd;
    }

    private Cmd containerIdCommand(Optional<String> containerId) {
        return containerId.map(id -> Shells.sh(Cmd.of("echo", id))).orElseGet(this::currentRunningContainerId);
    }

    // --- exec ---

    /** {@code <prefix>-exec-<ver>-<hex6>}: the name of a one-off exec container. */
    public String execContainerName(String version, String hex6) {
        requireHex(HEX6, hex6, "hex6");
        return role.containerPrefix() + "-exec-" + version + "-" + hex6;
    }

    /**
     * {@code docker run [-it|-i] --rm|--detach --name <prefix>-exec-<ver>-<hex6> --network kamal <env> [--env K="V"]
     * <logging> <volumes> <options> <image> <command>}; {@code command} is shell text, as typed.
     */
    public Cmd execInNewContainer(String version, String hex6, String command, Map<String, String> env,
                                  Interactive interactive, boolean detach) {
        Cmd.Builder line = Cmd.builder("docker", "run");
        interactiveArg(line, interactive);
        line.word(detach ? "--detach" : "--rm");
        line.word("--name", execContainerName(version, hex6), "--network", "kamal");
        envArgs(line);
        line.argumentize("--env", env);
        loggingArgs(line);
        config.volumes().forEach(v -> line.word("--volume", v));
        role.options().forEach(o -> line.optionize(o.name(), o.values()));
        line.word(config.absoluteImage(version));
        // the command is typed as shell text, as in Kamal
        line.raw(command);
        return line.build();
    }

    /** {@code docker exec [-it|-i] [--env K="V"] <prefix>-<ver> <command>}. */
    public Cmd execInExistingContainer(String version, String command, Map<String, String> env, Interactive interactive) {
        Cmd.Builder line = Cmd.builder("docker", "exec");
        interactiveArg(line, interactive);
        line.argumentize("--env", env);
        line.word(containerName(version));
        line.raw(command);
        return line.build();
    }

    private static void interactiveArg(Cmd.Builder line, Interactive interactive) {
        switch (interactive) {
            case TTY -> line.word("-it");
            case STDIN -> line.word("-i");
            case NONE -> { }
        }
    }

    // --- proxy ---

    private ProxyConfig proxy() {
        return role.proxy().orElseThrow(() -> new IllegalStateException("role " + role.name() + " does not run the proxy"));
    }

    /** {@code docker exec kamal-proxy kamal-proxy deploy <prefix> --target="<id>:<port>" …}, every proxy flag in Kamal's order. */
    public Cmd deployToProxy(String containerId, String version) {
        return ProxyDeployArgs.deploy(config, proxy(), role.containerPrefix(), Optional.of(role.name()), containerId, version);
    }

    // Runs inside the kamal-proxy container: the stand-in has busybox wget (whose -T crashes: timeout instead), the real
    // image (Ubuntu) has bash.
    private static final String HEALTH_PROBE = "if command -v wget >/dev/null 2>&1; then exec timeout 5 wget -q -O /dev/null \"http://$1$2\"; fi; "
            + "exec bash -c 'exec 3<>\"/dev/tcp/${1%:*}/${1##*:}\" && printf \"GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n\" \"$2\" \"$1\" >&3"
            + " && timeout 5 head -n 1 <&3 | grep -q \" 2[0-9][0-9] \"' bash \"$1\" \"$2\"";

    /**
     * The health check kamal-proxy made at the deploy, made again from the proxy's container (same network, same
     * port and path): exits 0 when the version's container answers 2xx. For canary verification.
     */
    public Cmd proxyHealthProbe(String version) {
        String path = proxy().healthcheck().path().orElse("/up");
        return Cmd.builder("docker", "exec", ProxyPaths.CONTAINER_NAME, "sh", "-c").quoted(HEALTH_PROBE, Cmd.Quoting.SINGLE)
                .word("probe", containerName(version) + ":" + proxy().appPort(), path).build();
    }

    /** {@code docker inspect --format '<state> <restarts> <health>' <container>}: what a canary watches. */
    public Cmd canaryState(String version) {
        return Cmd.builder("docker", "inspect", "--format")
                .quoted("{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", Cmd.Quoting.SINGLE)
                .word(containerName(version)).build();
    }

    /** {@code docker exec kamal-proxy kamal-proxy remove <prefix>}. */
    public Cmd removeFromProxy() {
        return ProxyDeployArgs.exec("remove", role.containerPrefix());
    }

    /** {@code docker exec kamal-proxy kamal-proxy resume <prefix>}. */
    public Cmd live() {
        return ProxyDeployArgs.exec("resume", role.containerPrefix());
    }

    /** {@code docker exec kamal-proxy kamal-proxy pause <prefix> [--drain-timeout="D"] [--max-pause="D"]}: holds requests until resume. */
    public Cmd pause(Optional<String> drainTimeout, Optional<String> maxPause) {
        return ProxyDeployArgs.pause(role.containerPrefix(), drainTimeout, maxPause);
    }

    /** {@code docker exec kamal-proxy kamal-proxy rollout deploy <prefix> --target="<id>:<port>" …}: the second target. */
    public Cmd rolloutDeploy(String containerId) {
        return ProxyDeployArgs.rolloutDeploy(config, proxy(), role.containerPrefix(), containerId);
    }

    /** {@code docker exec kamal-proxy kamal-proxy rollout set <prefix> [--percent="N"] [--list="a,b"]}. */
    public Cmd rolloutSet(Optional<Integer> percent, List<String> list) {
        return ProxyDeployArgs.rolloutSet(role.containerPrefix(), percent, list);
    }

    /** {@code docker exec kamal-proxy kamal-proxy rollout stop <prefix>}: every request to the main target again. */
    public Cmd rolloutStop() {
        return ProxyDeployArgs.exec("rollout", "stop", role.containerPrefix());
    }

    /** Where dhow notes a role's rollout on the host ({@code rollout status} reads it): {@code .kamal/apps/<svc-dest>/rollout/<role>}. */
    public String rolloutNotePath() {
        return config.appDirectory() + "/rollout/" + role.name();
    }

    /** {@code mkdir -p .kamal/apps/<svc-dest>/rollout}. */
    public Cmd ensureRolloutDirectory() {
        return Shells.mkdirP(config.appDirectory() + "/rollout");
    }

    /** {@code cat <note> 2> /dev/null}: the rollout note, empty without a rollout. */
    public Cmd readRolloutNote() {
        return Cmd.builder("cat", rolloutNotePath()).raw("2>", "/dev/null").build();
    }

    /** {@code rm -f <note>}. */
    public Cmd removeRolloutNote() {
        return Cmd.of("rm", "-f", rolloutNotePath());
    }

    /** {@code docker exec kamal-proxy kamal-proxy stop <prefix> [--drain-timeout="Ns"] [--message="…"]}. */
    public Cmd maintenance(Optional<Integer> drainTimeout, Optional<String> message) {
        return ProxyDeployArgs.stop(role.containerPrefix(), drainTimeout, message);
    }

    /** {@code mkdir -p .kamal/proxy/apps-config/<svc-dest>/tls/<role>}: for custom certificates. */
    public Cmd createSslDirectory() {
        return Shells.mkdirP(proxyPaths.tlsDirectory(Optional.of(role.name())));
    }

    /** Host paths of the custom certificate and key (uploaded mode 0644). */
    public String hostTlsCertificatePath() {
        return proxyPaths.tlsDirectory(Optional.of(role.name())) + "/cert.pem";
    }

    public String hostTlsKeyPath() {
        return proxyPaths.tlsDirectory(Optional.of(role.name())) + "/key.pem";
    }

    // --- error pages ---

    /** {@code mkdir -p .kamal/proxy/apps-config/<svc-dest>/error_pages}. */
    public Cmd createErrorPagesDirectory() {
        return Shells.mkdirP(proxyPaths.errorPagesDirectory());
    }

    /** Where a version's error pages are uploaded: {@code .kamal/proxy/apps-config/<svc-dest>/error_pages/<ver>}. */
    public String errorPagesDirectory(String version) {
        return proxyPaths.errorPagesDirectory() + "/" + version;
    }

    /** Deletes every other version's error pages: {@code find … -mindepth 1 -maxdepth 1 ! -name <ver> -exec rm -rf {} +}. */
    public Cmd cleanUpErrorPages(String version) {
        return Cmd.builder("find", proxyPaths.errorPagesDirectory(), "-mindepth", "1", "-maxdepth", "1").raw("!")
                .word("-name", version, "-exec", "rm", "-rf").raw("{} +").build();
    }

    // --- assets ---

    /** True when assets are bridged between versions (asset_path set and the role runs the proxy). */
    public boolean assets() {
        return role.assetPathInContainer().isPresent();
    }

    public String assetExtractedDirectory(String version) {
        return config.assetsDirectory() + "/extracted/" + role.name() + "-" + version;
    }

    public String assetVolumeDirectory(String version) {
        return config.assetsDirectory() + "/volumes/" + role.name() + "-" + version;
    }

    private Optional<Cmd.Part> assetVolume(String version) {
        return role.assetPathInContainer().map(path -> Cmd.underPwd(assetVolumeDirectory(version) + ":" + path
                + role.assetPathOptions().filter(o -> !o.isEmpty()).map(o -> ":" + o).orElse("")));
    }

    /** Copies the assets out of the new image into {@code assets/extracted/<role>-<ver>}. */
    public Cmd extractAssets(String version) {
        String assetContainer = role.containerPrefix() + "-assets";
        String path = role.assetPathInContainer().orElseThrow(() -> new IllegalStateException("no asset_path for role " + role.name()));
        String extracted = assetExtractedDirectory(version);
        return Cmd.and(
                Shells.mkdirP(extracted),
                Cmd.builder("docker", "container", "rm", assetContainer).raw("2> /dev/null", "|| true").build(),
                Cmd.docker("container", "create", "--name", assetContainer, config.absoluteImage(version)),
                Cmd.docker("container", "cp", "-L", assetContainer + ":" + path + "/.", extracted),
                Cmd.docker("container", "rm", assetContainer));
    }

    /** Merges new and old assets into both versions' volumes (no clobbering, so new files win). */
    public Cmd syncAssetVolumes(String version, Optional<String> oldVersion) {
        String newExtracted = assetExtractedDirectory(version);
        String newVolume = assetVolumeDirectory(version);
        if (oldVersion.isEmpty() || oldVersion.get().isEmpty()) {
            return Cmd.chain(Shells.mkdirP(newVolume), copyContents(newExtracted, newVolume, false));
        }
        String old = oldVersion.get();
        return Cmd.chain(Shells.mkdirP(newVolume), copyContents(newExtracted, newVolume, false),
                copyContents(newExtracted, assetVolumeDirectory(old), true),
                copyContents(assetExtractedDirectory(old), newVolume, true));
    }

    /** Deletes every other version's extracted assets and asset volume. */
    public Cmd cleanUpAssets(String version) {
        return Cmd.chain(removeOlderSiblings(config.assetsDirectory() + "/extracted", version),
                removeOlderSiblings(config.assetsDirectory() + "/volumes", version));
    }

    private Cmd removeOlderSiblings(String parent, String version) {
        // the pattern's * makes its word come out single-quoted, as Kamal writes it
        return Cmd.builder("find", parent).raw("-maxdepth 1").word("-name", role.name() + "-*").raw("!")
                .word("-name", role.name() + "-" + version).raw("-exec rm -rf \"{}\" +").build();
    }

    private static Cmd copyContents(String source, String destination, boolean continueOnError) {
        Cmd.Builder line = Cmd.builder("cp", "-rnT", source, destination);
        if (continueOnError) line.raw("|| true");
        return line.build();
    }

    // --- shared pieces ---

    private void envArgs(Cmd.Builder line) {
        line.argumentize("--env", role.env(host).clear());
        line.word("--env-file", config.roleSecretsPath(role));
    }

    private void loggingArgs(Cmd.Builder line) {
        role.logging().driver().ifPresent(d -> line.word("--log-driver").quoted(d, Cmd.Quoting.KAMAL));
        line.argumentize("--log-opt", role.logging().effectiveOptions());
    }

    private Cmd containerFilters(List<String> statuses) {
        Cmd.Builder line = Cmd.builder("--filter", "label=service=" + config.service(),
                "--filter", "label=destination=" + config.destination().orElse(""),
                "--filter", "label=role=" + role.name());
        for (String s : statuses) line.word("--filter", "status=" + s);
        return line.build();
    }

    private Cmd currentRunningContainer(String format) {
        Cmd latestImageId = Cmd.builder("docker", "image", "ls", "--filter", "reference=" + config.latestImage(), "--format", "{{.ID}}").build();
        Cmd byAncestor = Cmd.builder("docker", "ps", "--latest").raw(format).add(containerFilters(ACTIVE_STATUSES))
                .word("--filter").raw("ancestor=$(" + Shells.plain(latestImageId) + ")").build();
        Cmd any = Cmd.builder("docker", "ps", "--latest").raw(format).add(containerFilters(ACTIVE_STATUSES)).build();
        return Cmd.pipe(Shells.sh(Cmd.chain(byAncestor, any)), Cmd.of("head", "-1"));
    }

    private Cmd extractVersionFromName() {
        // inside ${line#…} a quoted pattern still matches literally, so an odd prefix stays inert
        return Cmd.builder().raw("while read line; do echo").part(new Cmd.Joined(List.of(
                new Cmd.Raw("${line#"), new Cmd.Word(role.containerPrefix() + "-"), new Cmd.Raw("};")))).raw("done").build();
    }

    static void requireHex(Pattern pattern, String value, String what) {
        if (!pattern.matcher(value).matches()) throw new IllegalArgumentException(what + " must be lowercase hex: " + value);
    }
}
