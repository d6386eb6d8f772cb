package dev.dhow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataEventTest {
    @Test
    void jsonWritesADataEventsFieldsAfterTheEnvelopeAndRedactsSecretsNestedInThem() {
        StringWriter out = new StringWriter();
        EventSink sink = new Redaction(new JsonRenderer(new PrintWriter(out, true)), () -> List.of("hunter22"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", "10.0.0.1");
        fields.put("changes", List.of(Map.of("new", "x-hunter22-y")));
        fields.put("count", 2);
        fields.put("known", null);

        sink.emit(new Event.Data(Instant.parse("2026-11-29T06:12:01.532Z"), "plan_resource", fields));

        assertEquals("{\"v\":1,\"ts\":\"2026-11-29T06:12:01.532Z\",\"type\":\"plan_resource\",\"host\":\"10.0.0.1\","
                + "\"changes\":[{\"new\":\"x-[REDACTED]-y\"}],\"count\":2,\"known\":null}\n", out.toString());
    }

    @Test
    void theTerminalShowsNothingOfADataEvent() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), Verbosity.VERBOSE, false);

        console.data("plan", Map.of("version", "v1"));

        assertEquals("", out.toString() + err.toString());
    }
}
