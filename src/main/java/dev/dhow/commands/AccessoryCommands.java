package dev.dhow.commands;

import dev.dhow.config.Accessory;
import dev.dhow.config.Configuration;
import dev.dhow.config.MountPath;
import dev.dhow.config.ProxyConfig;
import dev.dhow.config.Registry;
import dev.dhow.core.Cmd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Commands for one accessory (database, cache…): run, start/stop, logs, exec, data directories and files,
 * removal, and kamal-proxy registration for proxied accessories. Pure: no I/O.
 */
public final class AccessoryCommands {
    /** A file to upload: {@code local} (as configured) to {@code remotePath} (relative to the SSH user's home). */
    public record FileUpload(String local, String remotePath, Cmd makeDirectory, Cmd chmod, Optional<Cmd> chown) {}

    private final Configuration config;
    private final Accessory accessory;

    public AccessoryCommands(Configuration config, Accessory accessory) {
        this.config = config;
        this.accessory = accessory;
    }

    public Accessory accessory() {
        return accessory;
    }

    /** The registry to log in to before pulling: the accessory's own, else the root one. */
    public Registry registry() {
        return accessory.registry().orElse(config.registry());
    }

    /**
     * {@code docker run --name <svc> --detach --restart … --network … <logging> [--publish p] [--env KAMAL_HOST="h"]
     * <env> --env-file … <volumes> <labels> <options> <image> [cmd]}; the CLI passes the host, Kamal's builder
     * tests do not.
     */
    public Cmd run(Optional<String> host) {
        Cmd.Builder line = Cmd.builder("docker", "run", "--name", accessory.serviceName(), "--detach", "--restart",
                accessory.restartPolicy(), "--network", accessory.network());
        config.logging().driver().ifPresent(d -> line.word("--log-driver").quoted(d, Cmd.Quoting.KAMAL));
        line.argumentize("--log-opt", config.logging().effectiveOptions());
        accessory.port().ifPresent(p -> line.word("--publish", p));
        host.ifPresent(h -> line.word("--env").part(Cmd.assignment("KAMAL_HOST", h, Cmd.Quoting.KAMAL)));
        envArgs(line);
        volumeArgs(line);
        line.argumentize("--label", accessory.labels());
        accessory.options().forEach(o -> line.optionize(o.name(), o.values()));
        line.word(accessory.image());
        // cmd: is a shell command by design, as in Kamal
        accessory.cmd().ifPresent(line::raw);
        return line.build();
    }

    /** {@code docker container start <svc>}. */
    public Cmd start() {
        return Cmd.docker("container", "start", accessory.serviceName());
    }

    /** {@code docker container stop <svc>}. */
    public Cmd stop() {
        return Cmd.docker("container", "stop", accessory.serviceName());
    }

    /** {@code docker ps [-a] [-q] --filter label=service=<svc>}; with all+quiet a non-empty output means "already booted". */
    public Cmd info(boolean all, boolean quiet) {
        return Cmd.builder("docker", "ps").wordIf(all, "-a").wordIf(quiet, "-q").word("--filter", "label=service=" + accessory.serviceName()).build();
    }

    /** {@code docker logs <svc>  --since X  --tail N --timestamps 2>&1 [| grep 'X' opts]} (Kamal's double spaces kept). */
    public Cmd logs(boolean timestamps, Optional<String> since, Optional<Integer> lines, Optional<String> grep, Optional<String> grepOptions) {
        Cmd.Builder line = Cmd.builder("docker", "logs", accessory.serviceName());
        // Kamal's leading spaces come out as a double space before each flag
        since.ifPresent(s -> line.raw(" --since").word(s));
        lines.ifPresent(n -> line.raw(" --tail").word(String.valueOf(n)));
        if (timestamps) line.word("--timestamps");
        line.raw("2>&1");
        Cmd cmd = line.build();
        if (grep.isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(grep.get(), grepOptions, Cmd.Quoting.SINGLE));
        return cmd;
    }

    /** {@code ssh … -t user@<first host> … 'docker logs <svc> --timestamps --tail 10 --follow 2>&1 [| grep "X"]'}. */
    public Cmd followLogs(InteractiveSsh ssh, boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        return ssh.run(followLogs(timestamps, grep, grepOptions), firstHost());
    }

    /** The remote part: {@code docker logs <svc> [--timestamps] --tail 10 --follow 2>&1 [| grep "X" opts]}. */
    public Cmd followLogs(boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        Cmd cmd = Cmd.builder("docker", "logs", accessory.serviceName()).wordIf(timestamps, "--timestamps")
                .word("--tail", "10", "--follow").raw("2>&1").build();
        if (grep.isPresent()) cmd = Cmd.pipe(cmd, Shells.grep(grep.get(), grepOptions, Cmd.Quoting.DOUBLE));
        return cmd;
    }

    /** {@code docker run [-it|-i] --rm --network … <env> <volumes> <options> <image> <command>}. */
    public Cmd execInNewContainer(String command, AppCommands.Interactive interactive) {
        Cmd.Builder line = Cmd.builder("docker", "run");
        interactiveArg(line, interactive);
        line.word("--rm", "--network", accessory.network());
        envArgs(line);
        volumeArgs(line);
        accessory.options().forEach(o -> line.optionize(o.name(), o.values()));
        line.word(accessory.image());
        // the command is typed as shell text, as in Kamal
        line.raw(command);
        return line.build();
    }

