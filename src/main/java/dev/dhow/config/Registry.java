package dev.dhow.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code registry:} section. No server means Docker Hub; a {@code localhost:PORT} server is a local registry. */
public record Registry(Optional<String> server, Optional<Credential> username, Optional<Credential> password) {
    private static final Pattern LOCAL = Pattern.compile("^localhost[:$]");

    /** True for {@code localhost:PORT} servers, for which no login is done and images default to the service name. */
    public boolean local() {
        return server.map(s -> LOCAL.matcher(s).find()).orElse(false);
    }

    /** The port of a local registry (from {@code localhost:PORT}). */
    public Optional<Integer> localPort() {
        if (!local()) return Optional.empty();
        String s = server.orElseThrow();
        String last = s.substring(s.lastIndexOf(':') + 1);
        try {
            return Optional.of(Integer.parseInt(last));
        } catch (NumberFormatException e) {
            return Optional.of(80);
        }
    }

    /** Prefix {@code name} with the server, as Kamal does for repositories: {@code [server/]name}. */
    public String prefix(String name) {
        return server.map(s -> s + "/" + name).orElse(name);
    }
}
