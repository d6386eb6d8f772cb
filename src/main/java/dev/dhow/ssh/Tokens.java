package dev.dhow.ssh;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** OpenSSH's expansions in config values: {@code ~}, {@code %}-tokens (ssh_config(5) TOKENS) and {@code ${VAR}}. */
final class Tokens {
    private Tokens() {}

    static String tilde(String path, Path home) {
        if (path.equals("~")) return home.toString();
        if (path.startsWith("~/")) return home.resolve(path.substring(2)).toString();
        return path;
    }

    /** HostName takes only %h (the name given) and %%. */
    static String hostName(String template, String originalHost) {
        return expand(template, Map.of('h', originalHost));
    }

    /** The tokens OpenSSH offers in IdentityFile, IdentityAgent and Match exec that dhow can know. */
    static Map<Character, String> values(String hostName, String originalHost, String port, String remoteUser,
            String localUser, Path home) {
        return Map.of('h', hostName, 'n', originalHost, 'p', port, 'r', remoteUser, 'u', localUser,
                'd', home.toString());
    }

    /** Replaces {@code %x} tokens; {@code %%} is a percent sign. An unknown token is an error, as in OpenSSH. */
    static String expand(String template, Map<Character, String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= template.length()) throw new IllegalArgumentException("a lone % at the end of " + template);
            char t = template.charAt(++i);
            if (t == '%') {
                sb.append('%');
            } else if (values.containsKey(t)) {
                sb.append(values.get(t));
            } else if (t == 'l' || t == 'L') {
                // Looked up only when asked for: the name lookup would otherwise run for every host.
                String local = localHostName();
                sb.append(t == 'l' ? local : local.replaceFirst("\\..*", ""));
            } else {
                throw new IllegalArgumentException("unknown token %" + t + " in " + template);
            }
        }
        return sb.toString();
    }

    /** Replaces {@code ${NAME}} with the environment variable; an unset one is an error, as in OpenSSH. */
    static String env(String s, Function<String, String> environment) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) {
                sb.append(s, i, s.length());
                break;
            }
            int end = s.indexOf('}', start);
            if (end < 0) throw new IllegalArgumentException("unterminated ${ in " + s);
            String name = s.substring(start + 2, end);
            String value = environment.apply(name);
            if (value == null) throw new IllegalArgumentException("environment variable " + name + " is not set (in " + s + ")");
            sb.append(s, i, start).append(value);
            i = end + 1;
        }
        return sb.toString();
    }

    /** A path as the user writes it: {@code ~/.ssh/config} for files under the home directory. */
    static String homeLabel(Path p, Path home) {
        Path abs = p.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return abs.startsWith(h) && !abs.equals(h) ? "~/" + h.relativize(abs) : p.toString();
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
