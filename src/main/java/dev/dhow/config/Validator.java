package dev.dhow.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural validation of the raw YAML tree, section by section in Kamal's order and with Kamal's wording
 * ({@code servers/web/hosts: should be an array}, {@code unknown keys: a, b}). Unlike Kamal it does not stop
 * at the first problem: it collects every one, each prefixed with its key path. It never changes the tree.
 */
final class Validator {
    /** Kamal's built-in top-level commands (and dhow's completion): an alias may not shadow one. */
    static final Set<String> BUILT_IN_COMMANDS = Set.of("accessory", "app", "audit", "build", "config", "deploy",
            "details", "docs", "help", "init", "lock", "proxy", "prune", "redeploy", "registry", "remove",
            "rollback", "secrets", "server", "setup", "upgrade", "version", "completion");

    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-z0-9_-]+$");
    private static final Pattern RESTART = Pattern.compile("^(?:no|always|unless-stopped|on-failure(?::\\d+)?)$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*\\]?$");
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
    private final Check labels = hashOf(string);

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
        f.put("service", string);
        f.put("image", string);
        f.put("labels", labels);
        f.put("volumes", strings);
        f.put("registry", hash);
        f.put("servers", (p, v) -> { if (!(v instanceof List || v instanceof Map)) error(p, "should be an array or a hash"); });
        f.put("env", hash);
        f.put("asset_path", string);
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
        f.put("retain_containers", integer);
        f.put("minimum_version", string);
        f.put("readiness_delay", integer);
        f.put("deploy_timeout", integer);
        f.put("drain_timeout", integer);
        f.put("stop_timeout", integer);
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
        f.put("stop_timeout", integer);
        f.put("options", hash);
        f.put("logging", hash);
        f.put("proxy", (p, v) -> { if (!(v instanceof Boolean || v instanceof Map)) error(p, "should be a boolean or a hash"); });
        f.put("labels", labels);
        f.put("env", hash);
        f.put("asset_path", string);
        return f;
    }

    private void hostList(String path, List<?> hosts) {
        for (int i = 0; i < hosts.size(); i++) {
            String p = path + "/" + i;
            Object entry = hosts.get(i);
            if (entry instanceof Map<?, ?> m) {
                if (m.size() != 1) {
                    error(p, "multiple hosts found");
                    continue;
                }
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                String tp = join(p, e.getKey());
                Object tags = e.getValue();
                if (tags instanceof List<?> l) strings.apply(tp, l);
                else if (!stringish(tags)) error(tp, "should be a string or an array");
            } else if (!stringish(entry)) {
                error(p, "should be a string or a hash");
            }
        }
    }

    private void reservedLabels(String path, Object labels) {
        if (!(labels instanceof Map<?, ?> m)) return;
        for (Object key : m.keySet()) {
            if (Set.of("destination", "role", "service").contains(String.valueOf(key))) {
                error(path + "/labels/" + key, "invalid label. destination, role, and service are reserved labels");
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
        fields(path, rest, Map.of("server", string), false);
        boolean local = Raw.str(registry, "server").map(s -> Pattern.compile("^localhost[:$]").matcher(s).find()).orElse(false);
        if (local) return;
        for (String key : List.of("username", "password")) {
            Object value = registry.get(key);
            String p = path + "/" + key;
            if (Raw.blank(value) && !(value instanceof Boolean)) {
                error(p, "is required");
            } else if (!(value instanceof String || value instanceof List<?> l && l.size() == 1 && l.get(0) instanceof String)) {
                error(p, "should be a string or an array with one string (for secret lookup)");
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
        f.put("service", string);
        f.put("image", string);
        f.put("registry", hash);
        f.put("host", string);
        f.put("hosts", strings);
        f.put("role", string);
        f.put("roles", strings);
        f.put("tag", string);
        f.put("tags", strings);
        f.put("cmd", string);
        f.put("port", string);
        f.put("labels", labels);
        f.put("options", hash);
        f.put("env", hash);
        f.put("files", this::paths);
        f.put("directories", this::paths);
        f.put("volumes", strings);
        f.put("network", string);
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
            if (!ALIAS_NAME.matcher(name).matches()) {
                error(path, "Invalid alias name: '" + name + "'. Must only contain lowercase letters, alphanumeric, hyphens and underscores.");
            }
            if (BUILT_IN_COMMANDS.contains(name)) error(path, "Alias '" + name + "' conflicts with a built-in command.");
        });
    }

    private Map<String, Check> bootFields() {
        return Map.of("limit", string, "wait", integer, "parallel_roles", bool);
    }

    private void builder(Map<String, Object> b) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("arch", (p, v) -> {
            boolean ok = v instanceof List<?> l ? l.stream().allMatch(Validator::stringish) : stringish(v);
            if (!ok) error(p, "should be an array or a string");
        });
        f.put("remote", string);
        f.put("local", bool);
        f.put("pack", (p, v) -> fields(p, v, Map.of("builder", string, "buildpacks", strings), false));
        f.put("cache", (p, v) -> fields(p, v, Map.of("type", string, "options", string, "image", string), false));
        f.put("context", string);
        f.put("dockerfile", string);
        f.put("target", string);
        f.put("args", hash);
        f.put("secrets", strings);
        f.put("ssh", string);
        f.put("driver", string);
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
    }

    private Map<String, Check> loggingFields() {
        return Map.of("driver", string, "options", hash);
    }

    private void output(Map<String, Object> output) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("otel", (p, v) -> {
            fields(p, v, Map.of("endpoint", string), false);
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
            labels.apply(path, env);
            return;
        }
        List<String> unknown = env.keySet().stream().filter(k -> !Set.of("clear", "secret", "tags").contains(k)).toList();
        if (!unknown.isEmpty()) unknownKeys(path, unknown);
        if (env.containsKey("clear")) labels.apply(path + "/clear", env.get("clear"));
        if (env.containsKey("secret")) strings.apply(path + "/secret", env.get("secret"));
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
        f.put("host", string);
        f.put("hosts", strings);
        f.put("app_port", integer);
        f.put("ssl", (q, v) -> { if (!(v instanceof Boolean || v instanceof Map)) error(q, "should be a boolean or a hash"); });
        f.put("ssl_redirect", bool);
        f.put("forward_headers", bool);
        f.put("response_timeout", integer);
        f.put("path_prefix", string);
        f.put("path_prefixes", strings);
        f.put("strip_path_prefix", bool);
        f.put("healthcheck", (q, v) -> fields(q, v, Map.of("interval", integer, "path", string, "timeout", integer), false));
        f.put("buffering", (q, v) -> fields(q, v, Map.of("requests", bool, "responses", bool,
                "max_request_body", integer, "max_response_body", integer, "memory", integer), false));
        f.put("logging", (q, v) -> fields(q, v, Map.of("request_headers", strings, "response_headers", strings), false));
        f.put("run", (q, v) -> fields(q, v, proxyRunFields(), false));
        fields(path, p, f, false);

        if (Raw.blank(p.get("host")) && Raw.blank(p.get("hosts")) && p.get("ssl") != null && !Boolean.FALSE.equals(p.get("ssl"))) {
            error(path, "Must set a host to enable automatic SSL");
        }
        if (p.containsKey("host") && p.containsKey("hosts")) error(path, "Specify one of 'host' or 'hosts', not both");
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
                    if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) error(path, "Invalid publish IP address: " + s);
                }
            }
            if (Boolean.FALSE.equals(run.get("publish"))
                    && (!Raw.blank(run.get("bind_ips")) || run.get("http_port") != null || run.get("https_port") != null)) {
                error(path, "Cannot set http_port, https_port or bind_ips when publish is false");
            }
        }
    }

    private Map<String, Check> proxyRunFields() {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("http_port", integer);
        f.put("https_port", integer);
        f.put("metrics_port", integer);
        f.put("debug", bool);
        f.put("log_max_size", string);
        f.put("publish", bool);
        f.put("bind_ips", strings);
        f.put("registry", string);
        f.put("repository", string);
        f.put("version", string);
        f.put("options", hash);
        return f;
    }

    // --- ssh ---

    private void ssh(Map<String, Object> ssh) {
        Map<String, Check> f = new LinkedHashMap<>();
        f.put("user", string);
        // Kamal takes "2222" or 2222; anything that is not a port number would only fail at connect time.
        f.put("port", (p, v) -> {
            if (!stringish(v)) error(p, "should be a string");
            else if (!Raw.text(v).strip().matches("[1-9][0-9]{0,4}") || Integer.parseInt(Raw.text(v).strip()) > 65535) {
                error(p, "should be a port number (1-65535)");
            }
        });
        f.put("proxy", string);
        f.put("proxy_command", string);
        f.put("log_level", string);
        f.put("keys_only", bool);
        f.put("keys", strings);
        f.put("key_data", strings);
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
        return Map.of("max_concurrent_starts", integer, "pool_idle_timeout", integer, "dns_retries", integer);
    }

    // --- building blocks ---

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

    private static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short;
    }
}
