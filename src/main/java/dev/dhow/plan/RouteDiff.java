package dev.dhow.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a kamal-proxy service, as kamal-proxy saved it in its state file, with the {@code kamal-proxy deploy} a
 * deploy would run: hosts, path prefixes, TLS and certificates, health check, timeouts, buffering, forwarded and
 * logged headers, error pages and the target's port. Flags a deploy leaves out take kamal-proxy's defaults
 * (v0.9.2's {@code deploy} command), because that is what kamal-proxy then saves.
 */
final class RouteDiff {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final long SECOND = 1_000_000_000L;

    private RouteDiff() {}

    /**
     * @param deploy   the words of {@code docker exec kamal-proxy kamal-proxy deploy <service> --flag=value…}
     * @param service  the service from kamal-proxy's state file
     * @param targetId the container the route should point to, when known (a deploy of the same version re-points it)
     */
    static List<Change> compare(List<String> deploy, JsonNode service, Optional<String> targetId) {
        Map<String, List<String>> flags = flags(deploy);
        JsonNode options = service.path("options");
        JsonNode target = service.path("target_options");
        JsonNode health = target.path("health_check_config");
        List<Change> changes = new ArrayList<>();

        boolean tls = bool(flags, "tls", false);
        text(changes, "host", hosts(list(flags, "host")), hosts(ContainerDiff.strings(options.path("hosts"))));
        text(changes, "path-prefix", String.join(",", prefixes(list(flags, "path-prefix"))), String.join(",", ContainerDiff.strings(options.path("path_prefixes"))));
        text(changes, "tls", String.valueOf(tls), options.path("tls_enabled").asText());
        text(changes, "tls-certificate-path", one(flags, "tls-certificate-path", ""), options.path("tls_certificate_path").asText());
        text(changes, "tls-private-key-path", one(flags, "tls-private-key-path", ""), options.path("tls_private_key_path").asText());
        text(changes, "tls-redirect", String.valueOf(bool(flags, "tls-redirect", true)), options.path("tls_redirect").asText());
        text(changes, "canonical-host", one(flags, "canonical-host", ""), options.path("canonical_host").asText());
        text(changes, "strip-path-prefix", String.valueOf(bool(flags, "strip-path-prefix", true)), options.path("strip_prefix").asText());
        text(changes, "error-pages", one(flags, "error-pages", ""), options.path("error_page_path").asText());
        text(changes, "health-check-path", one(flags, "health-check-path", "/up"), health.path("path").asText());
        text(changes, "health-check-port", one(flags, "health-check-port", "0"), health.path("port").asText());
        text(changes, "health-check-interval", duration(flags, "health-check-interval", SECOND), formatDuration(health.path("interval").asLong()));
        text(changes, "health-check-timeout", duration(flags, "health-check-timeout", 5 * SECOND), formatDuration(health.path("timeout").asLong()));
        text(changes, "target-timeout", duration(flags, "target-timeout", 30 * SECOND), formatDuration(target.path("response_timeout").asLong()));
        text(changes, "buffer-requests", String.valueOf(bool(flags, "buffer-requests", false)), target.path("buffer_requests").asText());
        text(changes, "buffer-responses", String.valueOf(bool(flags, "buffer-responses", false)), target.path("buffer_responses").asText());
        text(changes, "buffer-memory", one(flags, "buffer-memory", String.valueOf(1024 * 1024)), target.path("max_memory_buffer_size").asText());
        text(changes, "max-request-body", one(flags, "max-request-body", "0"), target.path("max_request_body_size").asText());
        text(changes, "max-response-body", one(flags, "max-response-body", "0"), target.path("max_response_body_size").asText());
        text(changes, "forward-headers", String.valueOf(bool(flags, "forward-headers", !tls)), target.path("forward_headers").asText());
        text(changes, "log-request-header", headers(list(flags, "log-request-header")), headers(ContainerDiff.strings(target.path("log_request_headers"))));
        text(changes, "log-response-header", headers(list(flags, "log-response-header")), headers(ContainerDiff.strings(target.path("log_response_headers"))));

        String wanted = one(flags, "target", "");
        List<String> active = ContainerDiff.strings(service.path("active_targets"));
        String current = active.isEmpty() ? "" : active.get(0);
        text(changes, "target port", port(wanted), port(current));
        targetId.ifPresent(id -> {
            String host = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
            if (host.isEmpty() || !(id.startsWith(host) || host.startsWith(id))) {
                changes.add(Change.changed("target", current.isEmpty() ? "(none)" : current, id + ":" + port(wanted)));
            }
        });
        return List.copyOf(changes);
    }

    /** kamal-proxy's maintenance state of a saved service: empty when it serves, else what to run to end it. */
    static Optional<String> paused(JsonNode service) {
        int state = service.path("pause_controller").path("state").asInt(0);
        if (state == 0) return Optional.empty();
        return Optional.of(state == 2 ? "stopped (maintenance): dhow app live resumes it" : "paused");
    }

    private static void text(List<Change> changes, String field, String expected, String actual) {
        if (!expected.equals(actual)) changes.add(Change.changed(field, actual, expected));
    }

    // --- kamal-proxy's readings of its flags ---

    private static Map<String, List<String>> flags(List<String> words) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = words.indexOf("deploy");
        for (int i = start + 2; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) continue;
            int eq = w.indexOf('=');
            String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "true" : w.substring(eq + 1));
        }
        return out;
    }

    /** A repeatable flag; like pflag's string slices, each value may hold several, comma-separated. */
    private static List<String> list(Map<String, List<String>> flags, String name) {
        List<String> out = new ArrayList<>();
        for (String v : flags.getOrDefault(name, List.of())) {
            for (String part : v.split(",", -1)) if (!part.isEmpty()) out.add(part);
        }
        return out;
    }

    private static String one(Map<String, List<String>> flags, String name, String absent) {
        List<String> v = flags.get(name);
        return v == null || v.isEmpty() ? absent : v.get(v.size() - 1);
    }

    private static boolean bool(Map<String, List<String>> flags, String name, boolean absent) {
        List<String> v = flags.get(name);
        if (v == null || v.isEmpty()) return absent;
        String s = v.get(v.size() - 1);
        return s.equals("true") || s.equals("1") || s.equalsIgnoreCase("t");
    }

    private static String duration(Map<String, List<String>> flags, String name, long absentNanos) {
        List<String> v = flags.get(name);
        return formatDuration(v == null || v.isEmpty() ? absentNanos : parseDuration(v.get(v.size() - 1)));
    }

    /** Go's {@code time.ParseDuration}, for the units a deploy passes. */
    static long parseDuration(String s) {
        if (s.equals("0")) return 0;
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> SECOND;
                case "m" -> 60 * SECOND;
                default -> 3600 * SECOND;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (at != s.length() || at == 0) throw new IllegalArgumentException("not a duration: " + s);
        return total.longValue();
    }

    /** Whole seconds as {@code 30s}, anything finer in milliseconds. */
    static String formatDuration(long nanos) {
        if (nanos % SECOND == 0) return nanos / SECOND + "s";
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }

    /** No host means every host: kamal-proxy saves {@code [""]}. */
    private static String hosts(List<String> hosts) {
        List<String> named = hosts.stream().filter(h -> !h.isEmpty()).toList();
        return named.isEmpty() ? "*" : String.join(",", named);
    }

    /** kamal-proxy's NormalizePathPrefixes: {@code /api/} and {@code api} are {@code /api}; none is {@code /}. */
    private static List<String> prefixes(List<String> given) {
        if (given.isEmpty()) return List.of("/");
        return given.stream().map(p -> "/" + p.replaceAll("^/+|/+$", "")).toList();
    }

    /** Header names as Go's CanonicalHeaderKey writes them, which kamal-proxy saves. */
    private static String headers(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            StringBuilder sb = new StringBuilder();
            boolean upper = true;
            for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = c == '-';
            }
            out.add(sb.toString());
        }
        return String.join(",", out);
    }

    private static String port(String target) {
        int colon = target.lastIndexOf(':');
        return colon < 0 ? (target.isEmpty() ? "" : "80") : target.substring(colon + 1);
    }
}
