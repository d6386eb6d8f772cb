package dev.dhow.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --json}: every event as one JSON object per line on stdout (newline-delimited JSON), for CI systems and
 * scripts. Each object carries the schema version {@code v}, the time {@code ts} and its {@code type}; the fields of
 * each type are documented in {@code docs/json-events.md}. The last object of a run is {@code run_finished} with
 * the exit code. Field names are written out here, not derived by reflection, so the schema cannot drift by a rename.
 */
public final class JsonRenderer implements EventSink {
    /** Bumped when a field changes meaning or goes away; new fields and types do not bump it. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;

    public JsonRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void emit(Event event) {
        try {
            out.println(JSON.writeValueAsString(fields(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON", e);
        }
        out.flush();
    }

    /** The event as the ordered map its JSON line is written from. */
    public static Map<String, Object> fields(Event event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", SCHEMA_VERSION);
        m.put("ts", event.at().toString());
        m.put("type", event.type());
        if (event instanceof Event.Debug d) {
            m.put("message", d.message());
        } else if (event instanceof Event.RunStarted r) {
            m.put("command", r.command());
            r.version().ifPresent(v -> m.put("version", v));
            m.put("hosts", r.hosts());
            m.put("dry_run", r.dryRun());
        } else if (event instanceof Event.StepStarted s) {
            m.put("step", s.step());
            m.put("title", s.title());
        } else if (event instanceof Event.StepFinished s) {
            m.put("step", s.step());
            m.put("duration_ms", s.millis());
            m.put("ok", s.ok());
        } else if (event instanceof Event.Info i) {
            host(m, i.host());
            m.put("message", i.message());
        } else if (event instanceof Event.Progress p) {
            m.put("host", p.host());
            m.put("what", p.what());
            m.put("limit_s", p.limitSeconds());
        } else if (event instanceof Event.Warning w) {
            host(m, w.host());
            m.put("message", w.message());
        } else if (event instanceof Event.Error e) {
            host(m, e.host());
            m.put("message", e.message());
        } else if (event instanceof Event.CommandRun c) {
            m.put("host", c.host());
            m.put("command", c.command());
        } else if (event instanceof Event.Output o) {
            m.put("host", o.host());
            m.put("stream", o.stderr() ? "stderr" : "stdout");
            m.put("text", o.text());
        } else if (event instanceof Event.Result r) {
            m.put("text", r.text());
        } else if (event instanceof Event.HostFailed f) {
            m.put("host", f.host());
            f.role().ifPresent(role -> m.put("role", role));
            m.put("reason", f.reason());
        } else if (event instanceof Event.HostState s) {
            m.put("host", s.host());
            s.role().ifPresent(role -> m.put("role", role));
            m.put("state", s.state());
            m.put("detail", s.detail());
        } else if (event instanceof Event.HookRan h) {
            m.put("hook", h.name());
            m.put("duration_ms", h.millis());
            m.put("exit_code", h.exitCode());
        } else if (event instanceof Event.Summary s) {
            m.put("command", s.command());
            m.put("version", s.version());
            m.put("hosts_by_role", s.hostsByRole());
            m.put("urls", s.urls());
            m.put("duration_ms", s.millis());
            if (!s.notes().isEmpty()) m.put("notes", s.notes());
        } else if (event instanceof Event.Data d) {
            m.putAll(d.fields());
        } else if (event instanceof Event.RunFinished f) {
            m.put("status", f.status());
            m.put("exit_code", f.exitCode());
            m.put("duration_ms", f.millis());
            f.message().ifPresent(msg -> m.put("message", msg));
            f.nextStep().ifPresent(next -> m.put("next_step", next));
        }
        return m;
    }

    private static void host(Map<String, Object> m, Optional<String> host) {
        host.ifPresent(h -> m.put("host", h));
    }

    @Override
    public void close() {
        out.flush();
    }
}
