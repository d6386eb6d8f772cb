package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestLoopTest {
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/version");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void countsEveryAnswerAndTalliesTheBodies() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        URI uri = serve(exchange -> answer(exchange, 200, hits.incrementAndGet() % 2 == 0 ? "v2\n" : "v1\n"));

        RequestLoop loop = RequestLoop.start(uri, 50);
        Thread.sleep(600);
        RequestLoop.Result result = loop.stop();

        assertEquals(0, result.failed(), result.toString());
        assertTrue(result.sent() >= 20, result.toString());
        assertEquals(result.sent(), result.succeeded());
        assertEquals(result.succeeded(), result.bodies().get("v1") + result.bodies().get("v2"));
    }

    @Test
    void countsAnyStatusOtherThan200AsAFailure() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        URI uri = serve(exchange -> answer(exchange, hits.incrementAndGet() % 3 == 0 ? 502 : 200, "ok"));

        RequestLoop loop = RequestLoop.start(uri, 50);
        Thread.sleep(600);
        RequestLoop.Result result = loop.stop();

        assertTrue(result.failed() > 0, result.toString());
        assertTrue(result.failures().get(0).endsWith("status 502"), result.failures().get(0));
        assertEquals(result.sent(), result.succeeded() + result.failed());
    }

    @Test
    void countsRefusedConnectionsAsFailures() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        RequestLoop loop = RequestLoop.start(URI.create("http://127.0.0.1:" + closedPort + "/"), 20);
        Thread.sleep(300);
        RequestLoop.Result result = loop.stop();

        assertTrue(result.sent() > 0);
        assertEquals(0, result.succeeded(), result.toString());
        assertEquals(result.sent(), result.failed());
    }

    @Test
    void sendsTheGivenHostHeader() throws Exception {
        AtomicReference<String> host = new AtomicReference<>();
        URI uri = serve(exchange -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            answer(exchange, 200, "ok");
        });

        try (RequestLoop loop = RequestLoop.start(uri, "app.example.com", 10, Duration.ofSeconds(2))) {
            Thread.sleep(250);
        }

        assertEquals("app.example.com", host.get());
    }
}
