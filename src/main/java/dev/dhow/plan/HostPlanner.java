package dev.dhow.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhow.commands.AccessoryCommands;
import dev.dhow.commands.AppCommands;
import dev.dhow.commands.PlanCommands;
import dev.dhow.commands.ProxyCommands;
import dev.dhow.commands.ProxyPaths;
import dev.dhow.config.Accessory;
import dev.dhow.config.Configuration;
import dev.dhow.config.DockerOption;
import dev.dhow.config.Env;
import dev.dhow.config.MountPath;
import dev.dhow.config.ProxyRun;
import dev.dhow.config.Role;
import dev.dhow.config.SecretSource;
import dev.dhow.config.envfile.EnvFile;
import dev.dhow.core.DhowException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, for one host, what {@code dhow deploy} would change there: compares the host's {@link Snapshot} with the
 * commands a deploy would run (the real builders' {@code docker run} and {@code kamal-proxy deploy}, read back by
 * {@link RunArgs} and {@link ShellWords}). Pure: the snapshot, the secrets and the local files' digests come in.
 */
public final class HostPlanner {
    private static final Set<String> ACTIVE = Set.of("running", "restarting");

    private final Configuration config;
    private final String version;
    private final SecretSource secrets;
    private final Map<String, Map<String, String>> accessoryFiles;

    /**
     * @param version        the version a deploy would boot
     * @param accessoryFiles per accessory, the SHA-256 of each file a boot would upload (rendered when ERB), by its
     *                       local path as deploy.yml names it
     */
    public HostPlanner(Configuration config, String version, SecretSource secrets, Map<String, Map<String, String>> accessoryFiles) {
        this.config = config;
        this.version = version;
        this.secrets = secrets;
        this.accessoryFiles = Map.copyOf(accessoryFiles);
    }

    /**
     * The plan for {@code host}, whose state is {@code snapshot}.
     *
     * @param dockerError what Docker said when it did not answer (its stderr)
     */
    public HostPlan plan(String host, PlanCommands.Scope scope, Snapshot snapshot, String dockerError) {
        List<Resource> out = new ArrayList<>();
        switch (snapshot.docker()) {
            case MISSING -> {
                out.add(resource(Resource.Kind.HOST, "docker", Resource.Action.FAIL,
                        "Docker is not installed: dhow deploy would fail; dhow setup installs it"));
                return new HostPlan(host, out);
            }
            case FAILED -> {
                String why = dockerError.strip().lines().findFirst().orElse("no answer");
                out.add(resource(Resource.Kind.HOST, "docker", Resource.Action.UNKNOWN, "Docker did not answer: " + why));
                return new HostPlan(host, out);
            }
            default -> { }
        }
        if (!snapshot.network()) {
            out.add(resource(Resource.Kind.NETWORK, "kamal", Resource.Action.CREATE, "dhow deploy creates it"));
        }
        if (scope.proxy()) out.add(proxy(host, snapshot));
        for (Role role : scope.roles()) {
            Optional<JsonNode> current = app(host, role, snapshot, out);
            if (role.runningProxy()) out.add(route(host, role, snapshot, current));
        }
        for (Accessory accessory : scope.accessories()) out.add(accessory(host, accessory, snapshot));
        prune(snapshot).ifPresent(out::add);
        return new HostPlan(host, out);
    }

    // --- app containers ---

