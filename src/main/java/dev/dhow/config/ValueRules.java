package dev.dhow.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What counts as a server host, a jump host, a proxy host name, a registry server, a name Docker accepts, an
 * environment variable name or a secret name. Each rule returns what is wrong with a value (without its key
 * path), or nothing. Pure string checks: no name is ever looked up, so validation needs no network.
 */
final class ValueRules {
    private static final String LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*\\.?");
    private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(.*[^:]):([0-9]+)");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern LOG_OPT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern URL_PATH = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");
    private static final Pattern REPOSITORY_PATH = Pattern.compile("(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern GEM_VERSION = Pattern.compile("[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern DOCKER_SIZE = Pattern.compile("[0-9]+(?:\\.[0-9]+)? ?[kKmMgGtTpP]?[iI]?[bB]?");

    private ValueRules() {}

    /**
     * A host dhow connects to (servers, accessory hosts): a host name (or ~/.ssh/config alias), an IPv4 or an
     * IPv6 address. The user and port have keys of their own ({@code ssh/user}, {@code ssh/port}).
     */
    static Optional<String> host(String host) {
        if (host.isBlank()) return Optional.of("should not be empty");
        if (host.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(show(host) + " contains a space; write each host as a list entry of its own (a missing comma?)");
        }
        if (host.startsWith("[") && host.endsWith("]") && isIpv6(host.substring(1, host.length() - 1))) {
            return Optional.of(show(host) + ": write IPv6 addresses without brackets");
        }
        if (host.contains("@") && !host.contains("://")) {
            return Optional.of(show(host) + ": set the SSH user with ssh/user, not in the host");
        }
        if (!isIpv6(host) && HOST_AND_PORT.matcher(host).matches() && !host.contains("://")) {
            return Optional.of(show(host) + ": set the SSH port with ssh/port, not in the host");
        }
        return address(host).map(problem -> show(host) + problem);
    }

    /** {@code ssh/proxy}: {@code [user@]host[:port]}, several separated by commas; {@code ssh://} is allowed. */
    static Optional<String> jumpHosts(String value) {
        if (value.isBlank()) return Optional.of("should not be empty");
        for (String hop : value.split(",", -1)) {
            String h = hop.strip().replaceFirst("^ssh://", "");
            String user = null;
            int at = h.lastIndexOf('@');
            if (at >= 0) {
                user = h.substring(0, at);
                h = h.substring(at + 1);
            }
            String port = null;
            java.util.regex.Matcher m = HOST_AND_PORT.matcher(h);
            if (!isIpv6(h) && m.matches()) {
                h = m.group(1);
                port = m.group(2);
            }
            boolean ok = !h.isEmpty() && (user == null || USER.matcher(user).matches())
                    && (port == null || port(port).isEmpty()) && address(h).isEmpty();
            if (!ok) return Optional.of(show(hop.strip()) + " is not a jump host (host, user@host or user@host:port)");
        }
        return Optional.empty();
    }

    /** {@code ssh/user}: a login name; anything else would be read by ssh as part of the host or as an option. */
    static Optional<String> user(String user) {
        return USER.matcher(user).matches() ? Optional.empty() : Optional.of(show(user) + " is not a user name");
    }

    /** A TCP port given as text. */
    static Optional<String> port(String text) {
        String s = text.strip();
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            return Optional.of("should be a port number (1-65535)");
        }
        return Optional.empty();
    }

    /**
     * A host name kamal-proxy routes ({@code proxy/host}, {@code proxy/hosts}): a DNS name, optionally with the
     * one wildcard kamal-proxy understands (a leading {@code *.}), or an IPv4 address. kamal-proxy compares it with
     * the request's Host header as written, so a scheme, port or path would never match.
     */
    static Optional<String> proxyHost(String host) {
        if (host.isBlank()) return Optional.of("should not be empty");
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (!name.contains("*") && (IPV4.matcher(name).matches() || HOST_NAME.matcher(name).matches() && !DOTTED_DIGITS.matcher(name).matches())) {
            return Optional.empty();
        }
        return Optional.of(show(host) + " is not a host name (no scheme, port or path; a wildcard only as *.example.com)");
    }

    /** {@code registry/server}: {@code host[:port][/path]}, the part Docker puts in front of the image name. */
    static Optional<String> registryServer(String server) {
        String hostPort = server;
        String path = "";
        int slash = server.indexOf('/');
        if (slash >= 0) {
            hostPort = server.substring(0, slash);
            path = server.substring(slash);
        }
        String host = hostPort;
        java.util.regex.Matcher m = HOST_AND_PORT.matcher(hostPort);
        boolean portOk = true;
        if (m.matches() && !isIpv6(hostPort)) {
            host = m.group(1);
            portOk = port(m.group(2)).isEmpty();
        }
        boolean hostOk = host.startsWith("[") && host.endsWith("]") ? isIpv6(host.substring(1, host.length() - 1))
                : address(host).isEmpty() && !host.endsWith(".");
        if (hostOk && portOk && REPOSITORY_PATH.matcher(path).matches() && !server.contains("://")) return Optional.empty();
        return Optional.of(show(server) + " is not a registry server; write host[:port], e.g. ghcr.io or registry.example.com:5000 (no https://)");
    }

    /** Role and accessory names: they become parts of container names, labels and file names on the hosts. */
    static boolean name(String name) {
        return NAME.matcher(name).matches();
    }

    /** An environment variable name Docker passes on unchanged (and a shell reading an env file can use). */
    static Optional<String> envName(String name) {
        if (ENV_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(show(name) + " is not an environment variable name (letters, digits, _ . -; not starting with a digit)");
    }

    /** A secret name that a {@code .kamal/secrets} file can define (dotenv keys are {@code [\w.]+}). */
    static Optional<String> secretName(String name) {
        if (SECRET_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of("secret " + show(name) + " can never be defined: names in secrets files are letters, digits, _ and .");
    }

    /**
     * An {@code env/secret} entry: {@code NAME} or {@code NAME:SECRET} (the variable NAME gets the value of the
     * secret SECRET).
     */
    static Optional<String> secretEntry(String entry) {
        int colon = entry.indexOf(':');
        String var = colon < 0 ? entry : entry.substring(0, colon);
        String secret = colon < 0 ? entry : entry.substring(colon + 1);
        if (colon >= 0 && (var.isEmpty() || secret.isEmpty())) {
            return Optional.of(show(entry) + " should be NAME or NAME:SECRET_NAME");
        }
        return envName(var).or(() -> secretName(secret));
    }

    /** A label name: {@code --label name=value} must read back as that name. */
    static Optional<String> labelName(String name) {
        if (LABEL_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(show(name) + " is not a label name (letters, digits, . _ / -)");
    }

    /** A {@code docker run} option name, written without its leading dashes. */
    static Optional<String> optionName(String name) {
        if (OPTION_NAME.matcher(name).matches()) return Optional.empty();
        if (name.startsWith("-") && OPTION_NAME.matcher(name.replaceFirst("^-+", "")).matches()) {
            return Optional.of(show(name) + ": write option names without the leading dashes (" + name.replaceFirst("^-+", "") + ")");
        }
        return Optional.of(show(name) + " is not a docker option name");
    }

    /** A {@code --log-opt} name such as {@code max-size} or {@code syslog-address}. */
    static Optional<String> logOptionName(String name) {
        if (LOG_OPT_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(show(name) + " is not a log option name");
    }

    /** A Docker network name. */
    static Optional<String> network(String name) {
        if (NETWORK_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(show(name) + " is not a Docker network name (letters, digits, _ . -)");
    }

    /** An HTTP header name (an RFC 9110 token). */
    static Optional<String> headerName(String name) {
        if (HEADER_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(show(name) + " is not an HTTP header name");
    }

    /**
     * A URL path for kamal-proxy (health check, path prefix). kamal-proxy adds a missing leading {@code /}, so
     * {@code up} works; a query, a fragment, spaces or a whole URL would make it check or route another path.
     */
    static Optional<String> urlPath(String path) {
        if (!path.contains("://") && URL_PATH.matcher(path).matches() && !path.isEmpty()) return Optional.empty();
        return Optional.of(show(path) + " is not a path such as /up (no spaces, ? or #, not a URL)");
    }

    /** A Docker log size such as {@code 10m} or {@code 100k}. */
    static Optional<String> dockerSize(String size) {
        if (DOCKER_SIZE.matcher(size).matches()) return Optional.empty();
        return Optional.of(show(size) + " is not a size such as 10m, 500k or 1g");
    }

    /** A RubyGems version number, as Kamal compares {@code minimum_version}. */
    static Optional<String> version(String version) {
        if (GEM_VERSION.matcher(version.strip()).matches()) return Optional.empty();
        return Optional.of(show(version) + " is not a version number such as 2.12.0");
    }

    /** An IPv4 or IPv6 address, for {@code proxy/run/bind_ips}. */
    static boolean ipAddress(String s) {
        return IPV4.matcher(s).matches() || isIpv6(s);
    }

    /** The value in double quotes, with control characters made visible, for messages. */
    static String show(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\n') out.append("\\n");
            else if (c == '\t') out.append("\\t");
            else if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (Character.isISOControl(c)) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    // A host name or an IP address; the problem starts after the shown value.
    private static Optional<String> address(String host) {
        if (isIpv6(host)) return Optional.empty();
        if (DOTTED_DIGITS.matcher(host).matches()) {
            return IPV4.matcher(host).matches() ? Optional.empty() : Optional.of(" is not a valid IPv4 address");
        }
        if (host.length() <= 253 && HOST_NAME.matcher(host).matches()) return Optional.empty();
        return Optional.of(" is not a host name or an IP address");
    }

    /** A bare IPv6 address (no brackets, no zone), with at most one {@code ::} and an optional IPv4 tail. */
    static boolean isIpv6(String s) {
        if (!s.contains(":") || s.contains(":::")) return false;
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) return false;
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                // Empty groups only come from the "::" (two at its ends when it starts or ends the address).
                if (compressed < 0) return false;
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!IPV4.matcher(g).matches()) return false;
                count += 2;
            } else if (HEX_GROUP.matcher(g).matches()) {
                count++;
            } else {
                return false;
            }
        }
        return compressed >= 0 ? count < 8 : count == 8;
    }
}
