package dev.dhow.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One GET on a fresh connection (HTTP/1.0, Connection: close) with any Host header, over plain
 * HTTP or TLS (SNI = that host, any certificate accepted): how the sandbox tests reach virtual
 * hosts behind kamal-proxy's published ports without DNS.
 */
public final class HttpProbe {
    private HttpProbe() {}

    /**
     * One answer.
     *
     * @param headers header names in lower case (the last value wins)
     * @param issuer  the server certificate's issuer over TLS, else null
     */
    public record Response(int status, Map<String, String> headers, String body, String issuer) {
        public Response {
            headers = Map.copyOf(headers);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Response get(URI uri, String hostHeader) throws IOException {
        return get(uri, hostHeader, Duration.ofSeconds(5));
    }

    /** GET {@code uri} (http or https), sending {@code hostHeader} (null: the URI's host) as Host and SNI. */
    public static Response get(URI uri, String hostHeader, Duration timeout) throws IOException {
        return get(uri, hostHeader, timeout, List.of());
    }

    /** As {@link #get(URI, String, Duration)}, with more header lines ({@code Cookie: a=b}). */
    public static Response get(URI uri, String hostHeader, Duration timeout, List<String> headerLines) throws IOException {
        boolean tls = "https".equals(uri.getScheme());
        if (!(tls || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("HttpProbe speaks http(s) to a host: " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = hostHeader != null ? hostHeader : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + port);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            raw.setSoTimeout((int) timeout.toMillis());
            Socket socket = raw;
            String issuer = null;
            if (tls) {
                SSLSocket ssl = (SSLSocket) trustingEverything().getSocketFactory()
                        .createSocket(raw, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(host.replaceFirst(":\\d+$", ""))));
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                issuer = ((X509Certificate) ssl.getSession().getPeerCertificates()[0]).getIssuerX500Principal().getName();
                socket = ssl;
            }
            OutputStream out = socket.getOutputStream();
            StringBuilder extra = new StringBuilder();
            for (String line : headerLines) extra.append(line).append("\r\n");
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: dhow-sandbox-test\r\n" + extra
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream().readAllBytes(), issuer);
        }
    }

    static Response parse(byte[] raw, String issuer) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException(raw.length == 0 ? "empty response" : "not an HTTP response");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        String body = headersEnd < 0 ? ""
                : new String(raw, headersEnd + 4, raw.length - headersEnd - 4, StandardCharsets.UTF_8);
        try {
            return new Response(Integer.parseInt(statusLine[1]), headers, body, issuer);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + lines[0], e);
        }
    }

    // The sandbox's certificates come from caddy's internal CA, which no trust store knows.
    private static SSLContext trustingEverything() throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS here", e);
        }
    }
}