    /** Adds the role's resource; returns its current container. */
    private Optional<JsonNode> app(String host, Role role, Snapshot snapshot, List<Resource> out) {
        List<JsonNode> running = snapshot.containers().values().stream()
                .filter(c -> label(c, "service").equals(config.service())
                        && label(c, "destination").equals(config.destination().orElse(""))
                        && label(c, "role").equals(role.name())
                        && ACTIVE.contains(c.path("State").path("Status").asText()))
                .sorted(Comparator.comparing((JsonNode c) -> c.path("Created").asText()).reversed())
                .toList();
        // As the deploy finds it: the newest running container of the image tagged latest, else the newest running one.
        String latestId = Optional.ofNullable(snapshot.images().get(config.latestImage())).map(i -> i.path("Id").asText()).orElse("");
        Optional<JsonNode> current = running.stream().filter(c -> c.path("Image").asText().equals(latestId)).findFirst()
                .or(() -> running.stream().findFirst());
        String image = snapshot.images().containsKey(config.absoluteImage(version)) ? "image on the host" : "image not on the host yet";
        if (current.isEmpty()) {
            out.add(resource(Resource.Kind.APP, role.name(), Resource.Action.CREATE, "no running container: dhow deploy boots " + version + " (" + image + ")"));
            return current;
        }
        JsonNode container = current.get();
        String running0 = name(container).substring(role.containerPrefix().length() + 1);
        AppCommands app = new AppCommands(config, role, host);
        RunArgs expected = RunArgs.parse(words(app.run(running0, Optional.empty()).shellLine(), snapshot), bareFlags(role.options()));
        ContainerDiff.Result diff = ContainerDiff.compare(expected, container, snapshot.imageOf(container), new ContainerDiff.Secrets(
                digests(role.env(host), "env/secret"), snapshot.envKeys().getOrDefault(config.roleSecretsPath(role), Set.of())));
        List<Change> changes = new ArrayList<>(diff.changes());
        for (JsonNode stale : running) {
            if (stale != container) changes.add(Change.removed("container", name(stale) + " (running: dhow deploy stops it)"));
        }
        boolean newVersion = !running0.equals(version);
        Resource.Action action = newVersion || !changes.isEmpty() ? Resource.Action.UPDATE : Resource.Action.NONE;
        String summary = newVersion ? running0 + " → " + version + " (" + image + ")"
                : changes.isEmpty() ? version : version + ", booted again with the changes below";
        out.add(new Resource(Resource.Kind.APP, role.name(), action, summary, changes, diff.notes()));
        return current;
    }

    private Resource route(String host, Role role, Snapshot snapshot, Optional<JsonNode> current) {
        String service = role.containerPrefix();
        Optional<JsonNode> saved = snapshot.proxyState().map(s -> s.get(service));
        if (saved.isEmpty()) return resource(Resource.Kind.ROUTE, service, Resource.Action.CREATE, "dhow deploy adds it to kamal-proxy");
        AppCommands app = new AppCommands(config, role, host);
        Optional<String> id = current.map(c -> c.path("Id").asText().substring(0, 12));
        String at = current.map(c -> name(c).substring(role.containerPrefix().length() + 1)).orElse(version);
        List<String> deploy = words(app.deployToProxy(id.orElse("CONTAINER"), at).shellLine(), snapshot);
        List<Change> changes = RouteDiff.compare(deploy, saved.get(), id.filter(i -> at.equals(version)));
        List<String> notes = RouteDiff.paused(saved.get()).map(List::of).orElse(List.of());
        return new Resource(Resource.Kind.ROUTE, service, changes.isEmpty() ? Resource.Action.NONE : Resource.Action.UPDATE,
                changes.isEmpty() ? "" : "dhow deploy changes it", changes, notes);
    }

    // --- kamal-proxy ---

