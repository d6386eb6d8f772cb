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

/** Kamal's checks that need the built model (required keys, roles, SSL, proxy runs), in Kamal's order. */
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
}
