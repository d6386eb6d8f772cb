package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * GETs JSON from a secret store's REST API with connect and request timeouts. Failures become
 * {@code <adapter>: …} messages that name the URL and HTTP status but never the request headers,
 * which is where the token travels.
 */
final class HttpJson {
    /** An answer: status and parsed body (a missing or non-JSON body is an empty object). */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String adapter;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration connectTimeout;

    HttpJson(String adapter, Timeouts timeouts, SSLContext tls) {
        this.adapter = adapter;
        this.requestTimeout = timeouts.request();
        this.connectTimeout = timeouts.connect();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) builder.sslContext(tls);
        this.client = builder.build();
    }

    Response get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = KamalJson.parse(response.body()).orElse(JsonNodeFactory.instance.objectNode());
            return new Response(response.statusCode(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new DhowException(adapter + ": could not connect to " + origin(uri) + " within " + pretty(connectTimeout) + " (timeout)");
        } catch (HttpTimeoutException e) {
            throw new DhowException(adapter + ": no answer from " + origin(uri) + " within " + pretty(requestTimeout) + " (timeout)");
        } catch (ConnectException e) {
            throw new DhowException(adapter + ": could not connect to " + origin(uri) + " (connection refused)");
        } catch (SSLException e) {
            throw new DhowException(adapter + ": TLS handshake with " + origin(uri) + " failed: " + e.getMessage());
        } catch (IOException e) {
            throw new DhowException(adapter + ": request to " + origin(uri) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhowException(adapter + ": interrupted while waiting for " + origin(uri));
        }
    }

    /** Percent-encodes each {@code /}-separated segment of a store path for use in a URL path. */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (sb.length() > 0) sb.append('/');
            sb.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String pretty(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** An SSLContext trusting the PEM certificates in {@code caFile}, for stores with a private CA. */
    static SSLContext trusting(String adapter, Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) throw new DhowException(adapter + ": no certificate found in " + caFile);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new DhowException(adapter + ": cannot read the CA certificate file " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new DhowException(adapter + ": invalid CA certificate file " + caFile + ": " + e.getMessage());
        }
    }
}
