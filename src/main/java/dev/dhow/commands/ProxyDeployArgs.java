package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.config.ProxyConfig;
import dev.dhow.core.Cmd;
import java.util.Optional;

/** The {@code kamal-proxy deploy/stop} flags for a role or accessory, in Kamal's exact order. */
final class ProxyDeployArgs {
    private ProxyDeployArgs() {}

    static Cmd exec(String... kamalProxyArgs) {
        return Cmd.builder("docker", "exec", ProxyPaths.CONTAINER_NAME, "kamal-proxy").word(kamalProxyArgs).build();
    }

    /**
     * {@code docker exec kamal-proxy kamal-proxy deploy <service> --target="<id>:<port>" …}.
     *
     * @param roleName names the custom TLS certificate directory (accessories have none)
     * @param version  names the error pages directory, when {@code error_pages_path} is set
     */
    static Cmd deploy(Configuration config, ProxyConfig proxy, String service, Optional<String> roleName,
                      String target, String version) {
        ProxyPaths paths = new ProxyPaths(config);
        Cmd.Builder line = Cmd.builder().add(exec("deploy", service));
        opt(line, "target", target + ":" + proxy.appPort());
        for (String host : proxy.hosts()) opt(line, "host", host);
        if (proxy.sslEnabled()) line.word("--tls");
        if (proxy.ssl().customCertificate()) {
            opt(line, "tls-certificate-path", paths.tlsContainerDirectory(roleName) + "/cert.pem");
            opt(line, "tls-private-key-path", paths.tlsContainerDirectory(roleName) + "/key.pem");
        }
        opt(line, "deploy-timeout", config.timeouts().deployTimeout() + "s");
        opt(line, "drain-timeout", config.timeouts().drainTimeout() + "s");
        proxy.healthcheck().interval().ifPresent(i -> opt(line, "health-check-interval", i + "s"));
        proxy.healthcheck().timeout().ifPresent(t -> opt(line, "health-check-timeout", t + "s"));
        proxy.healthcheck().path().ifPresent(p -> opt(line, "health-check-path", p));
        proxy.responseTimeout().ifPresent(t -> opt(line, "target-timeout", t + "s"));
        bool(line, "buffer-requests", proxy.buffering().requests());
        bool(line, "buffer-responses", proxy.buffering().responses());
        proxy.buffering().memory().ifPresent(m -> opt(line, "buffer-memory", String.valueOf(m)));
        proxy.buffering().maxRequestBody().ifPresent(m -> opt(line, "max-request-body", String.valueOf(m)));
        proxy.buffering().maxResponseBody().ifPresent(m -> opt(line, "max-response-body", String.valueOf(m)));
        for (String prefix : proxy.pathPrefixes()) opt(line, "path-prefix", prefix);
        proxy.stripPathPrefix().ifPresent(b -> bool(line, "strip-path-prefix", b));
        proxy.forwardHeaders().ifPresent(b -> bool(line, "forward-headers", b));
        proxy.sslRedirect().ifPresent(b -> bool(line, "tls-redirect", b));
        for (String h : proxy.logging().requestHeaders()) opt(line, "log-request-header", h);
        for (String h : proxy.logging().responseHeaders()) opt(line, "log-response-header", h);
        if (config.paths().errorPagesPath().isPresent()) {
            opt(line, "error-pages", paths.errorPagesContainerDirectory() + "/" + version);
        }
        return line.build();
    }

    /** {@code docker exec kamal-proxy kamal-proxy stop <service> [--drain-timeout="Ns"] [--message="…"]}. */
    static Cmd stop(String service, Optional<Integer> drainTimeout, Optional<String> message) {
        Cmd.Builder line = Cmd.builder().add(exec("stop", service));
        drainTimeout.ifPresent(t -> opt(line, "drain-timeout", t + "s"));
        message.ifPresent(m -> opt(line, "message", m));
        return line.build();
    }

    /** {@code … kamal-proxy pause <service> [--drain-timeout="D"] [--max-pause="D"]} (Go durations). */
    static Cmd pause(String service, Optional<String> drainTimeout, Optional<String> maxPause) {
        Cmd.Builder line = Cmd.builder().add(exec("pause", service));
        drainTimeout.ifPresent(t -> opt(line, "drain-timeout", t));
        maxPause.ifPresent(t -> opt(line, "max-pause", t));
        return line.build();
    }

    /** {@code … kamal-proxy rollout deploy <service> --target="<id>:<port>" --deploy-timeout="Ns" --drain-timeout="Ns"}. */
    static Cmd rolloutDeploy(Configuration config, ProxyConfig proxy, String service, String target) {
        Cmd.Builder line = Cmd.builder().add(exec("rollout", "deploy", service));
        opt(line, "target", target + ":" + proxy.appPort());
        opt(line, "deploy-timeout", config.timeouts().deployTimeout() + "s");
        opt(line, "drain-timeout", config.timeouts().drainTimeout() + "s");
        return line.build();
    }

    /** {@code … kamal-proxy rollout set <service> [--percent="N"] [--list="a,b"]}. */
    static Cmd rolloutSet(String service, Optional<Integer> percent, java.util.List<String> list) {
        Cmd.Builder line = Cmd.builder().add(exec("rollout", "set", service));
        percent.ifPresent(p -> opt(line, "percent", String.valueOf(p)));
        if (!list.isEmpty()) opt(line, "list", String.join(",", list));
        return line.build();
    }

    // Kamal's optionize(with: "="): true is a bare flag, everything else --name="escaped value".
    private static void opt(Cmd.Builder line, String name, String value) {
        line.option(name, value);
    }

    private static void bool(Cmd.Builder line, String name, boolean value) {
        if (value) line.word("--" + name);
        else opt(line, name, "false");
    }
}