    private Resource proxy(String host, Snapshot snapshot) {
        ProxyCommands proxy = new ProxyCommands(config, host);
        Optional<ProxyRun> run = config.proxyRun(host);
        JsonNode container = snapshot.containers().get(ProxyPaths.CONTAINER_NAME);
        if (container == null) {
            return resource(Resource.Kind.PROXY, "", Resource.Action.CREATE, "not on the host: dhow deploy runs "
                    + run.map(ProxyRun::image).orElse("it"));
        }
        String image = container.path("Config").path("Image").asText();
        String tag = image.substring(image.lastIndexOf(':') + 1);
        if (ProxyCommands.olderThanMinimum(tag)) {
            return resource(Resource.Kind.PROXY, "", Resource.Action.FAIL, "version " + tag + " is older than " + ProxyRun.MINIMUM_VERSION
                    + ": dhow deploy would stop; dhow proxy reboot updates it");
        }
        List<String> words;
        if (run.isPresent()) {
            words = words(proxy.run().shellLine(), snapshot);
        } else {
            // The legacy boot files: `echo <files> | xargs docker run …` appends what they say to the run.
            String line = proxy.run().shellLine();
            List<String> base = words(line.substring(line.lastIndexOf(" | xargs ") + " | xargs ".length()), snapshot);
            words = new ArrayList<>(base);
            words.addAll(words(snapshot.proxyBoot().orElse(""), snapshot));
        }
        ContainerDiff.Result diff = ContainerDiff.compare(RunArgs.parse(words, bareFlags(run.map(ProxyRun::options).orElse(List.of()))),
                container, snapshot.imageOf(container), ContainerDiff.Secrets.NONE);
        boolean running = ACTIVE.contains(container.path("State").path("Status").asText());
        if (!diff.changes().isEmpty()) {
            return new Resource(Resource.Kind.PROXY, "", Resource.Action.REBOOT, (running ? "" : "stopped; ")
                    + "differs from deploy.yml: dhow proxy reboot applies it (dhow deploy does not)", diff.changes(), diff.notes());
        }
        if (!running) return new Resource(Resource.Kind.PROXY, "", Resource.Action.UPDATE, "stopped: dhow deploy starts it", List.of(), diff.notes());
        return new Resource(Resource.Kind.PROXY, "", Resource.Action.NONE, tag, List.of(), diff.notes());
    }

    // --- accessories ---

    private Resource accessory(String host, Accessory accessory, Snapshot snapshot) {
        String name = accessory.name();
        JsonNode container = snapshot.containers().get(accessory.serviceName());
        if (container == null) {
            return resource(Resource.Kind.ACCESSORY, name, Resource.Action.CREATE, "not on the host: dhow setup boots it (dhow accessory boot " + name + ")");
        }
        AccessoryCommands commands = new AccessoryCommands(config, accessory);
        RunArgs expected = RunArgs.parse(words(commands.run(Optional.of(host)).shellLine(), snapshot), bareFlags(accessory.options()));
        ContainerDiff.Result diff = ContainerDiff.compare(expected, container, snapshot.imageOf(container), new ContainerDiff.Secrets(
                digests(accessory.env(), "accessories/" + name + "/env/secret"),
                snapshot.envKeys().getOrDefault(config.accessorySecretsPath(accessory), Set.of())));
        List<Change> changes = new ArrayList<>(diff.changes());
        List<String> notes = new ArrayList<>(diff.notes());
        Map<String, String> local = accessoryFiles.getOrDefault(name, Map.of());
        for (MountPath f : accessory.files()) {
            String remote = accessory.fileHostPath(f);
            String onHost = snapshot.fileDigests().get(remote);
            if (onHost == null) changes.add(Change.added("file", remote));
            // Its content may hold secrets (an ERB file sees them): only that it changed.
            else if (!onHost.equals(local.get(f.local()))) changes.add(Change.hidden(Change.Op.CHANGE, "file " + remote));
        }
        for (MountPath d : accessory.directories()) {
            String path = accessory.directoryHostPath(d);
            String stat = snapshot.directories().get(path);
            if (stat == null) {
                changes.add(Change.added("directory", path));
                continue;
            }
            String[] f = stat.split(" ");
            d.mode().filter(m -> Integer.parseInt(m, 8) != Integer.parseInt(f[0], 8))
                    .ifPresent(m -> changes.add(Change.changed("directory " + path + " mode", f[0], m)));
            d.owner().filter(o -> !owner(o, f[1], f[2])).ifPresent(o -> changes.add(Change.changed("directory " + path + " owner", f[2], o)));
        }
        if (accessory.runningProxy()) {
            Optional<JsonNode> saved = snapshot.proxyState().map(s -> s.get(accessory.serviceName()));
            if (saved.isEmpty()) {
                changes.add(Change.added("proxy route", accessory.serviceName()));
            } else {
                String id = container.path("Id").asText().substring(0, 12);
                for (Change c : RouteDiff.compare(words(commands.deployToProxy(id, config.latestTag()).shellLine(), snapshot), saved.get(), Optional.of(id))) {
                    changes.add(new Change(c.op(), "proxy " + c.field(), c.before(), c.after(), c.secret()));
                }
            }
        }
        boolean running = ACTIVE.contains(container.path("State").path("Status").asText());
        if (!changes.isEmpty()) {
            return new Resource(Resource.Kind.ACCESSORY, name, Resource.Action.REBOOT, (running ? "" : "stopped; ")
                    + "needs a reboot: dhow accessory reboot " + name + " (dhow deploy does not reboot accessories)", changes, notes);
        }
        if (!running) {
            return new Resource(Resource.Kind.ACCESSORY, name, Resource.Action.UPDATE,
                    "stopped: dhow accessory start " + name + " (dhow deploy does not start accessories)", List.of(), notes);
        }
        return new Resource(Resource.Kind.ACCESSORY, name, Resource.Action.NONE, "", List.of(), notes);
    }

