package dev.dhow.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the immutable model from a validated YAML tree, applying every Kamal default in one place. */
final class ConfigFactory {
    private final Map<String, Object> raw;
    private final Optional<String> destination;

    ConfigFactory(Map<String, Object> raw, Optional<String> destination) {
        this.raw = raw;
        this.destination = destination;
    }

    Configuration build() {
        String service = Raw.str(raw, "service", "");
        Registry registry = registry(Raw.map(raw, "registry"));
        String image = Raw.str(raw, "image").filter(s -> !s.isBlank())
                .orElse(registry.local() ? service : "");
        Timeouts timeouts = new Timeouts(
                Raw.integer(raw, "readiness_delay", Timeouts.DEFAULT.readinessDelay()),
                Raw.integer(raw, "deploy_timeout", Timeouts.DEFAULT.deployTimeout()),
                Raw.integer(raw, "drain_timeout", Timeouts.DEFAULT.drainTimeout()),
                Raw.integer(raw, "stop_timeout"));
        Paths paths = new Paths(
                Raw.str(raw, "asset_path").filter(s -> !s.isBlank()),
                Raw.str(raw, "hooks_path", Paths.DEFAULT_HOOKS_PATH),
                Raw.str(raw, "secrets_path", Paths.DEFAULT_SECRETS_PATH),
                Raw.str(raw, "error_pages_path").filter(s -> !s.isBlank()),
                Paths.RUN_DIRECTORY);
        Map<String, Object> envRaw = Raw.map(raw, "env");
        Env rootEnv = env(envRaw);
        List<EnvTag> envTags = new ArrayList<>();
        Raw.map(envRaw, "tags").forEach((name, value) -> envTags.add(new EnvTag(name, env(Raw.map(value)))));
        Logging rootLogging = logging(Raw.map(raw, "logging"));
        String primaryRoleName = Raw.str(raw, "primary_role", Configuration.DEFAULT_PRIMARY_ROLE);
        Map<String, String> rootLabels = Raw.stringMap(raw.get("labels"));

        List<Role> roles = roles(service, primaryRoleName, rootEnv, envTags, rootLogging, rootLabels, paths, timeouts);
        Map<String, Object> rootProxyRaw = Raw.map(raw, "proxy");

        List<Accessory> accessories = new ArrayList<>();
        Raw.map(raw, "accessories").forEach((name, value) -> accessories.add(accessory(service, name, Raw.map(value), roles)));

        return new Configuration(
                service,
                destination,
                image,
                rootLabels,
                Raw.strings(raw, "volumes"),
                registry,
                roles,
                primaryRoleName,
                rootEnv,
                envTags,
                proxy(rootProxyRaw),
                accessories,
                builder(Raw.map(raw, "builder"), image),
                ssh(Raw.map(raw, "ssh")),
                sshkit(Raw.map(raw, "sshkit")),
                boot(Raw.map(raw, "boot")),
                rootLogging,
                output(Raw.map(raw, "output")),
                Raw.stringMap(raw.get("aliases")),
                hooksOutput(raw.get("hooks_output")),
                paths,
                timeouts,
                Raw.bool(raw, "require_destination", false),
                Raw.bool(raw, "allow_empty_roles", false),
                Raw.integer(raw, "retain_containers", Configuration.DEFAULT_RETAIN_CONTAINERS),
                Raw.str(raw, "minimum_version"),
                new DhowSettingsReader().read(raw),
                raw);
    }

    // --- servers / roles ---

