package dev.dhow.deploy;

import dev.dhow.commands.AccessoryCommands;
import dev.dhow.commands.AppCommands;
import dev.dhow.commands.RegistryCommands;
import dev.dhow.config.Accessory;
import dev.dhow.config.Erb;
import dev.dhow.config.envfile.EnvFile;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code dhow accessory …}: databases, caches and other services that are not the app, on their own hosts. Every
 * command takes an accessory name or {@code all} (where Kamal allows it), runs on the accessory's hosts among the
 * selected ones, and changes hosts only under the deploy lock.
 */
public final class AccessoryFlows implements Accessories {
    /** How {@code accessory exec} runs its command. */
    public record ExecOptions(boolean interactive, boolean reuse, boolean raw) {}

    private final Crew crew;

    public AccessoryFlows(Crew crew) {
        this.crew = crew;
    }

    /** The configured accessory names, in configuration order. */
    public List<String> names() {
        return crew.config().accessories().stream().map(Accessory::name).toList();
    }

    /** The accessory called {@code name}; an unknown name is a user error listing the known ones. */
    public Accessory accessory(String name) {
        return crew.config().accessory(name).orElseThrow(() -> {
            List<String> known = names();
            return new DhowException("No accessory by the name of '" + name + "'" + (known.isEmpty() ? "" : " (options: " + sentence(known) + ")"));
        });
    }

    /** {@code name}, or every accessory for {@code all}. */
    private List<Accessory> select(String name) {
        if ("all".equals(name)) return crew.config().accessories();
        return List.of(accessory(name));
    }

    /** The accessory's hosts among the selected ones ({@code -h}/{@code -r}), in selection order. */
    public List<String> hosts(Accessory accessory) {
        List<String> out = new ArrayList<>(crew.targets().accessoryHosts());
        out.retainAll(accessory.hosts());
        return List.copyOf(out);
    }

    @Override
    public void bootAll() {
        boot("all");
    }

    @Override
    public void removeAll() {
        remove("all");
    }

    // --- boot, reboot, start, stop ---