    private static boolean owner(String configured, String numeric, String named) {
        String[] want = configured.split(":", 2);
        String[] ids = numeric.split(":", 2);
        String[] names = named.split(":", 2);
        boolean user = want[0].equals(ids[0]) || want[0].equals(names[0]);
        boolean group = want.length < 2 || want[1].equals(ids[1]) || want[1].equals(names[1]);
        return user && group;
    }

    // --- prune ---

    private Optional<Resource> prune(Snapshot snapshot) {
        List<Change> changes = new ArrayList<>();
        for (String id : snapshot.pruneContainers()) changes.add(Change.removed("container", snapshot.containerName(id)));
        for (String line : snapshot.pruneImages()) {
            String[] f = line.split(" ", 2);
            changes.add(Change.removed("image", f.length == 2 ? f[1] : f[0]));
        }
        for (String id : snapshot.pruneDangling()) changes.add(Change.removed("image", id + " (dangling)"));
        if (changes.isEmpty()) return Optional.empty();
        long containers = changes.stream().filter(c -> c.field().equals("container")).count();
        String summary = containers + " stopped container" + (containers == 1 ? "" : "s") + ", " + (changes.size() - containers)
                + " image" + (changes.size() - containers == 1 ? "" : "s") + ": what dhow prune all would remove now";
        return Optional.of(new Resource(Resource.Kind.PRUNE, "", Resource.Action.REMOVE, summary, changes, List.of()));
    }

    // --- helpers ---

    /** The env a deploy's env file would carry, each value as the SHA-256 of its line in the file. */
    private Map<String, String> digests(Env env, String keyPath) {
        Map<String, String> out = new LinkedHashMap<>();
        env.secretKeys().forEach((name, key) -> {
            String value = secrets.find(key).orElseThrow(() -> new DhowException(
                    keyPath + ": secret " + key + " (for " + name + ") not found in the secrets files"));
            out.put(name, ContainerDiff.sha256(EnvFile.escapeValue(value)));
        });
        return out;
    }

    private static List<String> words(String line, Snapshot snapshot) {
        return ShellWords.split(line, Map.of("PWD", snapshot.home()));
    }

    private static Set<String> bareFlags(List<DockerOption> options) {
        return options.stream().filter(DockerOption::flag).map(DockerOption::name).collect(Collectors.toSet());
    }

    private static String label(JsonNode container, String name) {
        return container.path("Config").path("Labels").path(name).asText("");
    }

    private static String name(JsonNode container) {
        return container.path("Name").asText().replaceFirst("^/", "");
    }

    private static Resource resource(Resource.Kind kind, String name, Resource.Action action, String summary) {
        return new Resource(kind, name, action, summary, List.of(), List.of());
    }
}
