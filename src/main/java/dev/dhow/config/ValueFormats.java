package dev.dhow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Format checks of values that become docker arguments on the servers: ports, volumes, accessory files and
 * directories and image references (registry servers are ValueRules'). Kamal checks none of these (a malformed one fails on the
 * server, or worse); dhow reports each at load time with its key path. Values of the wrong type are left to the
 * {@link Validator}, which reports them already.
 */
final class ValueFormats {
    private static final String PORT = "\\d{1,5}(?:-\\d{1,5})?";
    private static final String IP = "(?:\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+\\])";
    private static final Pattern BARE_PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern PORT_MAPPING = Pattern.compile(
            "(?:" + IP + ":(" + PORT + ")?|(" + PORT + ")):(" + PORT + ")(?:/(?:tcp|udp|sctp))?");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private static final List<String> MOUNT_OPTIONS = List.of("ro", "rw", "z", "Z", "nocopy", "shared", "rshared",
            "slave", "rslave", "private", "rprivate", "consistent", "cached", "delegated");
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** Expansions Kamal users may have relied on in host paths; dhow passes them on literally. */
    private static final Pattern SHELL_EXPANSION = Pattern.compile("^(?:~|\\$\\{?(?:PWD|HOME)\\b)");

    // The grammar of github.com/distribution/reference.
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9A-Fa-f:]+\\])(?::\\d+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REPOSITORY = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH);
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH + "(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    private static final Pattern TAG_ONLY = Pattern.compile(TAG);

    private final List<String> problems = new ArrayList<>();

    /** Every format problem in the merged YAML tree, each prefixed with its key path. */
    static List<String> problems(Map<String, Object> raw) {
        ValueFormats formats = new ValueFormats();
        formats.root(raw);
        return List.copyOf(formats.problems);
    }

    private void root(Map<String, Object> raw) {
        text(raw.get("image")).filter(s -> !s.isBlank()).ifPresent(image -> {
            if (!REPOSITORY.matcher(image).matches()) {
                error("image", "should be an image repository without a tag, e.g. owner/app or ghcr.io/owner/app", image);
            }
        });
        volumes("volumes", raw.get("volumes"));
        proxy("proxy", raw.get("proxy"));
        if (raw.get("servers") instanceof Map<?, ?> servers) {
            servers.forEach((role, spec) -> {
                if (spec instanceof Map<?, ?> m) proxy("servers/" + role + "/proxy", m.get("proxy"));
            });
        }
        if (raw.get("accessories") instanceof Map<?, ?> accessories) {
            accessories.forEach((name, spec) -> {
                if (spec instanceof Map<?, ?> m) accessory("accessories/" + name, m);
            });
        }
    }

    private void accessory(String path, Map<?, ?> a) {
        text(a.get("image")).filter(s -> !s.isBlank()).ifPresent(image -> {
            if (!REFERENCE.matcher(image).matches()) {
                error(path + "/image", "should be an image reference, e.g. mysql:8.0 or ghcr.io/owner/name:tag", image);
            }
        });
        text(a.get("port")).ifPresent(port -> port(path + "/port", port));
        volumes(path + "/volumes", a.get("volumes"));
        mountPaths(path + "/directories", a.get("directories"), true);
        mountPaths(path + "/files", a.get("files"), false);
        proxy(path + "/proxy", a.get("proxy"));
    }

    private void proxy(String path, Object proxy) {
        if (!(proxy instanceof Map<?, ?> p) || !(p.get("run") instanceof Map<?, ?> run)) return;
        text(run.get("repository")).ifPresent(repository -> {
            if (!REPOSITORY.matcher(repository).matches()) {
                error(path + "/run/repository", "should be an image repository, e.g. basecamp/kamal-proxy", repository);
            }
        });
        text(run.get("version")).ifPresent(version -> {
            if (!TAG_ONLY.matcher(version).matches()) error(path + "/run/version", "should be an image tag, e.g. v0.9.2", version);
        });
    }

    private void port(String path, String port) {
        if (BARE_PORT.matcher(port).matches()) {
            portNumbers(path, port, port);
            return;
        }
        var m = PORT_MAPPING.matcher(port);
        if (!m.matches()) {
            error(path, "should be a port or [ip:]host_port:container_port[/protocol], e.g. 127.0.0.1:5432:5432", port);
            return;
        }
        for (int group = 1; group <= m.groupCount(); group++) {
            if (m.group(group) != null) portNumbers(path, m.group(group), port);
        }
    }

    private void portNumbers(String path, String range, String port) {
        for (String n : range.split("-")) {
            if (!NUMBER.matcher(n).matches() || Integer.parseInt(n) < 1 || Integer.parseInt(n) > 65535) {
                error(path, "ports should be between 1 and 65535", port);
                return;
            }
        }
    }

    private void volumes(String path, Object volumes) {
        if (!(volumes instanceof List<?> list)) return;
        for (int i = 0; i < list.size(); i++) {
            String p = path + "/" + i;
            text(list.get(i)).ifPresent(v -> volume(p, v));
        }
    }

    private void volume(String path, String volume) {
        String[] parts = volume.split(":", -1);
        if (parts.length == 1) {
            containerPath(path, parts[0], volume);
            return;
        }
        if (parts.length > 3 || parts[0].isEmpty()) {
            error(path, "should be host_path:container_path[:options] or a volume name in place of the host path", volume);
            return;
        }
        String host = parts[0];
        if (SHELL_EXPANSION.matcher(host).find()) {
            expansion(path, volume);
        } else if (!host.startsWith("/") && !host.startsWith(".") && !VOLUME_NAME.matcher(host).matches()) {
            error(path, "the host side should be an absolute path or a volume name ([A-Za-z0-9][A-Za-z0-9_.-]*)", volume);
        }
        containerPath(path, parts[1], volume);
        if (parts.length == 3) mountOptions(path, parts[2], volume);
    }

    /** {@code local:remote[:options]} strings or {@code {local, remote, options, mode, owner}} hashes. */
    private void mountPaths(String path, Object entries, boolean directories) {
        if (!(entries instanceof List<?> list)) return;
        for (int i = 0; i < list.size(); i++) {
            String p = path + "/" + i;
            Object entry = list.get(i);
            if (entry instanceof Map<?, ?> m) {
                String local = text(m.get("local")).orElse("");
                String remote = text(m.get("remote")).orElse("");
                if (local.isBlank()) error(p + "/local", "is required", local);
                else if (directories && SHELL_EXPANSION.matcher(local).find()) expansion(p + "/local", local);
                containerPath(p + "/remote", remote, remote);
                text(m.get("options")).filter(o -> !o.isEmpty()).ifPresent(o -> mountOptions(p + "/options", o, o));
            } else {
                text(entry).ifPresent(value -> mountPath(p, value, directories));
            }
        }
    }

    private void mountPath(String path, String value, boolean directory) {
        String[] parts = value.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank()) {
            error(path, "should be local_path:container_path[:options]", value);
            return;
        }
        if (directory && SHELL_EXPANSION.matcher(parts[0]).find()) expansion(path, value);
        containerPath(path, parts[1], value);
        if (parts.length == 3 && !parts[2].isEmpty()) mountOptions(path, parts[2], value);
    }

    private void containerPath(String path, String containerPath, String value) {
        if (!containerPath.startsWith("/")) error(path, "the container path should be absolute", value);
    }

    private void mountOptions(String path, String options, String value) {
        for (String o : options.split(",", -1)) {
            if (!MOUNT_OPTIONS.contains(o)) {
                error(path, "unknown mount option " + shown(o) + " (one of " + String.join(", ", MOUNT_OPTIONS) + ")", value);
                return;
            }
        }
    }

    private void expansion(String path, String value) {
        error(path, "dhow passes values to the server literally, so $PWD, $HOME and ~ are not expanded; write an absolute path"
                + " (accessory directories without a leading / already live under the home directory)", value);
    }

    private void error(String path, String message, String value) {
        problems.add(path + ": " + message + " (got " + shown(value) + ")");
    }

    /** The value in double quotes with control characters made visible, so a message stays on one line. */
    private static String shown(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02X", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static Optional<String> text(Object value) {
        if (value instanceof String || value instanceof Number) return Optional.of(Raw.text(value));
        return Optional.empty();
    }
}