    private List<Role> roles(String service, String primaryRoleName, Env rootEnv, List<EnvTag> envTags,
                             Logging rootLogging, Map<String, String> rootLabels, Paths paths, Timeouts timeouts) {
        Object servers = raw.get("servers");
        Map<String, Object> roleConfigs = new TreeMap<>();
        if (servers instanceof List<?> list) {
            roleConfigs.put("web", list);
        } else if (servers instanceof Map<?, ?> map) {
            roleConfigs.putAll(DeepMerge.cast(map));
        }
        Map<String, Env> tagEnvs = new LinkedHashMap<>();
        for (EnvTag t : envTags) tagEnvs.put(t.name(), t.env());
        Map<String, Object> rootProxyRaw = Raw.map(raw, "proxy");

        List<Role> roles = new ArrayList<>();
        for (Map.Entry<String, Object> e : roleConfigs.entrySet()) {
            String name = e.getKey();
            Object config = e.getValue();
            Map<String, Object> spec = config instanceof Map<?, ?> m ? DeepMerge.cast(m) : Map.of();
            Object hostsRaw = config instanceof List<?> ? config : spec.get("hosts");
            boolean primary = name.equals(primaryRoleName);

            Object proxySpec = spec.get("proxy");
            // The primary role runs the proxy unless it says proxy: false; other roles only when they ask for it.
            boolean runningProxy = primary ? !Boolean.FALSE.equals(proxySpec)
                    : proxySpec != null && !Boolean.FALSE.equals(proxySpec);
            Optional<ProxyConfig> proxy = Optional.empty();
            if (runningProxy) {
                Map<String, Object> roleProxy = proxySpec instanceof Map<?, ?> pm ? DeepMerge.cast(pm) : Map.of();
                proxy = Optional.of(proxy(DeepMerge.merge(rootProxyRaw, roleProxy)));
            }

            Map<String, Object> options = Raw.map(spec, "options");
            Optional<Integer> stopTimeout = Raw.integer(spec, "stop_timeout").or(timeouts::stopTimeout);
            if (stopTimeout.isEmpty() && !runningProxy) stopTimeout = Optional.of(timeouts.drainTimeout());

            Map<String, String> labels = new LinkedHashMap<>(rootLabels);
            labels.putAll(Raw.stringMap(spec.get("labels")));
            Map<String, String> allLabels = new LinkedHashMap<>();
            allLabels.put("service", service);
            allLabels.put("role", name);
            allLabels.put("destination", destination.orElse(""));
            allLabels.putAll(labels);

            String prefix = String.join("-", service, name) + destination.map(d -> "-" + d).orElse("");
            roles.add(new Role(
                    name,
                    hostEntries(hostsRaw),
                    Raw.str(spec, "cmd"),
                    stopTimeout,
                    dockerOptions(options),
                    restartPolicy(options),
                    rootLogging.merge(logging(Raw.map(spec, "logging"))),
                    proxy,
                    labels,
                    allLabels,
                    rootEnv.merge(env(Raw.map(spec, "env"))),
                    tagEnvs,
                    Raw.str(spec, "asset_path").filter(s -> !s.isBlank()).or(paths::assetPath),
                    primary,
                    prefix));
        }
        return roles;
    }

