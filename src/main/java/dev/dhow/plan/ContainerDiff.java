package dev.dhow.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a running container ({@code docker inspect}) with the {@code docker run} a deploy would execute, field by
 * field: image, command, restart policy, network, env (secrets by SHA-256 only), labels, volumes, logging, published
 * ports and the {@code options:} Docker records. Fields the image supplies (env, labels, command, user…) count as
 * unchanged when deploy.yml does not set them. Options it cannot read back from Docker are named in the notes.
 */
final class ContainerDiff {
    /** The fields that differ, and what could not be compared. */
    record Result(List<Change> changes, List<String> notes) {}

    /**
     * The secret env a deploy would give the container, as digests, and which keys the host's env file holds now
     * (their values in the running container may be secrets, so they are never shown).
     *
     * @param expected env name → SHA-256 (hex) of the value as the env file carries it
     */
    record Secrets(Map<String, String> expected, Set<String> onHost) {
        static final Secrets NONE = new Secrets(Map.of(), Set.of());
    }

    private static final long SHM_DEFAULT = 64L * 1024 * 1024;
    // Options a deploy passes that say nothing about the container's definition, or that the plan handles on its own.
    private static final Set<String> HANDLED = Set.of("detach", "name", "hostname", "env-file", "env", "label", "volume",
            "restart", "network", "log-driver", "log-opt", "publish", "entrypoint", "expose");

    private ContainerDiff() {}

    static Result compare(RunArgs expected, JsonNode container, Optional<JsonNode> image, Secrets secrets) {
        JsonNode config = container.path("Config");
        JsonNode host = container.path("HostConfig");
        JsonNode imageConfig = image.map(i -> i.path("Config")).orElse(null);
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        scalar(changes, "image", expected.image(), config.path("Image").asText(), null);
        command(changes, "entrypoint", expected.value("entrypoint").map(List::of), config.path("Entrypoint"), imageConfig == null ? null : imageConfig.path("Entrypoint"));
        command(changes, "cmd", expected.command().isEmpty() ? Optional.empty() : Optional.of(expected.command()), config.path("Cmd"),
                imageConfig == null ? null : imageConfig.path("Cmd"));
        scalar(changes, "restart", expected.value("restart").orElse("no"), restart(host.path("RestartPolicy")), null);
        scalar(changes, "network", expected.value("network").orElse("default"), host.path("NetworkMode").asText(), null);
        env(changes, expected, config.path("Env"), imageConfig == null ? null : imageConfig.path("Env"), secrets);
        labels(changes, expected, config.path("Labels"), imageConfig == null ? null : imageConfig.path("Labels"));
        list(changes, "volume", expected.values("volume"), strings(host.path("Binds")));
        logging(changes, expected, host.path("LogConfig"));
        list(changes, "publish", expected.values("publish").stream().map(ContainerDiff::publish).toList(), published(host.path("PortBindings")));
        options(changes, notes, expected, config, host, imageConfig);
        return new Result(List.copyOf(changes), List.copyOf(notes));
    }

    // --- fields ---

    private static void scalar(List<Change> changes, String field, String expected, String actual, String absent) {
        if (ShellWords.matches(expected, actual)) return;
        String shown = ShellWords.display(expected);
        if (absent != null && actual.equals(absent)) changes.add(Change.added(field, shown));
        else if (absent != null && expected.equals(absent)) changes.add(Change.removed(field, actual));
        else changes.add(Change.changed(field, actual, shown));
    }

    private static void command(List<Change> changes, String field, Optional<List<String>> expected, JsonNode actual, JsonNode image) {
        List<String> want;
        if (expected.isPresent()) want = expected.get();
        else if (image != null) want = strings(image);
        else return;
        List<String> have = strings(actual);
        if (have.size() == want.size()) {
            boolean same = true;
            for (int i = 0; i < want.size(); i++) same &= ShellWords.matches(want.get(i), have.get(i));
            if (same) return;
        }
        changes.add(Change.changed(field, String.join(" ", have), ShellWords.display(String.join(" ", want))));
    }

    private static String restart(JsonNode policy) {
        String name = policy.path("Name").asText();
        if (name.isEmpty()) name = "no";
        int retries = policy.path("MaximumRetryCount").asInt();
        return retries > 0 ? name + ":" + retries : name;
    }

