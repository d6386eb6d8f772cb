package dev.dhow.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural validation of the raw YAML tree, section by section in Kamal's order and with Kamal's wording
 * ({@code servers/web/hosts: should be an array}, {@code unknown keys: a, b}). Unlike Kamal it does not stop
 * at the first problem: it collects every one, each prefixed with its key path. It never changes the tree.
 */
final class Validator {
    /** Kamal's built-in top-level commands (and dhow's completion and plan): an alias may not shadow one. */
    static final Set<String> BUILT_IN_COMMANDS = Set.of("accessory", "app", "audit", "build", "config", "deploy",
            "details", "docs", "help", "init", "lock", "proxy", "prune", "redeploy", "registry", "remove",
            "rollback", "secrets", "server", "setup", "upgrade", "version", "completion", "plan");

    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-z0-9_-]+$");
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]*$");
    private static final Pattern RESTART = Pattern.compile("^(?:no|always|unless-stopped|on-failure(?::\\d+)?)$");
    private static final Set<String> ARCHES = Set.of("amd64", "arm64");
    private static final Set<String> DRIVERS = Set.of("docker-container", "docker", "kubernetes", "remote");
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal", "unknown");
    private static final List<String> HOST_SELECTORS = List.of("host", "hosts", "role", "roles", "tag", "tags");

    /** A check of one value at a key path. */
    @FunctionalInterface
    private interface Check {
        void apply(String path, Object value);
    }

    private final List<String> problems = new ArrayList<>();

    // --- value checks ---
    private final Check string = (p, v) -> { if (!stringish(v)) error(p, "should be a string"); };
    private final Check integer = (p, v) -> { if (!isInteger(v)) error(p, "should be an integer"); };
    private final Check bool = (p, v) -> { if (!(v instanceof Boolean)) error(p, "should be a boolean"); };
    private final Check hash = (p, v) -> { if (!(v instanceof Map)) error(p, "should be a hash"); };
    private final Check strings = arrayOf(string);
    private final Check labels = (p, v) -> {
        hashOf(string).apply(p, v);
        names(p, v, ValueRules::labelName);
    };
    // Integer settings dhow keeps as Java ints: larger values would wrap around.
    private final Check int32 = atLeast(Integer.MIN_VALUE, "");
    private final Check port = (p, v) -> {
        if (!isInteger(v)) error(p, "should be an integer");
        else if (!inRange(v, 1, 65535)) error(p, "should be a port number (1-65535)");
    };
    private final Check seconds = atLeast(0, "should not be negative");
    private final Check positiveSeconds = atLeast(1, "should be at least 1 second");
    private final Check bytes = (p, v) -> {
        if (!isInteger(v)) error(p, "should be an integer");
        else if (!inRange(v, Long.MIN_VALUE, Long.MAX_VALUE)) error(p, "is out of range");
        else if (((Number) v).longValue() < 0) error(p, "should not be negative");
    };
    private final Check options = (p, v) -> {
        hash.apply(p, v);
        names(p, v, ValueRules::optionName);
    };

    List<String> validate(Map<String, Object> raw) {
        fields("", raw, rootFields(), true);
        // Sections are then checked on their own, in the order Kamal builds them.
        if (raw.get("servers") instanceof List<?> list) hostList("servers", list);
        else if (raw.get("servers") instanceof Map<?, ?> servers) servers(DeepMerge.cast(servers));
        Object registry = raw.get("registry");
        if (registry == null || registry instanceof Map) registry("registry", Raw.map(registry));
        if (raw.get("accessories") instanceof Map<?, ?> accessories) accessories(DeepMerge.cast(accessories), raw);
        if (raw.get("aliases") instanceof Map<?, ?> aliases) aliases(DeepMerge.cast(aliases));
        if (raw.get("boot") instanceof Map<?, ?> boot) fields("boot", boot, bootFields(), false);
        Object builder = raw.get("builder");
        if (builder == null || builder instanceof Map) builder(Raw.map(builder));
        if (raw.get("env") instanceof Map<?, ?> env) env("env", DeepMerge.cast(env), true);
        if (raw.get("logging") instanceof Map<?, ?> logging) fields("logging", logging, loggingFields(), false);
        if (raw.get("output") instanceof Map<?, ?> output && !output.isEmpty()) output(DeepMerge.cast(output));
        if (raw.get("proxy") instanceof Map || raw.get("proxy") instanceof Boolean) proxy("proxy", raw.get("proxy"));
        if (raw.get("ssh") instanceof Map<?, ?> ssh) ssh(DeepMerge.cast(ssh));
        if (raw.get("sshkit") instanceof Map<?, ?> sshkit) fields("sshkit", sshkit, sshkitFields(), false);
        problems.addAll(ValueFormats.problems(raw));
        return List.copyOf(problems);
    }

    // --- root ---

    private Map<String, Check> rootFields() {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("service", (p, v) -> {
            string.apply(p, v);
            // Kamal's own check allows these first characters, but Docker refuses such container names.
            if (v instanceof String s && (s.startsWith("-") || s.startsWith("_"))) error(p, "should start with a letter or a digit");
        });
        f.put("image", string);
        f.put("labels", (p, v) -> {
            labels.apply(p, v);
            // Kamal only checks roles and accessories, but a root label is copied onto every role's containers.
            reservedLabels("", v);
        });
        f.put("volumes", strings);
        f.put("registry", hash);
        f.put("servers", (p, v) -> { if (!(v instanceof List || v instanceof Map)) error(p, "should be an array or a hash"); });
        f.put("env", hash);
        f.put("asset_path", this::assetPath);
        f.put("hooks_path", string);
        f.put("hooks_output", (p, v) -> {
            if (v instanceof Map<?, ?> m) m.forEach((hook, level) -> string.apply(join(p, hook), level));
            else string.apply(p, v);
        });
        f.put("secrets_path", string);
        f.put("error_pages_path", string);
        f.put("require_destination", bool);
        f.put("primary_role", string);
        f.put("allow_empty_roles", bool);
        f.put("retain_containers", int32);
        f.put("minimum_version", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) ValueRules.version(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        f.put("readiness_delay", seconds);
        f.put("deploy_timeout", positiveSeconds);
        f.put("drain_timeout", seconds);
        f.put("stop_timeout", seconds);
        f.put("run_directory", string);
        f.put("ssh", hash);
        f.put("builder", hash);
        f.put("accessories", hash);
        // A boolean passes here (as in Kamal) and is refused by the proxy section check below.
        f.put("proxy", (p, v) -> { if (!(v instanceof Boolean)) hash.apply(p, v); });
        f.put("sshkit", hash);
        f.put("boot", hash);
        f.put("logging", hash);
        f.put("output", hash);
        f.put("aliases", hash);
        return f;
    }

    // --- servers and roles ---

    private void servers(Map<String, Object> servers) {
        servers.forEach((name, config) -> {
            String path = "servers/" + name;
            if (!ValueRules.name(name)) error(path, "role names can only include alphanumeric characters, hyphens, and underscores");
            if (config instanceof List<?> list) {
                hostList(path, list);
            } else if (config instanceof Map<?, ?> m) {
                Map<String, Object> role = DeepMerge.cast(m);
                fields(path, role, roleFields(), false);
                reservedLabels(path, role.get("labels"));
                restartPolicy(path, role.get("options"));
                if (role.get("env") instanceof Map<?, ?> env) env(path + "/env", DeepMerge.cast(env), false);
                if (role.get("logging") instanceof Map<?, ?> logging) fields(path + "/logging", logging, loggingFields(), false);
                // proxy: true/false only switches the proxy on or off; a hash has settings to check.
                if (role.get("proxy") instanceof Map<?, ?> proxy) proxy(path + "/proxy", proxy);
            } else {
                error(path, "should be an array or a hash");
            }
        });
    }

    private Map<String, Check> roleFields() {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("hosts", (p, v) -> {
            if (v instanceof List<?> l) hostList(p, l);
            else error(p, "should be an array");
        });
        f.put("cmd", string);
        f.put("stop_timeout", seconds);
        f.put("options", options);
        f.put("logging", hash);
        f.put("proxy", (p, v) -> { if (!(v instanceof Boolean || v instanceof Map)) error(p, "should be a boolean or a hash"); });
        f.put("labels", labels);
        f.put("env", hash);
        f.put("asset_path", this::assetPath);
        return f;
    }

    private void hostList(String path, List<?> hosts) {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            String p = path + "/" + i;
            Object entry = hosts.get(i);
            String host;
            if (entry instanceof Map<?, ?> m) {
                if (m.size() != 1) {
                    error(p, "multiple hosts found");
                    continue;
                }
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                host = String.valueOf(e.getKey());
                String tp = join(p, e.getKey());
                Object tags = e.getValue();
                if (tags instanceof List<?> l) strings.apply(tp, l);
                else if (!stringish(tags)) error(tp, "should be a string or an array");
            } else if (!stringish(entry)) {
                error(p, "should be a string or a hash");
                continue;
            } else {
                host = Raw.text(entry);
            }
            host(p, host, seen);
        }
    }

    /** One host of a list: its form, and not the same as an earlier entry of the list (a typo hiding a host). */
    private void host(String path, String host, Map<String, String> seen) {
        Optional<String> problem = ValueRules.host(host);
        if (problem.isPresent()) {
            error(path, problem.get());
            return;
        }
        String earlier = seen.putIfAbsent(host, path);
        if (earlier != null) error(path, host + " is listed twice (also " + earlier + ")");
    }

    private void reservedLabels(String path, Object labels) {
        if (!(labels instanceof Map<?, ?> m)) return;
        for (Object key : m.keySet()) {
            if (Set.of("destination", "role", "service").contains(String.valueOf(key))) {
                error(join(path, "labels/" + key), "invalid label. destination, role, and service are reserved labels");
            }
        }
    }

    private void restartPolicy(String path, Object options) {
        if (!(options instanceof Map<?, ?> m) || !m.containsKey("restart")) return;
        Object policy = m.get("restart");
        String p = path + "/options/restart";
        if (!(policy instanceof String s)) error(p, "should be a string. Use \"no\" to disable restarts");
        else if (!RESTART.matcher(s).matches()) error(p, "should be no, always, unless-stopped, on-failure, or on-failure:N");
    }

    // --- registry ---

    private void registry(String path, Map<String, Object> registry) {
        Map<String, Object> rest = new LinkedHashMap<>(registry);
        rest.remove("username");
        rest.remove("password");
        fields(path, rest, Map.of("server", registryServer), false);
        boolean local = Raw.str(registry, "server").map(s -> Pattern.compile("^localhost[:$]").matcher(s).find()).orElse(false);
        if (local) return;
        for (String key : List.of("username", "password")) {
            Object value = registry.get(key);
            String p = path + "/" + key;
            if (Raw.blank(value) && !(value instanceof Boolean)) {
                error(p, "is required");
            } else if (!(value instanceof String || value instanceof List<?> l && l.size() == 1 && l.get(0) instanceof String)) {
                error(p, "should be a string or an array with one string (for secret lookup)");
            } else if (value instanceof List<?> l) {
                ValueRules.secretName((String) l.get(0)).ifPresent(m -> error(p + "/0", m));
            }
        }
    }

    // --- accessories ---

    private void accessories(Map<String, Object> accessories, Map<String, Object> raw) {
        List<String> roleNames = roleNames(raw);
        accessories.forEach((name, config) -> {
            String path = "accessories/" + name;
            if (!(config instanceof Map<?, ?> m)) {
                error(path, "should be a hash");
                return;
            }
            Map<String, Object> a = DeepMerge.cast(m);
            if (!ValueRules.name(name)) error(path, "accessory names can only include alphanumeric characters, hyphens, and underscores");
            fields(path, a, accessoryFields(), false);
            if (HOST_SELECTORS.stream().filter(a::containsKey).count() != 1) {
                error(path, "specify one of `host`, `hosts`, `role`, `roles`, `tag` or `tags`");
            }
            if ((a.containsKey("tag") || a.containsKey("tags")) && raw.get("servers") instanceof List) {
                // Kamal crashes here; tags can only be written on hosts listed under a named role.
                error(path, "tag and tags need servers written as a hash of roles (servers: {web: [{host: tag}]})");
            }
            reservedLabels(path, a.get("labels"));
            restartPolicy(path, a.get("options"));
            if (a.get("roles") instanceof List<?> roles) {
                List<String> missing = Raw.strings(roles).stream().filter(r -> !roleNames.contains(r)).toList();
                if (!missing.isEmpty()) error(path, "unknown roles " + String.join(", ", missing));
            } else if (a.containsKey("role") && stringish(a.get("role")) && !roleNames.contains(Raw.text(a.get("role")))) {
                error(path, "unknown role " + Raw.text(a.get("role")));
            }
            if (a.get("env") instanceof Map<?, ?> env) env(path + "/env", DeepMerge.cast(env), false);
            if (a.get("proxy") instanceof Map<?, ?> proxy && !proxy.isEmpty()) proxy(path + "/proxy", proxy);
            if (a.get("registry") instanceof Map<?, ?> reg && !reg.isEmpty()) registry(path + "/registry", DeepMerge.cast(reg));
        });
    }

    private static List<String> roleNames(Map<String, Object> raw) {
        Object servers = raw.get("servers");
        if (servers instanceof List) return List.of("web");
        if (servers instanceof Map<?, ?> m) return m.keySet().stream().map(String::valueOf).toList();
        return List.of();
    }

    private Map<String, Check> accessoryFields() {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("service", (p, v) -> {
            string.apply(p, v);
            if (stringish(v) && !SERVICE_NAME.matcher(Raw.text(v)).matches()) {
                error(p, "can only include alphanumeric characters, hyphens, and underscores, starting with a letter or a digit");
            }
        });
        f.put("image", string);
        f.put("registry", hash);
        f.put("host", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) host(p, Raw.text(v), new HashMap<>());
        });
        f.put("hosts", (p, v) -> {
            strings.apply(p, v);
            Map<String, String> seen = new HashMap<>();
            if (v instanceof List<?> l) for (int i = 0; i < l.size(); i++) if (stringish(l.get(i))) host(p + "/" + i, Raw.text(l.get(i)), seen);
        });
        f.put("role", string);
        f.put("roles", uniqueStrings);
        f.put("tag", string);
        f.put("tags", uniqueStrings);
        f.put("cmd", string);
        f.put("port", string);
        f.put("labels", labels);
        f.put("options", options);
        f.put("env", hash);
        f.put("files", this::paths);
        f.put("directories", this::paths);
        f.put("volumes", strings);
        f.put("network", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) ValueRules.network(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        f.put("proxy", (p, v) -> { if (!(v instanceof Boolean || v instanceof Map)) error(p, "should be a hash"); });
        return f;
    }

    private void paths(String path, Object value) {
        if (!(value instanceof List<?> list)) {
            error(path, "should be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            String p = path + "/" + i;
            if (entry instanceof Map<?, ?> m) {
                fields(p, m, Map.of("local", string, "remote", string, "mode", string, "owner", string, "options", string), false);
            } else if (!stringish(entry)) {
                error(p, "should be a string or a hash");
            }
        }
    }

    // --- aliases, boot, builder, logging, output ---

    private void aliases(Map<String, Object> aliases) {
        aliases.forEach((name, command) -> {
            String path = "aliases/" + name;
            string.apply(path, command);
            if (command instanceof String s && s.isBlank()) error(path, "should not be empty");
            if (!ALIAS_NAME.matcher(name).matches()) {
                error(path, "Invalid alias name: '" + name + "'. Must only contain lowercase letters, alphanumeric, hyphens and underscores.");
            }
            if (BUILT_IN_COMMANDS.contains(name)) error(path, "Alias '" + name + "' conflicts with a built-in command.");
        });
    }

    private Map<String, Check> bootFields() {
        return Map.of("limit", (p, v) -> {
            string.apply(p, v);
            if (!stringish(v)) return;
            String limit = Raw.text(v).strip();
            boolean pct = limit.endsWith("%");
            String digits = pct ? limit.substring(0, limit.length() - 1) : limit;
            // Kamal reads "abc" or "-1" as 0 hosts per group; dhow refuses what cannot be a group size.
            if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) < 1 || pct && Integer.parseInt(digits) > 100) {
                error(p, "should be a number of hosts (1 or more) or a percentage (1% to 100%)");
            }
        }, "wait", seconds, "parallel_roles", bool);
    }

    private void builder(Map<String, Object> b) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("arch", (p, v) -> {
            boolean ok = v instanceof List<?> l ? l.stream().allMatch(Validator::stringish) : stringish(v);
            if (!ok) error(p, "should be an array or a string");
            else arches(p, v);
        });
        f.put("remote", string);
        f.put("local", bool);
        f.put("pack", (p, v) -> fields(p, v, Map.of("builder", string, "buildpacks", strings), false));
        f.put("cache", (p, v) -> fields(p, v, Map.of("type", string, "options", string, "image", string), false));
        f.put("context", string);
        f.put("dockerfile", string);
        f.put("target", string);
        f.put("args", (p, v) -> {
            hash.apply(p, v);
            names(p, v, ValueRules::envName);
        });
        f.put("secrets", (p, v) -> {
            uniqueStrings.apply(p, v);
            secretNames(p, v);
        });
        f.put("ssh", string);
        f.put("driver", (p, v) -> {
            string.apply(p, v);
            if (stringish(v) && !DRIVERS.contains(Raw.text(v)) && !Raw.text(v).matches("cloud [^\\s]+")) {
                error(p, "should be docker-container, docker, kubernetes, remote or cloud ORG/BUILDER");
            }
        });
        f.put("provenance", string);
        f.put("sbom", bool);
        fields("builder", b, f, false);
        if (b.get("cache") instanceof Map<?, ?> cache && cache.get("type") != null) {
            String type = Raw.text(cache.get("type"));
            if (!type.equals("gha") && !type.equals("registry")) error("builder", "Invalid cache type: " + type);
        }
        if (Raw.blank(b.get("arch"))) error("builder", "Builder arch not set");
        if (b.get("pack") != null && b.get("arch") instanceof List<?> l && l.size() > 1) {
            error("builder", "buildpacks only support building for one arch");
        }
        if (Boolean.FALSE.equals(b.get("local")) && Raw.blank(b.get("remote"))) {
            error("builder", "Cannot disable local builds, no remote is set");
        }
        // Kamal has these checks (and messages) but never calls them; the build would fail instead.
        if ("docker".equals(b.get("driver"))) {
            String prefix = "Invalid builder configuration: the `docker` driver does not not support ";
            if (!Raw.blank(b.get("remote"))) error("builder", prefix + "remote builders");
            if (b.get("cache") != null) error("builder", prefix + "caching");
            if (b.get("arch") instanceof List<?> l && l.size() > 1) error("builder", prefix + "multiple arches");
        }
    }

    private void arches(String path, Object value) {
        List<Object> arches = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < arches.size(); i++) {
            String p = value instanceof List ? path + "/" + i : path;
            String arch = Raw.text(arches.get(i));
            String hint = switch (arch.toLowerCase().replaceFirst("^linux/", "")) {
                case "amd64", "x86_64", "x86-64", "x64" -> "amd64";
                case "arm64", "aarch64", "arm64/v8" -> "arm64";
                default -> null;
            };
            if (ARCHES.contains(arch)) {
                if (!seen.add(arch)) error(p, arch + " is listed twice");
            } else if (hint != null) {
                error(p, ValueRules.show(arch) + ": write " + hint + " (dhow adds linux/)");
            } else {
                error(p, ValueRules.show(arch) + " is not an architecture Kamal builds for (amd64 or arm64)");
            }
        }
    }

    private Map<String, Check> loggingFields() {
        return Map.of("driver", string, "options", (p, v) -> {
            hash.apply(p, v);
            names(p, v, ValueRules::logOptionName);
        });
    }

    private void output(Map<String, Object> output) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("otel", (p, v) -> {
            fields(p, v, Map.of("endpoint", (q, e) -> {
                string.apply(q, e);
                if (stringish(e) && !Raw.text(e).matches("https?://[^\\s/]+(/\\S*)?")) error(q, "should be an http:// or https:// URL");
            }), false);
            if (v instanceof Map<?, ?> m && m.get("endpoint") == null || v == null) error(p, "OTel endpoint is required");
        });
        f.put("file", (p, v) -> {
            fields(p, v, Map.of("path", string), false);
            if (v instanceof Map<?, ?> m && m.get("path") == null || v == null) error(p, "file path is required");
        });
        fields("output", output, f, false);
    }

    // --- env ---

    private void env(String path, Map<String, Object> env, boolean root) {
        boolean complex = env.containsKey("clear") || env.containsKey("secret") || env.containsKey("tags");
        if (!complex) {
            clearEnv.apply(path, env);
            return;
        }
        List<String> unknown = env.keySet().stream().filter(k -> !Set.of("clear", "secret", "tags").contains(k)).toList();
        if (!unknown.isEmpty()) unknownKeys(path, unknown);
        if (env.containsKey("clear")) clearEnv.apply(path + "/clear", env.get("clear"));
        if (env.containsKey("secret")) {
            String p = path + "/secret";
            Object secrets = env.get("secret");
            uniqueStrings.apply(p, secrets);
            if (secrets instanceof List<?> l) {
                Map<?, ?> clear = env.get("clear") instanceof Map<?, ?> c ? c : Map.of();
                for (int i = 0; i < l.size(); i++) {
                    if (!(l.get(i) instanceof String entry)) continue;
                    String ep = p + "/" + i;
                    ValueRules.secretEntry(entry).ifPresent(m -> error(ep, m));
                    String var = entry.contains(":") ? entry.substring(0, entry.indexOf(':')) : entry;
                    // Docker would take one of the two values; which one is not something to leave to chance.
                    if (clear.containsKey(var)) error(ep, var + " is also set in " + path + "/clear");
                }
            }
        }
        if (env.containsKey("tags")) {
            if (!root) {
                error(path, "tags are only allowed in the root env");
            } else if (!(env.get("tags") instanceof Map<?, ?> tags)) {
                error(path + "/tags", "should be a hash");
            } else {
                tags.forEach((tag, value) -> {
                    String p = path + "/tags/" + tag;
                    if (value instanceof Map<?, ?> m) env(p, DeepMerge.cast(m), false);
                    else error(p, "should be a hash");
                });
            }
        }
    }

    // --- proxy ---

    private void proxy(String path, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            error(path, "should be a hash");
            return;
        }
        Map<String, Object> p = DeepMerge.cast(m);
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("host", (q, v) -> {
            string.apply(q, v);
            if (stringish(v)) eachOnce(q, List.of(Raw.text(v).split(",", -1)), h -> ValueRules.proxyHost(h.strip()), true);
        });
        f.put("hosts", (q, v) -> {
            strings.apply(q, v);
            if (v instanceof List<?> l) eachOnce(q, l, h -> ValueRules.proxyHost(h), false);
        });
        f.put("app_port", port);
        f.put("ssl", (q, v) -> {
            if (!(v instanceof Boolean || v instanceof Map)) error(q, "should be a boolean or a hash");
            if (v instanceof Map<?, ?> ssl) {
                for (String key : List.of("certificate_pem", "private_key_pem")) {
                    if (stringish(ssl.get(key))) ValueRules.secretName(Raw.text(ssl.get(key))).ifPresent(msg -> error(q + "/" + key, msg));
                }
            }
        });
        f.put("ssl_redirect", bool);
        f.put("forward_headers", bool);
        f.put("response_timeout", positiveSeconds);
        f.put("path_prefix", (q, v) -> {
            string.apply(q, v);
            if (stringish(v)) eachOnce(q, List.of(Raw.text(v).split(",", -1)), x -> ValueRules.urlPath(x.strip()), true);
        });
        f.put("path_prefixes", (q, v) -> {
            strings.apply(q, v);
            if (v instanceof List<?> l) eachOnce(q, l, ValueRules::urlPath, false);
        });
        f.put("strip_path_prefix", bool);
        f.put("healthcheck", (q, v) -> fields(q, v, Map.of("interval", positiveSeconds, "timeout", positiveSeconds, "path", (r, x) -> {
            string.apply(r, x);
            if (stringish(x)) ValueRules.urlPath(Raw.text(x)).ifPresent(msg -> error(r, msg));
        }), false));
        f.put("buffering", (q, v) -> fields(q, v, Map.of("requests", bool, "responses", bool,
                "max_request_body", bytes, "max_response_body", bytes, "memory", bytes), false));
        Check headers = (q, v) -> {
            strings.apply(q, v);
            if (v instanceof List<?> l) eachOnce(q, l, ValueRules::headerName, false);
        };
        f.put("logging", (q, v) -> fields(q, v, Map.of("request_headers", headers, "response_headers", headers), false));
        f.put("run", (q, v) -> fields(q, v, proxyRunFields(), false));
        fields(path, p, f, false);

        if (Raw.blank(p.get("host")) && Raw.blank(p.get("hosts")) && p.get("ssl") != null && !Boolean.FALSE.equals(p.get("ssl"))) {
            error(path, "Must set a host to enable automatic SSL");
        }
        if (p.containsKey("host") && p.containsKey("hosts")) error(path, "Specify one of 'host' or 'hosts', not both");
        // Kamal silently takes path_prefixes then; dhow says so, worded as Kamal words host/hosts.
        if (p.containsKey("path_prefix") && p.containsKey("path_prefixes")) error(path, "Specify one of 'path_prefix' or 'path_prefixes', not both");
        if (p.get("ssl") instanceof Map<?, ?> ssl) {
            boolean cert = !Raw.blank(ssl.get("certificate_pem"));
            boolean key = !Raw.blank(ssl.get("private_key_pem"));
            if (cert && !key) error(path, "Missing private_key_pem setting (required when certificate_pem is present)");
            if (key && !cert) error(path, "Missing certificate_pem setting (required when private_key_pem is present)");
        }
        if (p.get("run") instanceof Map<?, ?> run) {
            // Kamal means to check these IPs but looks at the wrong key; dhow checks them.
            if (run.get("bind_ips") instanceof List<?> ips) {
                for (Object ip : ips) {
                    String s = String.valueOf(ip);
                    if (!ValueRules.ipAddress(s.replaceAll("^\\[(.*)]$", "$1"))) error(path, "Invalid publish IP address: " + s);
                }
            }
            Object http = run.containsKey("http_port") ? run.get("http_port") : ProxyRun.DEFAULT_HTTP_PORT;
            Object https = run.containsKey("https_port") ? run.get("https_port") : ProxyRun.DEFAULT_HTTPS_PORT;
            // Published on the host: Docker cannot bind one port twice.
            if (!Boolean.FALSE.equals(run.get("publish")) && isInteger(http) && String.valueOf(http).equals(String.valueOf(https))) {
                error(path + "/run", "http_port and https_port are the same port (" + http + ")");
            }
            // kamal-proxy itself listens on 80 and 443 inside its container, whatever the published ports.
            Object metrics = run.get("metrics_port");
            if (isInteger(metrics) && (((Number) metrics).intValue() == 80 || ((Number) metrics).intValue() == 443)) {
                error(path + "/run/metrics_port", "should not be " + metrics + ": kamal-proxy serves HTTP on 80 and HTTPS on 443 in its container");
            }
            if (Boolean.FALSE.equals(run.get("publish"))
                    && (!Raw.blank(run.get("bind_ips")) || run.get("http_port") != null || run.get("https_port") != null)) {
                error(path, "Cannot set http_port, https_port or bind_ips when publish is false");
            }
        }
    }

    private Map<String, Check> proxyRunFields() {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("http_port", port);
        f.put("https_port", port);
        f.put("metrics_port", port);
        f.put("debug", bool);
        f.put("log_max_size", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) ValueRules.dockerSize(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        f.put("publish", bool);
        f.put("bind_ips", strings);
        f.put("registry", registryServer);
        f.put("repository", string);
        f.put("version", string);
        f.put("options", options);
        return f;
    }

    // --- ssh ---

    private void ssh(Map<String, Object> ssh) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("user", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) ValueRules.user(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        // Kamal takes "2222" or 2222; anything that is not a port number would only fail at connect time.
        f.put("port", (p, v) -> {
            if (!stringish(v)) error(p, "should be a string");
            else ValueRules.port(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        f.put("proxy", (p, v) -> {
            string.apply(p, v);
            if (stringish(v)) ValueRules.jumpHosts(Raw.text(v)).ifPresent(m -> error(p, m));
        });
        f.put("proxy_command", string);
        f.put("log_level", (p, v) -> {
            string.apply(p, v);
            // Net::SSH's logger refuses other levels when Kamal connects.
            if (stringish(v) && !LOG_LEVELS.contains(Raw.stripSymbol(Raw.text(v)).toLowerCase())) {
                error(p, "should be one of debug, info, warn, error, fatal");
            }
        });
        f.put("keys_only", bool);
        f.put("keys", strings);
        f.put("key_data", (p, v) -> {
            strings.apply(p, v);
            if (!(v instanceof List<?> l)) return;
            for (int i = 0; i < l.size(); i++) {
                // An inline PEM is Kamal's deprecated form; anything else names a secret.
                if (l.get(i) instanceof String s && !s.contains("-----BEGIN")) {
                    String q = p + "/" + i;
                    ValueRules.secretName(s).ifPresent(m -> error(q, m));
                }
            }
        });
        f.put("config", (p, v) -> {
            if (v instanceof List<?> l) strings.apply(p, l);
            else if (!(v instanceof Boolean || v instanceof String)) error(p, "should be a boolean or a string or an array");
        });
        f.put("forward_agent", bool);
        f.put("verify_host_key", (p, v) -> {
            if (!(v instanceof String s) || SshConfig.HostKeyVerification.fromYaml(s).isEmpty()) {
                error(p, "should be one of never, accept_new, always");
            }
        });
        fields("ssh", ssh, f, false);
    }

    private Map<String, Check> sshkitFields() {
        return Map.of("max_concurrent_starts", atLeast(1, "should be at least 1"), "pool_idle_timeout", seconds, "dns_retries", atLeast(0, "should not be negative"));
    }

    // --- building blocks ---

    private final Check uniqueStrings = (p, v) -> {
        strings.apply(p, v);
        if (v instanceof List<?> l) eachOnce(p, l, x -> Optional.empty(), false);
    };

    private final Check registryServer = (p, v) -> {
        string.apply(p, v);
        if (v instanceof String s && !s.isBlank()) ValueRules.registryServer(s).ifPresent(m -> error(p, m));
    };

    private final Check clearEnv = (p, v) -> {
        hashOf(string).apply(p, v);
        names(p, v, ValueRules::envName);
    };

    /** An integer from {@code min} up to the largest int, with {@code message} when it is below {@code min}. */
    private Check atLeast(long min, String message) {
        return (p, v) -> {
            if (!isInteger(v)) error(p, "should be an integer");
            else if (!inRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE)) error(p, "is out of range");
            else if (((Number) v).longValue() < min) error(p, message);
        };
    }

    /** The keys of a hash that are names (labels, env, options): each must satisfy {@code rule}. */
    private void names(String path, Object value, java.util.function.Function<String, Optional<String>> rule) {
        if (value instanceof Map<?, ?> m) m.keySet().forEach(k -> rule.apply(String.valueOf(k)).ifPresent(msg -> error(join(path, k), msg)));
    }

    private void secretNames(String path, Object value) {
        if (!(value instanceof List<?> l)) return;
        for (int i = 0; i < l.size(); i++) {
            String p = path + "/" + i;
            if (l.get(i) instanceof String s) ValueRules.secretName(s).ifPresent(m -> error(p, m));
        }
    }

    /**
     * Each value of a list (or of a comma list, {@code commaList}) passes {@code rule} and appears once; a repeated
     * entry is usually a copy-paste slip that hides the one that was meant.
     */
    private void eachOnce(String path, List<?> values, java.util.function.Function<String, Optional<String>> rule, boolean commaList) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!stringish(values.get(i))) continue;
            String value = Raw.text(values.get(i));
            String p = commaList ? path : path + "/" + i;
            if (commaList && value.isBlank() && values.size() > 1) continue;
            Optional<String> problem = rule.apply(value);
            if (problem.isPresent()) error(p, problem.get());
            else if (!seen.add(value.strip())) error(p, value.strip() + " is listed twice");
        }
    }

    private void assetPath(String path, Object value) {
        string.apply(path, value);
        // The part before the first ':' is the mount point inside the container; Docker wants it absolute.
        if (value instanceof String s && !s.isBlank() && !s.startsWith("/")) {
            error(path, "should be an absolute path inside the container, e.g. /rails/public/assets");
        }
    }

    private Check arrayOf(Check element) {
        return (p, v) -> {
            if (!(v instanceof List<?> list)) {
                error(p, "should be an array");
                return;
            }
            for (int i = 0; i < list.size(); i++) element.apply(p + "/" + i, list.get(i));
        };
    }

    private Check hashOf(Check element) {
        return (p, v) -> {
            if (!(v instanceof Map<?, ?> map)) {
                error(p, "should be a hash");
                return;
            }
            map.forEach((k, val) -> element.apply(join(p, k), val));
        };
    }

    /** A hash with known keys: reports unknown keys (x- keys only at the root) and checks each known one. */
    private void fields(String path, Object value, Map<String, Check> known, boolean allowExtensions) {
        if (!(value instanceof Map<?, ?> map)) {
            error(path, "should be a hash");
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (allowExtensions && key.startsWith("x-")) continue;
            Check check = known.get(key);
            if (check == null) unknown.add(key);
            else check.apply(join(path, key), e.getValue());
        }
        if (!unknown.isEmpty()) unknownKeys(path, unknown);
    }

    private void unknownKeys(String path, List<String> keys) {
        error(path, (keys.size() == 1 ? "unknown key: " : "unknown keys: ") + String.join(", ", keys));
    }

    private void error(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }

    private static String join(String path, Object key) {
        return path.isEmpty() ? String.valueOf(key) : path + "/" + key;
    }

    private static boolean stringish(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** An integer from the YAML tree (which may be a BigInteger) within {@code [min, max]}. */
    private static boolean inRange(Object v, long min, long max) {
        BigInteger n = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
        return n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short;
    }
}
