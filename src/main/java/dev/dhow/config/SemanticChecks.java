package dev.dhow.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Kamal's checks that need the built model (required keys, roles, SSL, proxy runs), in Kamal's order, then dhow's (kamal-proxy routes, accessories). */
final class SemanticChecks {
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-z0-9_-]+$", Pattern.CASE_INSENSITIVE);

    private final Path workingDir;

    SemanticChecks(Path workingDir) {
        this.workingDir = workingDir;
    }

    List<String> check(Configuration c) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> raw = c.raw();
        if (Raw.blank(raw.get("service"))) problems.add("Missing required configuration for service");
        if (Raw.blank(raw.get("registry"))) problems.add("Missing required configuration for registry");
        if (c.image().isBlank()) problems.add("Missing required configuration for image");

        if (raw.get("servers") == null) {
            if (Raw.blank(raw.get("accessories"))) problems.add("No servers or accessories specified");
        } else if (c.primaryRole().isEmpty()) {
            problems.add("The primary_role " + c.primaryRoleName() + " isn't defined");
        } else {
            if (c.primaryRole().get().hostEntries().isEmpty()) {
                problems.add("No servers specified for the " + c.primaryRoleName() + " primary_role");
            }
            if (!c.allowEmptyRoles()) {
                for (Role r : c.roles()) {
                    if (r.hostEntries().isEmpty() && !r.primary()) {
                        problems.add("No servers specified for the " + r.name() + " role. You can ignore this with allow_empty_roles: true");
                    }
                }
            }
        }

        c.minimumVersion().filter(min -> !KamalVersion.satisfies(min)).ifPresent(min ->
                problems.add("Current version is " + KamalVersion.COMPATIBLE + ", minimum required is " + min));
        if (c.retainContainers() < 1) problems.add("Must retain at least 1 container");
        if (!c.service().isEmpty() && !SERVICE_NAME.matcher(c.service()).matches()) {
            problems.add("Service name can only include alphanumeric characters, hyphens, and underscores");
        }

        List<String> traefikHooks = new ArrayList<>();
        for (String hook : List.of("pre-traefik-reboot", "post-traefik-reboot")) {
            if (Files.exists(workingDir.resolve(c.paths().hooksPath()).resolve(hook))) traefikHooks.add(hook);
        }
        if (!traefikHooks.isEmpty()) {
            problems.add("Found " + String.join(", ", traefikHooks) + ", these should be renamed to (pre|post)-proxy-reboot");
        }

        for (Role r : c.roles()) {
            if (r.ssl() && r.hosts().size() > 1 && !r.proxy().orElseThrow().ssl().customCertificate()) {
                problems.add("SSL is only supported on a single server unless you provide custom certificates, found "
                        + r.hosts().size() + " servers for role " + r.name());
            }
        }
        Map<String, Integer> sslHosts = new LinkedHashMap<>();
        for (Role r : c.roles()) {
            if (r.ssl()) for (String h : r.proxy().orElseThrow().hosts()) sslHosts.merge(h, 1, Integer::sum);
        }
        List<String> shared = sslHosts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!shared.isEmpty()) problems.add("Different roles can't share the same host for SSL: " + String.join(", ", shared));

        if (c.registry().local() && c.builder().remote().isPresent() && !c.builder().remote().get().startsWith("ssh://")) {
            problems.add("Local registry with remote builder requires an SSH URL (e.g., ssh://user@host)");
        }

        for (String host : c.allHosts()) {
            Set<ProxyRun> runs = new LinkedHashSet<>();
            for (Role r : c.hostRoles(host)) r.proxy().flatMap(ProxyConfig::run).ifPresent(runs::add);
            for (Accessory a : c.hostAccessories(host)) a.proxy().flatMap(ProxyConfig::run).ifPresent(runs::add);
            if (runs.size() > 1) problems.add("Conflicting proxy run configurations for host " + host);
        }

        proxies(c, problems);
        accessories(c, problems);

        Object hooksOutput = raw.get("hooks_output");
        if (hooksOutput instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (ConfigFactory.level(e.getValue()).isEmpty()) {
                    problems.add("Invalid hooks_output '" + Raw.stripSymbol(Raw.text(e.getValue())) + "' for hook '" + e.getKey() + "', must be one of: quiet, verbose");
                }
            }
        } else if (hooksOutput != null && ConfigFactory.level(hooksOutput).isEmpty()) {
            problems.add("Invalid hooks_output '" + Raw.stripSymbol(Raw.text(hooksOutput)) + "', must be one of: quiet, verbose");
        }
        return problems;
    }

    /** One kamal-proxy service as dhow would deploy it: its name, where its settings live, and its routes. */
    private record ProxyService(String name, String what, String path, List<String> hosts, ProxyConfig proxy) {
        /** kamal-proxy's view of the routes: no host = any host, no prefix = "/", prefixes as "/" + trimmed. */
        List<String> routes() {
            List<String> out = new ArrayList<>();
            List<String> prefixes = proxy.pathPrefixes().isEmpty() ? List.of("/")
                    : proxy.pathPrefixes().stream().map(p -> "/" + p.replaceAll("^/+|/+$", "")).toList();
            for (String h : proxy.hosts().isEmpty() ? List.of("") : proxy.hosts()) for (String p : prefixes) out.add(h + p);
            return out;
        }
    }

    // What kamal-proxy would refuse at deploy time, found before anything runs on a server.
    private static void proxies(Configuration c, List<String> problems) {
        List<ProxyService> services = new ArrayList<>();
        Map<String, Object> raw = c.raw();
        for (Role r : c.proxyRoles()) {
            boolean own = raw.get("servers") instanceof Map<?, ?> s && s.get(r.name()) instanceof Map<?, ?> spec && spec.get("proxy") instanceof Map;
            services.add(new ProxyService(r.containerPrefix(), "role " + r.name(), own ? "servers/" + r.name() + "/proxy" : "proxy",
                    r.hosts(), r.proxy().orElseThrow()));
        }
        for (Accessory a : c.proxyAccessories()) {
            services.add(new ProxyService(a.serviceName(), "accessory " + a.name(), "accessories/" + a.name() + "/proxy",
                    a.hosts(), a.proxy().orElseThrow()));
        }
        for (ProxyService s : services) {
            ProxyConfig.Ssl ssl = s.proxy().ssl();
            if (!ssl.enabled()) continue;
            List<String> wildcards = s.proxy().hosts().stream().filter(h -> h.contains("*")).toList();
            if (!ssl.customCertificate() && !wildcards.isEmpty()) {
                problems.add(s.path() + ": automatic TLS does not support wildcards (" + String.join(", ", wildcards)
                        + "); give ssl a certificate_pem and private_key_pem");
            }
            if (s.routes().stream().noneMatch(route -> route.endsWith("/") && route.indexOf('/') == route.length() - 1)) {
                problems.add(s.path() + ": TLS settings must be specified on the root path service; with path_prefix, set"
                        + " ssl: false here (kamal-proxy gives it the TLS of the service on / of the same host)");
            }
        }
        Set<String> reported = new java.util.HashSet<>();
        for (String host : c.proxyHosts()) {
            Map<String, ProxyService> byRoute = new LinkedHashMap<>();
            for (ProxyService s : services) {
                if (!s.hosts().contains(host)) continue;
                for (String route : s.routes()) {
                    ProxyService other = byRoute.putIfAbsent(route, s);
                    if (other != null && !other.name().equals(s.name()) && reported.add(other.name() + " " + s.name())) {
                        int slash = route.indexOf('/');
                        String shown = (slash == 0 ? "every host name" : route.substring(0, slash)) + " at " + route.substring(slash);
                        problems.add(s.path() + ": " + s.what() + " and " + other.what() + " both route " + shown + " on server " + host
                                + "; kamal-proxy refuses the second (host settings conflict with another service)");
                    }
                }
            }
        }
    }

    private static void accessories(Configuration c, List<String> problems) {
        Map<String, Object> raw = Raw.map(c.raw(), "accessories");
        for (Accessory a : c.accessories()) {
            Map<String, Object> spec = Raw.map(raw, a.name());
            // Roles without hosts are refused above unless allowed; a tag nobody carries is a silent no-op in Kamal.
            if (a.hosts().isEmpty() && (spec.containsKey("tag") || spec.containsKey("tags"))) {
                List<String> tags = Raw.strings(spec.get(spec.containsKey("tag") ? "tag" : "tags"));
                String example = tags.isEmpty() ? "db" : tags.get(0);
                problems.add("accessories/" + a.name() + ": no host has the tag " + String.join(" or ", tags)
                        + " (tags are written on hosts listed under a role: servers: {web: [{1.2.3.4: " + example + "}]})");
            }
        }
        // Accessory containers are named after their service; two on one host cannot both exist.
        for (int i = 0; i < c.accessories().size(); i++) {
            Accessory a = c.accessories().get(i);
            for (Accessory b : c.accessories().subList(0, i)) {
                if (!a.serviceName().equals(b.serviceName())) continue;
                a.hosts().stream().filter(b.hosts()::contains).findFirst().ifPresent(host -> problems.add("accessories/" + a.name()
                        + ": its container " + a.serviceName() + " has the same name as accessories/" + b.name() + "'s on " + host));
            }
        }
    }
}