    private static void env(List<Change> changes, RunArgs expected, JsonNode actualEnv, JsonNode imageEnv, Secrets secrets) {
        Map<String, String> clear = new LinkedHashMap<>();
        Set<String> passedThrough = new TreeSet<>();
        for (String v : expected.values("env")) {
            int eq = v.indexOf('=');
            if (eq < 0) passedThrough.add(v);
            else clear.put(v.substring(0, eq), v.substring(eq + 1));
        }
        Map<String, String> actual = pairs(actualEnv);
        Map<String, String> fromImage = imageEnv == null ? Map.of() : pairs(imageEnv);
        clear.forEach((key, value) -> {
            String field = "env " + key;
            if (!actual.containsKey(key)) {
                changes.add(Change.added(field, ShellWords.display(value)));
            } else if (!ShellWords.matches(value, actual.get(key))) {
                if (secrets.onHost().contains(key)) {
                    changes.add(new Change(Change.Op.CHANGE, field, Optional.empty(), Optional.of(ShellWords.display(value)), false));
                } else {
                    changes.add(Change.changed(field, actual.get(key), ShellWords.display(value)));
                }
            }
        });
        secrets.expected().forEach((key, digest) -> {
            if (clear.containsKey(key)) return;
            String field = "env " + key;
            if (!actual.containsKey(key)) changes.add(Change.hidden(Change.Op.ADD, field));
            else if (!sha256(actual.get(key)).equals(digest)) changes.add(Change.hidden(Change.Op.CHANGE, field));
        });
        actual.forEach((key, value) -> {
            if (clear.containsKey(key) || secrets.expected().containsKey(key) || passedThrough.contains(key)) return;
            if (value.equals(fromImage.get(key))) return;
            // Never its value: it may have come from an env file, that is, been a secret.
            changes.add(Change.hidden(Change.Op.REMOVE, "env " + key));
        });
    }

    private static void labels(List<Change> changes, RunArgs expected, JsonNode actualLabels, JsonNode imageLabels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (String v : expected.values("label")) {
            int eq = v.indexOf('=');
            want.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
        }
        Map<String, String> have = fields(actualLabels);
        Map<String, String> fromImage = imageLabels == null ? Map.of() : fields(imageLabels);
        want.forEach((key, value) -> {
            String field = "label " + key;
            if (!have.containsKey(key)) changes.add(Change.added(field, ShellWords.display(value)));
            else if (!ShellWords.matches(value, have.get(key))) changes.add(Change.changed(field, have.get(key), ShellWords.display(value)));
        });
        have.forEach((key, value) -> {
            if (!want.containsKey(key) && !value.equals(fromImage.get(key))) changes.add(Change.removed("label " + key, value));
        });
    }

    private static void logging(List<Change> changes, RunArgs expected, JsonNode log) {
        // Without a driver in deploy.yml the daemon's default applies, which docker inspect shows but the plan
        // cannot tell from a chosen one; likewise the daemon's default options are merged into the container's.
        expected.value("log-driver").ifPresent(d -> scalar(changes, "log-driver", d, log.path("Type").asText(), null));
        Map<String, String> have = fields(log.path("Config"));
        for (String v : expected.values("log-opt")) {
            int eq = v.indexOf('=');
            String key = eq < 0 ? v : v.substring(0, eq);
            String value = eq < 0 ? "" : v.substring(eq + 1);
            String field = "log-opt " + key;
            if (!have.containsKey(key)) changes.add(Change.added(field, ShellWords.display(value)));
            else if (!ShellWords.matches(value, have.get(key))) changes.add(Change.changed(field, have.get(key), ShellWords.display(value)));
        }
    }

    /** Items of a list-valued field: each one added or removed. */
    private static void list(List<Change> changes, String field, List<String> expected, List<String> actual) {
        List<String> unmatched = new ArrayList<>(actual);
        for (String e : expected) {
            Optional<String> hit = unmatched.stream().filter(a -> ShellWords.matches(e, a)).findFirst();
            if (hit.isPresent()) unmatched.remove(hit.get());
            else changes.add(Change.added(field, ShellWords.display(e)));
        }
        for (String a : unmatched) changes.add(Change.removed(field, a));
    }

    // --- options: deploy.yml's options:, as Docker records them ---

