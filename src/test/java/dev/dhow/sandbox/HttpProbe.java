package dev.dhow.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One plain-HTTP GET on a fresh connection (HTTP/1.0, Connection: close), with any Host header:
 * how the sandbox tests talk to kamal-proxy's published port for virtual hosts that have no DNS.
 */
public final class HttpProbe {
    private HttpProbe() {}

    /** Status and body of one answer. */
    public record Response(int status, String body) {}

    public static Response get(URI uri, String hostHeader, Duration timeout) throws IOException {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("HttpProbe speaks plain http to a host: " + uri);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = hostHeader != null ? hostHeader : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: dhow-sandbox-test\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    public static Response get(URI uri, String hostHeader) throws IOException {
        return get(uri, hostHeader, Duration.ofSeconds(5));
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String[] statusLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException(raw.length == 0 ? "empty response" : "not an HTTP response");
        }
        int headersEnd = text.indexOf("\r\n\r\n");
        String body = headersEnd < 0 ? ""
                : new String(raw, headersEnd + 4, raw.length - headersEnd - 4, StandardCharsets.UTF_8);
        try {
            return new Response(Integer.parseInt(statusLine[1]), body);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine[1], e);
        }
    }
}