    private static List<HostEntry> hostEntries(Object hostsRaw) {
        List<HostEntry> out = new ArrayList<>();
        if (!(hostsRaw instanceof List<?> list)) return out;
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> m && !m.isEmpty()) {
                Map.Entry<?, ?> first = m.entrySet().iterator().next();
                out.add(new HostEntry(String.valueOf(first.getKey()), Raw.strings(first.getValue())));
            } else if (entry != null && !(entry instanceof Map)) {
                out.add(new HostEntry(Raw.text(entry), List.of()));
            }
        }
        return out;
    }

    // --- accessories ---

    private Accessory accessory(String service, String name, Map<String, Object> spec, List<Role> roles) {
        Optional<Registry> registry = Raw.blank(spec.get("registry"))
                ? Optional.empty() : Optional.of(registry(Raw.map(spec, "registry")));
        String image = Raw.str(spec, "image", "");
        if (registry.isPresent()) image = registry.get().prefix(image);
        Map<String, Object> options = Raw.map(spec, "options");
        Map<String, String> labels = new LinkedHashMap<>();
        String serviceName = Raw.str(spec, "service", service + "-" + name);
        labels.put("service", serviceName);
        labels.putAll(Raw.stringMap(spec.get("labels")));
        Optional<String> port = Raw.str(spec, "port").map(p -> p.contains(":") ? p : p + ":" + p);
        Optional<ProxyConfig> proxy = Raw.blank(spec.get("proxy"))
                ? Optional.empty() : Optional.of(proxy(Raw.map(spec, "proxy")));
        return new Accessory(
                name,
                serviceName,
                image,
                registry,
                accessoryHosts(spec, roles),
                Raw.str(spec, "cmd"),
                port,
                labels,
                dockerOptions(options),
                restartPolicy(options),
                env(Raw.map(spec, "env")),
                mountPaths(spec.get("files"), Optional.of("755")),
                mountPaths(spec.get("directories"), Optional.empty()),
                Raw.strings(spec, "volumes"),
                Raw.str(spec, "network", Accessory.DEFAULT_NETWORK),
                proxy);
    }

    private List<String> accessoryHosts(Map<String, Object> spec, List<Role> roles) {
        List<String> hosts = new ArrayList<>();
        if (spec.containsKey("host")) {
            hosts.addAll(Raw.strings(spec, "host"));
        } else if (spec.containsKey("hosts")) {
            hosts.addAll(Raw.strings(spec, "hosts"));
        } else if (spec.containsKey("role") || spec.containsKey("roles")) {
            List<String> names = Raw.strings(spec, spec.containsKey("role") ? "role" : "roles");
            for (String n : names) {
                roles.stream().filter(r -> r.name().equals(n)).findFirst().ifPresent(r -> hosts.addAll(r.hosts()));
            }
        } else if (spec.containsKey("tag") || spec.containsKey("tags")) {
            for (String tag : Raw.strings(spec, spec.containsKey("tag") ? "tag" : "tags")) hosts.addAll(taggedHosts(tag));
        }
        return hosts;
    }

    // Kamal matches tags only for hosts listed directly under a role (servers: {role: [{host: tags}]}).
    private List<String> taggedHosts(String tag) {
        List<String> out = new ArrayList<>();
        if (!(raw.get("servers") instanceof Map<?, ?> servers)) return out;
        for (Object roleHosts : servers.values()) {
            if (!(roleHosts instanceof List<?> list)) continue;
            for (HostEntry e : hostEntries(list)) if (e.tags().contains(tag)) out.add(e.host());
        }
        return out;
    }

    private static List<MountPath> mountPaths(Object value, Optional<String> defaultMode) {
        Map<String, MountPath> byLocal = new LinkedHashMap<>();
        if (!(value instanceof List<?> list)) return List.of();
        for (Object entry : list) {
            MountPath p;
            if (entry instanceof Map<?, ?> m) {
                Map<String, Object> h = DeepMerge.cast(m);
                p = new MountPath(Raw.str(h, "local", ""), Raw.str(h, "remote", ""), Raw.str(h, "options"),
                        Raw.str(h, "mode").or(() -> defaultMode), Raw.str(h, "owner"));
            } else {
                String[] parts = Raw.text(entry).split(":", 3);
                p = new MountPath(parts[0], parts.length > 1 ? parts[1] : "",
                        parts.length > 2 ? Optional.of(parts[2]) : Optional.empty(), defaultMode, Optional.empty());
            }
            byLocal.put(p.local(), p);
        }
        return List.copyOf(byLocal.values());
    }

    // --- sections ---

    static Registry registry(Map<String, Object> r) {
        return new Registry(Raw.str(r, "server").filter(s -> !s.isBlank()), credential(r.get("username")), credential(r.get("password")));
    }

    private static Optional<Credential> credential(Object value) {
        if (value instanceof List<?> l) {
            return l.isEmpty() || l.get(0) == null ? Optional.empty() : Optional.of(new Credential(Raw.text(l.get(0)), true));
        }
        return value == null ? Optional.empty() : Optional.of(new Credential(Raw.text(value), false));
    }

    static Env env(Map<String, Object> e) {
        boolean complex = e.containsKey("clear") || e.containsKey("secret") || e.containsKey("tags");
        if (!complex) return new Env(Raw.stringMap(e), List.of());
        return new Env(Raw.stringMap(e.get("clear")), Raw.strings(e, "secret"));
    }

    static Logging logging(Map<String, Object> l) {
        return new Logging(Raw.str(l, "driver"), Raw.stringMap(l.get("options")));
    }

    static List<DockerOption> dockerOptions(Map<String, Object> options) {
        List<DockerOption> out = new ArrayList<>();
        options.forEach((key, value) -> {
            if (key.equals("restart")) return;
            if (value == null || Boolean.TRUE.equals(value)) out.add(new DockerOption(key, List.of()));
            else if (value instanceof List<?>) out.add(new DockerOption(key, Raw.strings(value)));
            else out.add(new DockerOption(key, List.of(Raw.text(value))));
        });
        return out;
    }

    static String restartPolicy(Map<String, Object> options) {
        Object restart = options.get("restart");
        return restart == null ? "unless-stopped" : Raw.text(restart);
    }

    static ProxyConfig proxy(Map<String, Object> p) {
        List<String> hosts = p.containsKey("hosts") ? Raw.strings(p, "hosts") : split(Raw.str(p, "host"));
        List<String> prefixes = p.containsKey("path_prefixes") ? Raw.strings(p, "path_prefixes") : split(Raw.str(p, "path_prefix"));
        Object sslRaw = p.get("ssl");
        ProxyConfig.Ssl ssl;
        if (sslRaw instanceof Map<?, ?> m) {
            Map<String, Object> s = DeepMerge.cast(m);
            ssl = new ProxyConfig.Ssl(true, Raw.str(s, "certificate_pem").filter(x -> !x.isBlank()),
                    Raw.str(s, "private_key_pem").filter(x -> !x.isBlank()));
        } else {
            ssl = new ProxyConfig.Ssl(Boolean.TRUE.equals(sslRaw), Optional.empty(), Optional.empty());
        }
        Map<String, Object> hc = Raw.map(p, "healthcheck");
        Map<String, Object> buf = Raw.map(p, "buffering");
        Map<String, Object> log = Raw.map(p, "logging");
        Map<String, Object> run = Raw.map(p, "run");
        return new ProxyConfig(
                hosts,
                Raw.integer(p, "app_port", ProxyConfig.DEFAULT_APP_PORT),
                ssl,
                Raw.bool(p, "ssl_redirect"),
                Raw.bool(p, "forward_headers"),
                Raw.integer(p, "response_timeout"),
                prefixes,
                Raw.bool(p, "strip_path_prefix"),
                new ProxyConfig.Healthcheck(Raw.integer(hc, "interval"), Raw.integer(hc, "timeout"), Raw.str(hc, "path")),
                new ProxyConfig.Buffering(Raw.bool(buf, "requests", true), Raw.bool(buf, "responses", true),
                        Raw.longValue(buf, "max_request_body"), Raw.longValue(buf, "max_response_body"), Raw.longValue(buf, "memory")),
                new ProxyConfig.ProxyLogging(
                        log.containsKey("request_headers") ? Raw.strings(log, "request_headers") : ProxyConfig.DEFAULT_LOG_REQUEST_HEADERS,
                        Raw.strings(log, "response_headers")),
                run.isEmpty() ? Optional.empty() : Optional.of(proxyRun(run)));
    }

    private static ProxyRun proxyRun(Map<String, Object> r) {
        return new ProxyRun(
                Raw.integer(r, "http_port", ProxyRun.DEFAULT_HTTP_PORT),
                Raw.integer(r, "https_port", ProxyRun.DEFAULT_HTTPS_PORT),
                Raw.integer(r, "metrics_port"),
                Raw.bool(r, "debug", false),
                Raw.str(r, "log_max_size", ProxyRun.DEFAULT_LOG_MAX_SIZE),
                Raw.bool(r, "publish", true),
                Raw.strings(r, "bind_ips"),
                Raw.str(r, "registry"),
                Raw.str(r, "repository", ProxyRun.DEFAULT_REPOSITORY),
                Raw.str(r, "version", ProxyRun.MINIMUM_VERSION),
                dockerOptions(Raw.map(r, "options")));
    }

    private static List<String> split(Optional<String> commaSeparated) {
        List<String> out = new ArrayList<>();
        commaSeparated.ifPresent(s -> {
            for (String part : s.split(",")) if (!part.isBlank()) out.add(part.strip());
        });
        return out;
    }

    private static Builder builder(Map<String, Object> b, String image) {
        Map<String, Object> pack = Raw.map(b, "pack");
        Map<String, Object> cache = Raw.map(b, "cache");
        return new Builder(
                Raw.strings(b, "arch"),
                Raw.str(b, "remote").filter(s -> !s.isBlank()),
                Raw.bool(b, "local", true),
                b.get("pack") == null ? Optional.empty()
                        : Optional.of(new Builder.Pack(Raw.str(pack, "builder", ""), Raw.strings(pack, "buildpacks"))),
                b.get("cache") == null ? Optional.empty()
                        : Optional.of(new Builder.Cache(Raw.str(cache, "type", ""), Raw.str(cache, "options"),
                                Raw.str(cache, "image", image + "-build-cache"))),
                Raw.str(b, "context"),
                Raw.str(b, "dockerfile", Builder.DEFAULT_DOCKERFILE),
                Raw.str(b, "target"),
                Raw.stringMap(b.get("args")),
                Raw.strings(b, "secrets"),
                Raw.str(b, "ssh"),
                Raw.str(b, "driver", Builder.DEFAULT_DRIVER),
                Raw.str(b, "provenance"),
                Raw.bool(b, "sbom"));
    }

    private static SshConfig ssh(Map<String, Object> s) {
        Object config = s.get("config");
        SshConfig.ConfigFiles files;
        if (config == null || Boolean.TRUE.equals(config)) files = SshConfig.ConfigFiles.DEFAULT;
        else if (Boolean.FALSE.equals(config)) files = SshConfig.ConfigFiles.NONE;
        else files = new SshConfig.ConfigFiles(true, Raw.strings(config));
        return new SshConfig(
                Raw.str(s, "user", SshConfig.DEFAULT_USER),
                Raw.integer(s, "port", SshConfig.DEFAULT_PORT),
                Raw.str(s, "proxy").filter(x -> !x.isBlank()),
                Raw.str(s, "proxy_command").filter(x -> !x.isBlank()),
                Raw.stripSymbol(Raw.str(s, "log_level", SshConfig.DEFAULT_LOG_LEVEL)),
                Raw.bool(s, "keys_only"),
                Raw.strings(s, "keys"),
                Raw.strings(s, "key_data"),
                files,
                Raw.bool(s, "forward_agent"),
                Raw.str(s, "verify_host_key").flatMap(SshConfig.HostKeyVerification::fromYaml)
                        .orElse(SshConfig.HostKeyVerification.ACCEPT_NEW));
    }

    private static SshkitConfig sshkit(Map<String, Object> s) {
        SshkitConfig d = SshkitConfig.DEFAULT;
        return new SshkitConfig(
                Raw.integer(s, "max_concurrent_starts", d.maxConcurrentStarts()),
                Raw.integer(s, "pool_idle_timeout", d.poolIdleTimeout()),
                Raw.integer(s, "dns_retries", d.dnsRetries()));
    }

    private static BootConfig boot(Map<String, Object> b) {
        return new BootConfig(Raw.str(b, "limit"), Raw.integer(b, "wait"), Raw.bool(b, "parallel_roles", false));
    }

    private static OutputConfig output(Map<String, Object> o) {
        return new OutputConfig(Raw.str(Raw.map(o, "otel"), "endpoint"), Raw.str(Raw.map(o, "file"), "path"));
    }

    private static HooksOutput hooksOutput(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, HooksOutput.Level> perHook = new LinkedHashMap<>();
            DeepMerge.cast(m).forEach((hook, level) -> level(level).ifPresent(l -> perHook.put(hook, l)));
            return new HooksOutput(Optional.empty(), perHook);
        }
        return value == null ? HooksOutput.UNSET : new HooksOutput(level(value), Map.of());
    }

    static Optional<HooksOutput.Level> level(Object value) {
        if (value == null) return Optional.empty();
        String s = Raw.stripSymbol(Raw.text(value));
        return switch (s) {
            case "quiet" -> Optional.of(HooksOutput.Level.QUIET);
            case "verbose" -> Optional.of(HooksOutput.Level.VERBOSE);
            default -> Optional.empty();
        };
    }
}
