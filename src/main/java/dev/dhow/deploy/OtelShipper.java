package dev.dhow.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhow.output.EventSink;
import dev.dhow.output.TerminalRenderer;
import dev.dhow.output.Verbosity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code output: otel: {endpoint: URL}}: ships a deploy flow's output lines and its start/complete/failed events as
 * OTLP/HTTP JSON logs to {@code <endpoint>/v1/logs}, in batches of 100 from a background thread (at least every
 * 5 s, and at the end), with Kamal's resource and record attributes. A failing endpoint is reported once and never
 * fails the deploy.
 */
public final class OtelShipper {
    private static final Pattern HOST_PREFIX = Pattern.compile("^(?:\\s*\\$ )?\\[([^\\]]+)\\] ");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI logsUri;
    private final Map<String, Object> resource;
    private final String version;
    private final Clock clock;
    private final Consumer<String> warnOnce;
    private final HttpClient http;
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private final Map<String, Object> eventDefaults = new LinkedHashMap<>();
    private final Thread flusher;
    private boolean failed;
    private volatile boolean closed;

    private OtelShipper(URI endpoint, Map<String, Object> resource, String version, Clock clock, Consumer<String> warnOnce) {
        String base = endpoint.toString().replaceAll("/+$", "");
        this.logsUri = URI.create(base + "/v1/logs");
        this.resource = new LinkedHashMap<>(resource);
        this.version = version;
        this.clock = clock;
        this.warnOnce = warnOnce;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.flusher = new Thread(this::flushPeriodically, "dhow-otel");
        flusher.setDaemon(true);
    }

    /**
     * A shipper that sends what it is given every few seconds and on {@link #close()}.
     *
     * @param resource resource attributes (service.name, kamal.run_id, …)
     * @param version  dhow's version, for the instrumentation scope
     * @param warnOnce prints the first shipping failure (to stderr)
     */
    public static OtelShipper start(URI endpoint, Map<String, Object> resource, String version, Clock clock, Consumer<String> warnOnce) {
        OtelShipper shipper = new OtelShipper(endpoint, resource, version, clock, warnOnce);
        // Started only once the shipper is whole: the thread must never see it half-built.
        shipper.flusher.start();
        return shipper;
    }

    /** One output line; {@code [host] } prefixes become {@code server.address}. */
    public void line(String text, boolean stderr) {
        if (text.isBlank()) return;
        Map<String, Object> attributes = new LinkedHashMap<>();
        Matcher m = HOST_PREFIX.matcher(text);
        if (m.find()) attributes.put("server.address", m.group(1));
        attributes.put("log.iostream", stderr ? "stderr" : "stdout");
        String t = text.strip();
        int severity = t.startsWith("ERROR ") ? 17 : t.startsWith("WARN ") ? 13 : 9;
        add(record(text, severity, null, attributes));
    }

    /** Attributes every later event carries (a deploy's {@code deployment.id} and {@code deployment.name}). */
    public synchronized void eventDefaults(Map<String, Object> attributes) {
        eventDefaults.putAll(attributes);
    }

    /** An event record ({@code kamal.start}, {@code kamal.complete}, {@code kamal.failed}). */
    public void event(String name, Map<String, Object> attributes, boolean error) {
        Map<String, Object> all;
        synchronized (this) {
            all = new LinkedHashMap<>(eventDefaults);
        }
        all.putAll(attributes);
        add(record(name, error ? 17 : 9, name, all));
    }

    /** The events of the run, shipped as the lines the terminal shows (stdout's and stderr's apart). */
    public EventSink sink(Verbosity verbosity) {
        return new TerminalRenderer(new PrintWriter(tee(Writer.nullWriter(), false)), new PrintWriter(tee(Writer.nullWriter(), true)),
                verbosity, TerminalRenderer.Style.PLAIN);
    }

    /** A writer whose complete lines are shipped (and passed on to {@code out}). */
    public Writer tee(Writer out, boolean stderr) {
        return new Writer() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public synchronized void write(char[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        line(partial.toString(), stderr);
                        partial.setLength(0);
                    } else {
                        partial.append(buf[i]);
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Sends whatever is left and stops the background thread. */
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        flush();
    }

    private Map<String, Object> record(String body, int severity, String eventName, Map<String, Object> attributes) {
        Map<String, Object> r = new LinkedHashMap<>();
        long nanos = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
        r.put("timeUnixNano", String.valueOf(nanos));
        r.put("severityNumber", severity);
        r.put("severityText", switch (severity) { case 17 -> "ERROR"; case 13 -> "WARN"; default -> "INFO"; });
        r.put("body", Map.of("stringValue", body));
        if (eventName != null) r.put("eventName", eventName);
        r.put("attributes", attributes(attributes));
        return r;
    }

    private void add(Map<String, Object> record) {
        synchronized (pending) {
            pending.add(record);
            if (pending.size() >= 100) pending.notifyAll();
        }
    }

    // Wakes every 5 s, or early for a full batch; close() sends the rest itself.
    private void flushPeriodically() {
        while (!closed) {
            synchronized (pending) {
                try {
                    if (pending.size() < 100) pending.wait(5000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!closed) flush();
        }
    }

    private synchronized void flush() {
        List<Map<String, Object>> batch;
        synchronized (pending) {
            if (pending.isEmpty()) return;
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        for (int i = 0; i < batch.size(); i += 100) send(batch.subList(i, Math.min(batch.size(), i + 100)));
    }

    private void send(List<Map<String, Object>> records) {
        Map<String, Object> payload = Map.of("resourceLogs", List.of(Map.of(
                "resource", Map.of("attributes", attributes(resource)),
                "scopeLogs", List.of(Map.of("scope", Map.of("name", "kamal", "version", version), "logRecords", records)))));
        try {
            HttpRequest request = HttpRequest.newBuilder(logsUri).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) fail("HTTP " + response.statusCode());
        } catch (IOException e) {
            fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            // closing while a batch was in flight: the batch is lost, the deploy is not
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String why) {
        if (failed) return;
        failed = true;
        warnOnce.accept("OTel log shipping failed: " + why);
    }

    private static List<Map<String, Object>> attributes(Map<String, Object> values) {
        List<Map<String, Object>> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Map.of("key", k, "value",
                v instanceof Double d ? Map.of("doubleValue", d) : Map.of("stringValue", String.valueOf(v)))));
        return out;
    }
}
