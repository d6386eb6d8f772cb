package dev.dhow.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code proxy.run:} how to start the kamal-proxy container itself. Defaults (Kamal): ports 80/443,
 * log max size 10m, publish on, image {@code basecamp/kamal-proxy:v0.9.2}.
 */
public record ProxyRun(
        int httpPort,
        int httpsPort,
        Optional<Integer> metricsPort,
        boolean debug,
        String logMaxSize,
        boolean publish,
        List<String> bindIps,
        Optional<String> registry,
        String repository,
        String version,
        List<DockerOption> options) {

    public static final int DEFAULT_HTTP_PORT = 80;
    public static final int DEFAULT_HTTPS_PORT = 443;
    public static final String DEFAULT_LOG_MAX_SIZE = "10m";
    public static final String DEFAULT_REPOSITORY = "basecamp/kamal-proxy";
    /** The oldest kamal-proxy Kamal 2.12 works with, and its default image tag. */
    public static final String MINIMUM_VERSION = "v0.9.2";

    public ProxyRun {
        bindIps = List.copyOf(bindIps);
        options = List.copyOf(options);
    }

    /** {@code [registry/]repository:version}. */
    public String image() {
        return registry.map(r -> r + "/").orElse("") + repository + ":" + version;
    }
}
