package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.config.ProxyRun;
import dev.dhow.core.Cmd;
import dev.dhow.core.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commands for the kamal-proxy container on one host: run (from {@code proxy.run} or the legacy
 * {@code .kamal/proxy/*} boot files), start/stop, version, logs, removal and the deprecated boot_config files.
 */
public final class ProxyCommands {
    private static final String TITLE_FILTER = "label=org.opencontainers.image.title=kamal-proxy";
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?$");

    /**
     * Options of the deprecated {@code proxy boot_config set}, with Kamal's defaults in {@link #DEFAULT}.
     *
     * @param dockerOptions {@code a=b} items, each becoming {@code --a=b}
     */
    public record BootConfigOptions(boolean publish, List<String> publishHostIps, int httpPort, int httpsPort,
                                    String logMaxSize, Optional<String> registry, Optional<String> repository,
                                    Optional<String> imageVersion, Optional<Integer> metricsPort, boolean debug,
                                    List<String> dockerOptions) {
        public static final BootConfigOptions DEFAULT = new BootConfigOptions(true, List.of(), ProxyRun.DEFAULT_HTTP_PORT,
                ProxyRun.DEFAULT_HTTPS_PORT, ProxyRun.DEFAULT_LOG_MAX_SIZE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, List.of());

        public BootConfigOptions {
            publishHostIps = List.copyOf(publishHostIps);
            dockerOptions = List.copyOf(dockerOptions);
        }
    }

    /**
     * One boot_config file: upload {@code content} to {@code path} when present, otherwise run {@code reset}
     * (failures ignored, the file may not exist), because the value equals Kamal's default.
     */
    public record BootConfigFile(String path, Optional<String> content, Cmd reset) {}

    private final Configuration config;
    private final Optional<ProxyRun> run;
    private final ProxyPaths paths;

    public ProxyCommands(Configuration config, String host) {
        this.config = config;
        this.run = config.proxyRun(host);
        this.paths = new ProxyPaths(config);
    }

    /** Starts a new kamal-proxy container (the container must not exist). */
    public Cmd run() {
        if (run.isEmpty()) {
            return Cmd.xargs(bootConfig(), dockerRunBase());
        }
        ProxyRun r = run.get();
        Cmd.Builder line = Cmd.builder().add(dockerRunBase());
        if (r.publish()) for (String p : publishValues(r.httpPort(), r.httpsPort(), r.bindIps())) line.word("--publish", p);
        if (!r.logMaxSize().isEmpty()) line.word("--log-opt", "max-size=" + r.logMaxSize());
        r.metricsPort().ifPresent(p -> line.word("--expose=" + p));
        r.options().forEach(o -> line.optionize(o.name(), o.values()));
        line.word(r.image(), "kamal-proxy", "run");
        if (r.debug()) line.word("--debug");
        r.metricsPort().ifPresent(p -> line.word("--metrics-port").quoted(String.valueOf(p), Cmd.Quoting.KAMAL));
        return line.build();
    }

    private Cmd dockerRunBase() {
        return Cmd.builder("docker", "run", "--name", ProxyPaths.CONTAINER_NAME, "--network", "kamal", "--detach",
                "--restart", "unless-stopped", "--volume", ProxyPaths.CONFIG_VOLUME, "--volume").part(paths.appsVolume()).build();
    }

    private static List<String> publishValues(int httpPort, int httpsPort, List<String> bindIps) {
        List<String> ips = bindIps.isEmpty() ? java.util.Collections.singletonList(null) : bindIps;
        List<String> values = new ArrayList<>();
        for (String ip : ips) {
            String prefix = ip == null ? "" : formatBindIp(ip) + ":";
            values.add(prefix + httpPort + ":" + ProxyRun.DEFAULT_HTTP_PORT);
            values.add(prefix + httpsPort + ":" + ProxyRun.DEFAULT_HTTPS_PORT);
        }
        return values;
    }

    private static String formatBindIp(String ip) {
        return ip.contains(":") && !(ip.startsWith("[") && ip.endsWith("]")) ? "[" + ip + "]" : ip;
    }

    /** {@code docker container start kamal-proxy}. */
    public Cmd start() {
        return Cmd.docker("container", "start", ProxyPaths.CONTAINER_NAME);
    }

    /** {@code docker container stop kamal-proxy}. */
    public Cmd stop() {
        return Cmd.docker("container", "stop", ProxyPaths.CONTAINER_NAME);
    }

    /** {@code docker container start kamal-proxy || <run>}. */
    public Cmd startOrRun() {
        return Cmd.or(start(), run());
    }

    /** {@code docker exec kamal-proxy kamal-proxy list}: succeeds once a (re)started proxy answers. */
    public Cmd list() {
        return ProxyDeployArgs.exec("list");
    }

    /** {@code docker ps --filter 'name=^kamal-proxy$'}. */
    public Cmd info() {
        return Cmd.docker("ps", "--filter", "name=^" + ProxyPaths.CONTAINER_NAME + "$");
    }

    /**
     * The first round trip of {@code proxy boot} on a proxy host: {@code docker network create kamal} (an "already
     * exists" failure is fine), the apps-config directory, then {@link #version}. Its last line of output is the
     * version (empty when kamal-proxy is not there); a created network's id may come before it.
     */
    public Cmd networkDirectoryAndVersion() {
        return Cmd.chain(new DockerCommands().createNetwork(), Cmd.and(ensureAppsConfigDirectory(), version()));
    }

    /** The version in the output of {@link #networkDirectoryAndVersion}. */
    public static String versionIn(String output) {
        List<String> lines = output.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        return last.matches("[0-9a-f]{64}") ? "" : last;
    }

    /** The running proxy's image tag: {@code docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'}. */
    public Cmd version() {
        return Cmd.pipe(Cmd.builder("docker", "inspect", ProxyPaths.CONTAINER_NAME).raw("--format '{{.Config.Image}}'").build(),
                Cmd.builder("awk", "-F:").raw("'{print $NF}'").build());
    }

    /** True when a running kamal-proxy version is older than {@link ProxyRun#MINIMUM_VERSION}. */
    public static boolean olderThanMinimum(String version) {
        return Versions.compare(version, ProxyRun.MINIMUM_VERSION) < 0;
    }

    /** The error for a too-old kamal-proxy, as Kamal words it. */
    public static String tooOldMessage(String version) {
        return "kamal-proxy version " + version + " is too old, run `kamal proxy reboot` in order to update to at least "
                + ProxyRun.MINIMUM_VERSION;
    }

    /** {@code docker logs kamal-proxy [--since X] [--tail N] [--timestamps] 2>&1 [| grep 'X' opts]}. */
    public Cmd logs(boolean timestamps, Optional<String> since, Optional<Integer> lines, Optional<String> grep,
                    Optional<String> grepOptions) {
        Cmd.Builder line = Cmd.builder("docker", "logs", ProxyPaths.CONTAINER_NAME);
        since.ifPresent(s -> line.word("--since", s));
        lines.ifPresent(n -> line.word("--tail", String.valueOf(n)));
        if (timestamps) line.word("--timestamps");
        line.raw("2>&1");
        Cmd cmd = line.build();
        if (grep.isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(grep.get(), grepOptions, Cmd.Quoting.SINGLE));
        return cmd;
    }

    /** {@code ssh … 'docker logs kamal-proxy [--timestamps] --tail 10 --follow 2>&1 [| grep "X"]'}. */
    public Cmd followLogs(InteractiveSsh ssh, String host, boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        return ssh.run(followLogs(timestamps, grep, grepOptions), host);
    }

    /** The remote part: {@code docker logs kamal-proxy [--timestamps] --tail 10 --follow 2>&1 [| grep "X" opts]}. */
    public Cmd followLogs(boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        Cmd.Builder line = Cmd.builder("docker", "logs", ProxyPaths.CONTAINER_NAME).wordIf(timestamps, "--timestamps")
                .word("--tail", "10", "--follow").raw("2>&1");
        Cmd cmd = line.build();
        if (grep.isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(grep.get(), grepOptions, Cmd.Quoting.DOUBLE));
        return cmd;
    }

    /** {@code docker container prune --force --filter label=org.opencontainers.image.title=kamal-proxy}. */
    public Cmd removeContainer() {
        return Cmd.docker("container", "prune", "--force", "--filter", TITLE_FILTER);
    }

    /** {@code docker image prune --all --force --filter label=org.opencontainers.image.title=kamal-proxy}. */
    public Cmd removeImage() {
        return Cmd.docker("image", "prune", "--all", "--force", "--filter", TITLE_FILTER);
    }

    /** Removes a Kamal 1 Traefik container and image (for {@code proxy upgrade}). */
    public Cmd cleanupTraefik() {
        return Cmd.chain(Cmd.docker("container", "stop", "traefik"), Cmd.and(
                Cmd.docker("container", "prune", "--force", "--filter", "label=org.opencontainers.image.title=Traefik"),
                Cmd.docker("image", "prune", "--all", "--force", "--filter", "label=org.opencontainers.image.title=Traefik")));
    }

    /** {@code mkdir -p .kamal/proxy}. */
    public Cmd ensureProxyDirectory() {
        return Shells.mkdirP(paths.hostDirectory());
    }

    /** {@code rm -r .kamal/proxy}. */
    public Cmd removeProxyDirectory() {
        return Shells.rmR(paths.hostDirectory());
    }

    /** {@code mkdir -p .kamal/proxy/apps-config}. */
    public Cmd ensureAppsConfigDirectory() {
        return Shells.mkdirP(paths.appsDirectory());
    }

    /** {@code ls .kamal/apps | wc -l}: how many apps are deployed on the host ({@code proxy remove} refuses if any). */
    public Cmd installedAppCount() {
        return new ServerCommands(config).appDirectoryCount();
    }

    // --- legacy boot files (Kamal's deprecated boot_config) ---

    /** {@code echo <options> <image>:<version> <run command>}, each read from its file or defaulted. */
    public Cmd bootConfig() {
        return Cmd.raw("echo $(" + readBootOptions().shellLine() + ") $(" + readImage().shellLine() + "):$("
                + readImageVersion().shellLine() + ") $(" + readRunCommand().shellLine() + ")");
    }

    public Cmd readBootOptions() {
        return readFile(paths.optionsFile(), String.join(" ", defaultBootOptions()));
    }

    public Cmd readImage() {
        return readFile(paths.imageFile(), ProxyRun.DEFAULT_REPOSITORY);
    }

    public Cmd readImageVersion() {
        return readFile(paths.imageVersionFile(), ProxyRun.MINIMUM_VERSION);
    }

    public Cmd readRunCommand() {
        return readFile(paths.runCommandFile(), "");
    }

    private static Cmd readFile(String file, String defaultValue) {
        return Cmd.or(Cmd.builder("cat", file).raw("2>", "/dev/null").build(), Cmd.builder("echo").quoted(defaultValue, Cmd.Quoting.DOUBLE).build());
    }

    private static List<String> defaultBootOptions() {
        return List.of("--publish 80:80 --publish 443:443", "--log-opt", "max-size=" + ProxyRun.DEFAULT_LOG_MAX_SIZE);
    }

    public Cmd resetBootOptions() {
        return Cmd.of("rm", paths.optionsFile());
    }

    public Cmd resetImage() {
        return Cmd.of("rm", paths.imageFile());
    }

    public Cmd resetImageVersion() {
        return Cmd.of("rm", paths.imageVersionFile());
    }

    public Cmd resetRunCommand() {
        return Cmd.of("rm", paths.runCommandFile());
    }

    /** {@code boot_config reset}: all four removals (failures ignored). */
    public List<Cmd> resetBootConfig() {
        return List.of(resetBootOptions(), resetImage(), resetImageVersion(), resetRunCommand());
    }

    /**
     * {@code boot_config set}: what to write into, or remove from, each of the four files (after
     * {@link #ensureProxyDirectory}). Values equal to Kamal's defaults remove the file instead.
     *
     * @throws IllegalArgumentException for a publish host IP that is not an IP address
     */
    public List<BootConfigFile> bootConfigFiles(BootConfigOptions o) {
        List<String> options = new ArrayList<>();
        if (o.publish()) {
            for (String ip : o.publishHostIps()) {
                if (!IPV4.matcher(ip).matches() && !IPV6.matcher(ip).matches()) {
                    throw new IllegalArgumentException("Invalid publish IP address: " + ip);
                }
            }
            // file content in Kamal's format, which either tool reads back with echo $(cat …) | xargs
            options.add(publishValues(o.httpPort(), o.httpsPort(), o.publishHostIps()).stream()
                    .map(p -> "--publish " + p).collect(Collectors.joining(" ")));
        }
        if (!o.logMaxSize().isEmpty()) {
            options.add("--log-opt");
            options.add("max-size=" + o.logMaxSize());
        }
        o.metricsPort().ifPresent(p -> options.add("--expose=" + p));
        for (String d : o.dockerOptions()) options.add("--" + d);

        String image = o.registry().filter(r -> !r.isEmpty()).map(r -> r + "/").orElse("")
                + o.repository().filter(r -> !r.isEmpty()).orElse("basecamp") + "/kamal-proxy";

        List<String> runOptions = new ArrayList<>();
        if (o.debug()) runOptions.add("--debug");
        o.metricsPort().ifPresent(p -> runOptions.add("--metrics-port " + Shell.kamalQuote(String.valueOf(p))));
        Optional<String> runCommand = runOptions.isEmpty() ? Optional.empty()
                : Optional.of("kamal-proxy run " + String.join(" ", runOptions));

        return List.of(
                new BootConfigFile(paths.optionsFile(),
                        options.equals(defaultBootOptions()) ? Optional.empty() : Optional.of(String.join(" ", options)),
                        resetBootOptions()),
                new BootConfigFile(paths.imageFile(),
                        image.equals(ProxyRun.DEFAULT_REPOSITORY) ? Optional.empty() : Optional.of(image), resetImage()),
                new BootConfigFile(paths.imageVersionFile(), o.imageVersion(), resetImageVersion()),
                new BootConfigFile(paths.runCommandFile(), runCommand, resetRunCommand()));
    }
}