    /** How Docker records one option, and its value when the option is not given. */
    private record Known(Function<Context, Object> actual, Function<List<String>, Object> expected, Function<Context, Object> absent) {}

    private record Context(JsonNode config, JsonNode host, JsonNode image) {
        String imageText(String field) {
            return image == null ? null : image.path(field).asText();
        }
    }

    private static final Map<String, Known> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("cpus", new Known(c -> cpus(c.host().path("NanoCpus").asLong()), v -> cpus(Math.round(Double.parseDouble(last(v)) * 1e9)), c -> "0"));
        OPTIONS.put("memory", bytes("Memory"));
        OPTIONS.put("memory-reservation", bytes("MemoryReservation"));
        OPTIONS.put("memory-swap", new Known(c -> size(c.host().path("MemorySwap").asLong()),
                v -> last(v).equals("-1") ? "-1" : size(Bytes.parse(last(v))), c -> null));
        OPTIONS.put("cpu-shares", number("CpuShares"));
        OPTIONS.put("pids-limit", number("PidsLimit"));
        OPTIONS.put("cpuset-cpus", new Known(c -> c.host().path("CpusetCpus").asText(), ContainerDiff::last, c -> ""));
        OPTIONS.put("shm-size", new Known(c -> size(c.host().path("ShmSize").asLong()), v -> size(Bytes.parse(last(v))), c -> size(SHM_DEFAULT)));
        OPTIONS.put("user", new Known(c -> c.config().path("User").asText(), ContainerDiff::last, c -> c.imageText("User")));
        OPTIONS.put("workdir", new Known(c -> c.config().path("WorkingDir").asText(), ContainerDiff::last, c -> c.imageText("WorkingDir")));
        OPTIONS.put("stop-signal", new Known(c -> c.config().path("StopSignal").asText(), ContainerDiff::last, c -> c.imageText("StopSignal")));
        OPTIONS.put("stop-timeout", new Known(c -> c.config().path("StopTimeout").asText(""), ContainerDiff::last, c -> ""));
        OPTIONS.put("init", flag(c -> c.host().path("Init").asBoolean(false)));
        OPTIONS.put("privileged", flag(c -> c.host().path("Privileged").asBoolean(false)));
        OPTIONS.put("read-only", flag(c -> c.host().path("ReadonlyRootfs").asBoolean(false)));
        OPTIONS.put("add-host", set(c -> strings(c.host().path("ExtraHosts")), Function.identity()));
        OPTIONS.put("cap-add", set(c -> strings(c.host().path("CapAdd")), ContainerDiff::capability));
        OPTIONS.put("cap-drop", set(c -> strings(c.host().path("CapDrop")), ContainerDiff::capability));
        OPTIONS.put("security-opt", set(c -> strings(c.host().path("SecurityOpt")), Function.identity()));
        OPTIONS.put("group-add", set(c -> strings(c.host().path("GroupAdd")), Function.identity()));
        OPTIONS.put("dns", set(c -> strings(c.host().path("Dns")), Function.identity()));
        OPTIONS.put("sysctl", set(c -> fields(c.host().path("Sysctls")).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), Function.identity()));
        OPTIONS.put("tmpfs", set(c -> fields(c.host().path("Tmpfs")).entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + ":" + e.getValue()).toList(), Function.identity()));
        OPTIONS.put("ulimit", set(c -> list(c.host().path("Ulimits")).stream()
                .map(u -> u.path("Name").asText() + "=" + u.path("Soft").asText() + ":" + u.path("Hard").asText()).toList(), ContainerDiff::ulimit));
        OPTIONS.put("device", set(c -> list(c.host().path("Devices")).stream()
                .map(d -> d.path("PathOnHost").asText() + ":" + d.path("PathInContainer").asText() + ":" + d.path("CgroupPermissions").asText()).toList(),
                ContainerDiff::device));
    }

    private static void options(List<Change> changes, List<String> notes, RunArgs expected, JsonNode config, JsonNode host, JsonNode image) {
        Context context = new Context(config, host, image);
        OPTIONS.forEach((name, known) -> {
            List<String> given = expected.values(name);
            Object want = given.isEmpty() ? known.absent().apply(context) : known.expected().apply(given);
            if (want == null) return;
            Object have = known.actual().apply(context);
            String field = "option " + name;
            if (want instanceof TreeSet<?> wantSet) {
                TreeSet<?> haveSet = (TreeSet<?>) have;
                for (Object w : wantSet) if (!haveSet.contains(w)) changes.add(Change.added(field, w.toString()));
                for (Object h : haveSet) if (!wantSet.contains(h)) changes.add(Change.removed(field, h.toString()));
            } else if (!want.equals(have)) {
                Object absent = known.absent().apply(context);
                if (given.isEmpty()) changes.add(Change.removed(field, have.toString()));
                else if (have.equals(absent)) changes.add(Change.added(field, want.toString()));
                else changes.add(Change.changed(field, have.toString(), want.toString()));
            }
        });
        for (String name : expected.names()) {
            if (!HANDLED.contains(name) && !OPTIONS.containsKey(name)) notes.add("option --" + name + " is not compared");
        }
    }

    private static Known bytes(String field) {
        return new Known(c -> size(c.host().path(field).asLong()), v -> size(Bytes.parse(last(v))), c -> size(0));
    }

    private static Known number(String field) {
        return new Known(c -> String.valueOf(c.host().path(field).asLong(0)), v -> String.valueOf(Long.parseLong(last(v))), c -> "0");
    }

    private static Known flag(Function<Context, Boolean> actual) {
        return new Known(c -> String.valueOf(actual.apply(c)), v -> String.valueOf(last(v).isEmpty() || Boolean.parseBoolean(last(v))), c -> "false");
    }

    private static Known set(Function<Context, List<String>> actual, Function<String, String> normalize) {
        return new Known(c -> new TreeSet<>(actual.apply(c).stream().map(normalize).toList()),
                v -> new TreeSet<>(v.stream().map(normalize).toList()), c -> new TreeSet<String>());
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }

    private static String cpus(long nanoCpus) {
        return java.math.BigDecimal.valueOf(nanoCpus, 9).stripTrailingZeros().toPlainString();
    }

    private static String size(long bytes) {
        return Bytes.format(bytes);
    }

    private static String capability(String cap) {
        String c = cap.toUpperCase(Locale.ROOT);
        return c.startsWith("CAP_") ? c.substring(4) : c;
    }

    private static String ulimit(String value) {
        int eq = value.indexOf('=');
        String limits = value.substring(eq + 1);
        return limits.contains(":") ? value : value + ":" + limits;
    }

    private static String device(String value) {
        String[] p = value.split(":");
        String container = p.length > 1 ? p[1] : p[0];
        String perms = p.length > 2 ? p[2] : "rwm";
        return p[0] + ":" + container + ":" + perms;
    }

    // --- published ports: docker run -p [ip:][hostPort:]containerPort[/proto] ---

    private static String publish(String value) {
        String proto = "tcp";
        int slash = value.lastIndexOf('/');
        if (slash > 0) {
            proto = value.substring(slash + 1);
            value = value.substring(0, slash);
        }
        int last = value.lastIndexOf(':');
        String container = value.substring(last + 1);
        String rest = last < 0 ? "" : value.substring(0, last);
        int hostColon = rest.lastIndexOf(':');
        String hostPort = hostColon < 0 ? rest : rest.substring(hostColon + 1);
        String ip = hostColon < 0 ? "" : rest.substring(0, hostColon).replace("[", "").replace("]", "");
        return binding(ip, hostPort, container + "/" + proto);
    }

    private static List<String> published(JsonNode bindings) {
        List<String> out = new ArrayList<>();
        bindings.fields().forEachRemaining(e -> {
            if (e.getValue().isArray() && e.getValue().size() > 0) {
                e.getValue().forEach(b -> out.add(binding(b.path("HostIp").asText(), b.path("HostPort").asText(), e.getKey())));
            }
        });
        return out;
    }

    private static String binding(String ip, String hostPort, String containerPort) {
        String host = (ip.isEmpty() ? "" : (ip.contains(":") ? "[" + ip + "]" : ip) + ":") + hostPort;
        return host.isEmpty() ? containerPort : host + ":" + containerPort;
    }

    // --- JSON helpers ---

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) array.forEach(out::add);
        return out;
    }

    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isObject()) object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Map<String, String> pairs(JsonNode envList) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : strings(envList)) {
            int eq = kv.indexOf('=');
            if (eq > 0) out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    /** SHA-256 of {@code value} as lowercase hex: how the plan compares secrets without keeping or showing them. */
    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