    /** {@code docker exec [-it|-i] <svc> <command>}. */
    public Cmd execInExistingContainer(String command, AppCommands.Interactive interactive) {
        Cmd.Builder line = Cmd.builder("docker", "exec");
        interactiveArg(line, interactive);
        return line.word(accessory.serviceName()).raw(command).build();
    }

    /** Interactive commands go to the accessory's first host. */
    public String firstHost() {
        if (accessory.hosts().isEmpty()) throw new IllegalStateException("accessory " + accessory.name() + " has no hosts");
        return accessory.hosts().get(0);
    }

    private static void interactiveArg(Cmd.Builder line, AppCommands.Interactive interactive) {
        switch (interactive) {
            case TTY -> line.word("-it");
            case STDIN -> line.word("-i");
            case NONE -> { }
        }
    }

    /** {@code docker image pull <image>}. */
    public Cmd pullImage() {
        return Cmd.docker("image", "pull", accessory.image());
    }

    /** {@code docker container prune --force --filter label=service=<svc>}. */
    public Cmd removeContainer() {
        return Cmd.docker("container", "prune", "--force", "--filter", "label=service=" + accessory.serviceName());
    }

    /** {@code docker image rm --force <image>}. */
    public Cmd removeImage() {
        return Cmd.docker("image", "rm", "--force", accessory.image());
    }

    /** {@code rm -rf <svc>}: the uploaded files and data directories. */
    public Cmd removeServiceDirectory() {
        return Cmd.of("rm", "-rf", accessory.serviceName());
    }

    /** {@code rm -f .kamal/apps/<svc-dest>/env/accessories/<name>.env}: the secrets, once the accessory is removed (Kamal leaves it). */
    public Cmd removeEnvFile() {
        return Cmd.of("rm", "-f", config.accessorySecretsPath(accessory));
    }

    /** {@code mkdir -p .kamal/apps/<svc-dest>/env/accessories}. */
    public Cmd ensureEnvDirectory() {
        return Shells.mkdirP(config.envDirectory() + "/accessories");
    }

    /** Remote path the accessory's secret env file is uploaded to (mode 0600). */
    public String envFilePath() {
        return config.accessorySecretsPath(accessory);
    }

    /**
     * Per {@code directories:} entry: {@code mkdir -p <dir>}, then {@code chmod}/{@code chown} when configured.
     * Relative directories live under {@code $PWD/<svc>/}.
     */
    public List<Cmd> directories() {
        List<Cmd> out = new ArrayList<>();
        for (MountPath d : accessory.directories()) {
            Cmd.Part path = d.local().startsWith("/") ? new Cmd.Word(d.local())
                    : Cmd.underPwd(accessory.serviceName() + "/" + d.local());
            out.add(Cmd.builder("mkdir", "-p").part(path).build());
            d.mode().ifPresent(m -> out.add(Cmd.builder("chmod", m).part(path).build()));
            d.owner().ifPresent(o -> out.add(Cmd.builder("chown", o).part(path).build()));
        }
        return List.copyOf(out);
    }

    /** Per {@code files:} entry: the directory to create, where to upload, then chmod (default 755) and chown. */
    public List<FileUpload> files() {
        List<FileUpload> out = new ArrayList<>();
        for (MountPath f : accessory.files()) {
            String remote = accessory.fileHostPath(f);
            int slash = remote.lastIndexOf('/');
            String dir = slash <= 0 ? "." : remote.substring(0, slash);
            out.add(new FileUpload(f.local(), remote, Shells.mkdirP(dir),
                    Cmd.of("chmod", f.mode().orElse("755"), remote),
                    f.owner().map(o -> Cmd.of("chown", o, remote))));
        }
        return List.copyOf(out);
    }

    // --- proxy ---

    private ProxyConfig proxy() {
        return accessory.proxy().orElseThrow(() -> new IllegalStateException("accessory " + accessory.name() + " does not run behind the proxy"));
    }

    /** {@code docker container ls --filter 'name=^<svc>$' --quiet}: the running container to register with the proxy. */
    public Cmd runningContainerId() {
        return Shells.containerIdFor(accessory.serviceName(), true);
    }

    /** {@code docker exec kamal-proxy kamal-proxy deploy <svc> --target="<id>:<port>" …}. */
    public Cmd deployToProxy(String containerId, String version) {
        return ProxyDeployArgs.deploy(config, proxy(), accessory.serviceName(), Optional.empty(), containerId, version);
    }

    /** {@code docker exec kamal-proxy kamal-proxy remove <svc>}. */
    public Cmd removeFromProxy() {
        return ProxyDeployArgs.exec("remove", accessory.serviceName());
    }

    private void envArgs(Cmd.Builder line) {
        line.argumentize("--env", accessory.env().clear());
        line.word("--env-file", config.accessorySecretsPath(accessory));
    }

    private void volumeArgs(Cmd.Builder line) {
        for (Accessory.Mount m : accessory.mounts()) {
            line.word("--volume").part(m.underHome() ? Cmd.underPwd(m.spec()) : new Cmd.Word(m.spec()));
        }
    }
}