    /** Boots {@code name} (or {@code all}) where no container of it exists yet: login, network, directories, files, env file, run. */
    public void boot(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) boot(a, true, hosts(a));
        });
    }

    private void boot(Accessory accessory, boolean prepare, List<String> hosts) {
        AccessoryCommands cmds = commands(accessory);
        if (prepare) prepare(cmds, hosts);
        List<String> booted = Collections.synchronizedList(new ArrayList<>());
        each(hosts, host -> {
            if (!crew.hosts().capture(host, cmds.info(true, true)).stdout().isBlank()) booted.add(host);
        });
        List<String> toBoot = new ArrayList<>(hosts);
        if (!booted.isEmpty()) {
            List<String> sorted = booted.stream().sorted().toList();
            crew.console().warn("Skipping booting `" + accessory.name() + "` on " + String.join(", ", sorted) + ", a container already exists");
            toBoot.removeAll(booted);
        }
        directories(cmds, hosts);
        upload(accessory, cmds, hosts);
        byte[] envFile = EnvFile.render(secretEnv(accessory)).getBytes(StandardCharsets.UTF_8);
        each(toBoot, host -> {
            crew.audit().record(host, "Booted " + accessory.name() + " accessory");
            crew.hosts().run(host, cmds.ensureEnvDirectory());
            crew.hosts().upload(host, envFile, cmds.envFilePath(), 0600);
            crew.hosts().run(host, cmds.run(Optional.of(host)), StepLimits.Step.PULL);
            if (accessory.runningProxy()) deployToProxy(cmds, host);
            crew.console().info(host, "Booted accessory " + accessory.name() + " (" + accessory.image() + ")");
        });
    }

    /** Logs in to the accessory's registry and creates the {@code kamal} network ("already exists" is fine). */
    private void prepare(AccessoryCommands cmds, List<String> hosts) {
        Optional<Cmd> login = RegistryCommands.login(cmds.registry(), crew.secrets());
        Cmd network = new dev.dhow.commands.DockerCommands().createNetwork();
        each(hosts, host -> {
            login.ifPresent(l -> crew.hosts().run(host, l));
            Result r = crew.hosts().capture(host, network);
            if (!r.ok() && !(r.stdout() + r.stderr()).contains("already exists")) throw new CommandFailed(r);
        });
    }

    private void directories(AccessoryCommands cmds, List<String> hosts) {
        List<Cmd> steps = cmds.directories();
        if (steps.isEmpty()) return;
        each(hosts, host -> {
            for (Cmd step : steps) crew.hosts().run(host, step);
        });
    }

    /** Uploads {@code files:}; {@code *.erb} files are rendered locally with the accessory's env in {@code ENV}. */
    private void upload(Accessory accessory, AccessoryCommands cmds, List<String> hosts) {
        List<AccessoryCommands.FileUpload> files = cmds.files();
        if (files.isEmpty()) return;
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (AccessoryCommands.FileUpload f : files) contents.put(f.local(), read(accessory, f.local()));
        each(hosts, host -> {
            for (AccessoryCommands.FileUpload f : files) {
                crew.hosts().run(host, f.makeDirectory());
                crew.hosts().upload(host, contents.get(f.local()), f.remotePath(), 0644);
                crew.hosts().run(host, f.chmod());
                f.chown().ifPresent(c -> crew.hosts().run(host, c));
            }
        });
    }

    byte[] read(Accessory accessory, String local) {
        Path path = crew.run().workingDir().resolve(local);
        if (!Files.isRegularFile(path)) throw new DhowException("Missing file: " + local + " (accessories/" + accessory.name() + "/files)");
        try {
            if (!local.endsWith("erb")) return Files.readAllBytes(path);
            Map<String, String> env = new HashMap<>(crew.run().environment());
            env.putAll(accessory.env().clear());
            env.putAll(secretEnv(accessory));
            return Erb.render(local, Files.readString(path), env, crew.run().workingDir()).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DhowException("Cannot read " + local + ": " + e.getMessage());
        }
    }

    private Map<String, String> secretEnv(Accessory accessory) {
        Map<String, String> env = new LinkedHashMap<>();
        accessory.env().secretKeys().forEach((var, key) -> env.put(var, crew.secrets().find(key).orElseThrow(() -> new DhowException(
                "accessories/" + accessory.name() + "/env/secret: secret " + key + " (for " + var + ") not found in the secrets files"))));
        return env;
    }

    private void deployToProxy(AccessoryCommands cmds, String host) {
        String target = crew.hosts().run(host, cmds.runningContainerId().simulating("CONTAINER_ID")).stdout().strip();
        if (target.isEmpty()) throw new DhowException("host " + host + ": accessory " + cmds.accessory().name() + " is not running, cannot route kamal-proxy to it");
        crew.hosts().run(host, cmds.deployToProxy(target, crew.config().latestTag()), StepLimits.Step.PROXY_DEPLOY);
    }

    /** Pulls the image again, stops and removes the container, and boots it anew (data directories stay). */
    public void reboot(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) reboot(a, hosts(a));
        });
    }

    private void reboot(Accessory accessory, List<String> hosts) {
        AccessoryCommands cmds = commands(accessory);
        crew.console().info("Rebooting accessory " + accessory.name() + " on " + String.join(", ", hosts) + "...");
        prepare(cmds, hosts);
        each(hosts, host -> {
            crew.audit().record(host, "Pull " + accessory.name() + " accessory image");
            crew.hosts().run(host, cmds.pullImage(), StepLimits.Step.PULL);
        });
        stop(accessory, hosts);
        removeContainer(cmds, hosts);
        boot(accessory, false, hosts);
    }

    public void start(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) {
                AccessoryCommands cmds = commands(a);
                each(hosts(a), host -> {
                    crew.audit().record(host, "Started " + a.name() + " accessory");
                    crew.hosts().run(host, cmds.start());
                    if (a.runningProxy()) deployToProxy(cmds, host);
                });
            }
        });
    }

    public void stop(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) stop(a, hosts(a));
        });
    }

    private void stop(Accessory accessory, List<String> hosts) {
        AccessoryCommands cmds = commands(accessory);
        each(hosts, host -> {
            crew.audit().record(host, "Stopped " + accessory.name() + " accessory");
            // Stopping what is not running is fine (Kamal ignores the failure too).
            crew.hosts().capture(host, cmds.stop());
            if (accessory.runningProxy()) crew.hosts().capture(host, cmds.removeFromProxy());
        });
    }

    public void restart(String name) {
        crew.lock().withLock(() -> {
            stop(name);
            start(name);
        });
    }

    // --- details, exec, logs ---

    /** {@code docker ps --filter label=service=<svc>} per host, headed {@code Accessory <name> Host: h}. */
    public void details(String name) {
        for (Accessory a : select(name)) {
            AccessoryCommands cmds = commands(a);
            List<String> hosts = hosts(a);
            Fleet.Results<String> results = crew.hosts().each(hosts, host -> crew.hosts().run(host, cmds.info(false, false)).stdout());
            HostOutput.print(crew.console(), "Accessory " + a.name(), results);
        }
    }

    /**
     * Runs {@code command} in a new container of the accessory's image (or, with {@code reuse}, in the running one)
     * on every host; interactive runs go to the accessory's first host through a terminal. Returns the exit code
     * of an interactive run, else 0.
     */
    public int exec(String name, String command, ExecOptions options, InputStream in, OutputStream out, boolean stdinIsTerminal) {
        if (options.raw() && options.interactive()) throw new DhowException("Raw is not compatible with interactive");
        Accessory accessory = accessory(name);
        AccessoryCommands cmds = commands(accessory);
        AppCommands.Interactive tty = stdinIsTerminal ? AppCommands.Interactive.TTY : AppCommands.Interactive.STDIN;
        if (options.interactive()) {
            String host = cmds.firstHost();
            Cmd remote;
            if (options.reuse()) {
                crew.console().info("Launching interactive command via SSH from existing container...");
                remote = cmds.execInExistingContainer(command, tty);
            } else {
                crew.console().info("Launching interactive command via SSH from new container...");
                RegistryCommands.login(cmds.registry(), crew.secrets()).ifPresent(l -> crew.hosts().run(host, l));
                remote = cmds.execInNewContainer(command, tty);
            }
            return crew.hosts().interactive(host, remote, in, out);
        }
        List<String> hosts = hosts(accessory);
        crew.console().info(options.reuse() ? "Launching command from existing container..." : "Launching command from new container...");
        Optional<Cmd> login = options.reuse() ? Optional.empty() : RegistryCommands.login(cmds.registry(), crew.secrets());
        Fleet.Results<String> results = crew.hosts().each(hosts, host -> {
            login.ifPresent(l -> crew.hosts().run(host, l));
            crew.audit().record(host, "Executed cmd '" + command + "' on " + accessory.name() + " accessory");
            Cmd run = options.reuse() ? cmds.execInExistingContainer(command, AppCommands.Interactive.NONE)
                    : cmds.execInNewContainer(command, AppCommands.Interactive.NONE);
            return crew.hosts().run(host, run, StepLimits.Step.EXEC).stdout();
        });
        HostOutput.print(crew.console(), "App", results, options.raw());
        return 0;
    }

    /** Log lines of the accessory from each of its hosts (100 unless {@code since}, {@code grep} or {@code lines} say otherwise). */
    public void logs(String name, boolean timestamps, Optional<String> since, Optional<Integer> lines, Optional<String> grep, Optional<String> grepOptions) {
        Accessory accessory = accessory(name);
        AccessoryCommands cmds = commands(accessory);
        Optional<Integer> n = lines.or(() -> since.isPresent() || grep.isPresent() ? Optional.empty() : Optional.of(100));
        for (String host : hosts(accessory)) {
            crew.console().result(crew.hosts().run(host, cmds.logs(timestamps, since, n, grep, grepOptions)).stdout().stripTrailing());
        }
    }

    /** Streams the accessory's log from all its selected hosts at once, each line prefixed {@code [host]}, until interrupted. */
    public void followLogs(String name, boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        Accessory accessory = accessory(name);
        List<String> hosts = hosts(accessory);
        crew.console().info("Following logs on " + String.join(", ", hosts) + "...");
        LogStreams.follow(crew, hosts, host -> commands(accessory).followLogs(timestamps, grep, grepOptions));
    }

    // --- the single steps (hidden commands, as in Kamal) ---

    /** Uploads the accessory's {@code files:} ({@code *.erb} rendered) to its hosts. */
    public void upload(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) upload(a, commands(a), hosts(a));
        });
    }

    /** Creates the accessory's {@code directories:} on its hosts. */
    public void directories(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) directories(commands(a), hosts(a));
        });
    }

    /** {@code docker image pull <image>} on the accessory's hosts. */
    public void pullImage(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) {
                each(hosts(a), host -> {
                    crew.audit().record(host, "Pull " + a.name() + " accessory image");
                    crew.hosts().run(host, commands(a).pullImage(), StepLimits.Step.PULL);
                });
            }
        });
    }

    /** Removes the accessory's stopped container. */
    public void removeContainer(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) removeContainer(commands(a), hosts(a));
        });
    }

    /** {@code docker image rm --force <image>} on the accessory's hosts. */
    public void removeImage(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) {
                each(hosts(a), host -> {
                    crew.audit().record(host, "Removed " + a.name() + " accessory image");
                    crew.hosts().run(host, commands(a).removeImage());
                });
            }
        });
    }

    /** {@code rm -rf <service>}: the uploaded files and data directories. */
    public void removeServiceDirectory(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) each(hosts(a), host -> crew.hosts().run(host, commands(a).removeServiceDirectory()));
        });
    }

    // --- remove, upgrade ---

    /**
     * Stops and removes the container, the image, the data directory ({@code rm -rf <service>}) and the secrets env
     * file of {@code name} or all.
     */
    public void remove(String name) {
        crew.lock().withLock(() -> {
            for (Accessory a : select(name)) {
                List<String> hosts = hosts(a);
                AccessoryCommands cmds = commands(a);
                stop(a, hosts);
                removeContainer(cmds, hosts);
                each(hosts, host -> {
                    crew.audit().record(host, "Removed " + a.name() + " accessory image");
                    crew.hosts().run(host, cmds.removeImage());
                    crew.hosts().run(host, cmds.removeServiceDirectory());
                    crew.hosts().run(host, cmds.removeEnvFile());
                    crew.console().info(host, "Removed accessory " + a.name() + ": its container, image, data directory and env file");
                });
            }
        });
    }

    private void removeContainer(AccessoryCommands cmds, List<String> hosts) {
        each(hosts, host -> {
            crew.audit().record(host, "Remove " + cmds.accessory().name() + " accessory container");
            crew.hosts().run(host, cmds.removeContainer());
        });
    }

    /** Kamal 1 → 2: reboots accessories into the {@code kamal} network, all hosts at once or one host at a time. */
    public void upgrade(String name, boolean rolling) {
        crew.lock().withLock(() -> {
            List<String> all = crew.targets().accessoryHosts();
            List<List<String>> groups = rolling ? all.stream().map(List::of).toList() : List.of(all);
            for (List<String> group : groups) {
                String list = String.join(",", group);
                crew.console().info("Upgrading " + name + " accessories on " + list + "...");
                for (Accessory a : select(name)) {
                    List<String> hosts = new ArrayList<>(hosts(a));
                    hosts.retainAll(group);
                    if (!hosts.isEmpty()) reboot(a, hosts);
                }
                crew.console().info("Upgraded " + name + " accessories on " + list + "...");
            }
        });
    }

    private AccessoryCommands commands(Accessory accessory) {
        return new AccessoryCommands(crew.config(), accessory);
    }

    private void each(List<String> hosts, Consumer<String> step) {
        crew.hosts().each(hosts, h -> {
            step.accept(h);
            return null;
        }).check();
    }

    /** Ruby's {@code to_sentence}: {@code a}, {@code a and b}, {@code a, b, and c}. */
    static String sentence(List<String> words) {
        if (words.size() == 1) return words.get(0);
        if (words.size() == 2) return words.get(0) + " and " + words.get(1);
        return String.join(", ", words.subList(0, words.size() - 1)) + ", and " + words.get(words.size() - 1);
    }
}
