package dev.dhow.config;

import java.util.List;
import java.util.Optional;

/**
 * A {@code proxy:} section (root, role or accessory) as kamal-proxy deploy settings. Empty optionals mean
 * "leave kamal-proxy's own default" (so no flag is passed). Defaults from Kamal: app_port 80, ssl off,
 * buffering of requests and responses on, request headers Cache-Control, Last-Modified, User-Agent logged.
 *
 * @param hosts       host names routed to the app (from {@code host}, comma separated, or {@code hosts}); empty = any host
 * @param run         settings for starting kamal-proxy itself, when {@code proxy.run} is set
 */
public record ProxyConfig(
        List<String> hosts,
        int appPort,
        Ssl ssl,
        Optional<Boolean> sslRedirect,
        Optional<Boolean> forwardHeaders,
        Optional<Integer> responseTimeout,
        List<String> pathPrefixes,
        Optional<Boolean> stripPathPrefix,
        Healthcheck healthcheck,
        Buffering buffering,
        ProxyLogging logging,
        Optional<ProxyRun> run) {

    public static final int DEFAULT_APP_PORT = 80;
    public static final List<String> DEFAULT_LOG_REQUEST_HEADERS = List.of("Cache-Control", "Last-Modified", "User-Agent");
    public static final String CONTAINER_NAME = "kamal-proxy";

    public ProxyConfig {
        hosts = List.copyOf(hosts);
        pathPrefixes = List.copyOf(pathPrefixes);
    }

    public boolean sslEnabled() {
        return ssl.enabled();
    }

    /** {@code ssl: true} or custom certificates; certificate values are secret keys. */
    public record Ssl(boolean enabled, Optional<String> certificatePem, Optional<String> privateKeyPem) {
        public static final Ssl OFF = new Ssl(false, Optional.empty(), Optional.empty());

        /** Custom certificates (both pems given) instead of Let's Encrypt. */
        public boolean customCertificate() {
            return certificatePem.isPresent() && privateKeyPem.isPresent();
        }
    }

    /** {@code healthcheck:} interval and timeout in seconds, and the path (kamal-proxy: 1s, 5s, /up). */
    public record Healthcheck(Optional<Integer> interval, Optional<Integer> timeout, Optional<String> path) {
        public static final Healthcheck DEFAULT = new Healthcheck(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code buffering:}; requests/responses default to true and are always passed, sizes are bytes. */
    public record Buffering(boolean requests, boolean responses, Optional<Long> maxRequestBody,
                            Optional<Long> maxResponseBody, Optional<Long> memory) {
        public static final Buffering DEFAULT = new Buffering(true, true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code logging:} headers kamal-proxy logs. */
    public record ProxyLogging(List<String> requestHeaders, List<String> responseHeaders) {
        public static final ProxyLogging DEFAULT = new ProxyLogging(DEFAULT_LOG_REQUEST_HEADERS, List.of());

        public ProxyLogging {
            requestHeaders = List.copyOf(requestHeaders);
            responseHeaders = List.copyOf(responseHeaders);
        }
    }
}
