package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** output: otel: a deploy ships its lines and start/complete events as OTLP/HTTP JSON to a collector. */
class OtelShipperTest {
    @TempDir Path tmp;
    HttpServer collector;
    final List<JsonNode> posts = Collections.synchronizedList(new ArrayList<>());
    final List<String> paths = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            posts.add(new ObjectMapper().readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stop() {
        collector.stop(0);
    }

    List<JsonNode> records() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode post : posts) post.at("/resourceLogs/0/scopeLogs/0/logRecords").forEach(out::add);
        return out;
    }

    static String attribute(JsonNode node, String key) {
        for (JsonNode a : node.get("attributes")) {
            if (a.get("key").asText().equals(key)) {
                JsonNode v = a.get("value");
                return v.has("stringValue") ? v.get("stringValue").asText() : v.get("doubleValue").asText();
            }
        }
        return null;
    }

    @Test
    void aDeployShipsItsLinesAndEventsWithKamalsAttributes() {
        Harness h = new Harness(tmp, "otel");
        h.env.put("OTEL_TEST_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort() + "/");
        DeployFlowTest.runningV1(h);
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertTrue(h.err.contains("Logs sent to http://127.0.0.1:"), h.err);

        assertTrue(paths.stream().allMatch("/v1/logs"::equals), paths.toString());
        JsonNode resource = posts.get(0).at("/resourceLogs/0/resource");
        assertEquals("kamal", attribute(resource, "service.name"));
        assertEquals("app", attribute(resource, "service.namespace"));
        assertEquals("v2", attribute(resource, "kamal.deploy_version"));
        assertEquals("tester@example.com", attribute(resource, "kamal.performer"));

        List<JsonNode> records = records();
        JsonNode first = records.get(0);
        assertEquals("kamal.start", first.get("eventName").asText());
        assertEquals("redeploy", attribute(first, "kamal.command"));
        assertEquals("redeploy app", attribute(first, "deployment.name"));
        JsonNode last = records.get(records.size() - 1);
        assertEquals("kamal.complete", last.get("eventName").asText());
        assertEquals("succeeded", attribute(last, "deployment.status"));
        assertEquals("7.0", attribute(last, "kamal.runtime"));
        assertTrue(records.stream().anyMatch(r -> "1.1.1.3".equals(attribute(r, "server.address"))
                && r.at("/body/stringValue").asText().contains("Waiting for the first healthy web container")), records.toString());
        assertTrue(records.stream().noneMatch(r -> r.toString().contains("supersecret-master")));
    }

    @Test
    void anUnreachableCollectorIsReportedOnceAndTheDeploySucceeds() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Harness h = new Harness(tmp, "otel");
        h.env.put("OTEL_TEST_ENDPOINT", "http://127.0.0.1:" + port);
        DeployFlowTest.runningV1(h);
        assertEquals(0, h.dhow("redeploy", "--skip-push", "--version", "v2"), h.err);
        assertEquals(1, h.err.split("OTel log shipping failed", -1).length - 1, h.err);
    }
}
