package dev.dhow.output;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Replaces secret values in every text field of an event before any renderer sees it: the last line of defence
 * behind the redaction done where commands are built, so the terminal, {@code --json}, CI annotations, the output
 * log and OTel all show exactly the same {@code [REDACTED]}.
 */
public final class Redaction implements EventSink {
    private final EventSink next;
    private final Supplier<List<String>> values;
    private volatile List<String> secrets = List.of();

    /**
     * @param values the secret values known so far (asked again until there are some: secrets load on first use);
     *               values shorter than 4 characters are left alone (they would hide ordinary words)
     */
    public Redaction(EventSink next, Supplier<List<String>> values) {
        this.next = next;
        this.values = values;
    }

    @Override
    public void emit(Event event) {
        if (secrets.isEmpty()) {
            secrets = values.get().stream().filter(s -> s != null && s.length() >= 4).distinct()
                    .sorted((a, b) -> b.length() - a.length()).toList();
        }
        next.emit(secrets.isEmpty() ? event : redact(event));
    }

    @Override
    public void close() {
        next.close();
    }

    String hide(String text) {
        String out = text;
        for (String s : secrets) out = out.replace(s, "[REDACTED]");
        return out;
    }

    @SuppressWarnings("unchecked")
    private Event redact(Event e) {
        UnaryOperator<String> h = this::hide;
        if (e instanceof Event.Info i) return new Event.Info(i.at(), i.host(), h.apply(i.message()));
        if (e instanceof Event.Warning w) return new Event.Warning(w.at(), w.host(), h.apply(w.message()));
        if (e instanceof Event.Error r) return new Event.Error(r.at(), r.host(), h.apply(r.message()));
        if (e instanceof Event.CommandRun c) return new Event.CommandRun(c.at(), c.host(), h.apply(c.command()));
        if (e instanceof Event.Output o) return new Event.Output(o.at(), o.host(), o.stderr(), h.apply(o.text()));
        if (e instanceof Event.Debug d) return new Event.Debug(d.at(), h.apply(d.message()));
        if (e instanceof Event.Result r) return new Event.Result(r.at(), h.apply(r.text()), r.raw());
        if (e instanceof Event.HostFailed f) return new Event.HostFailed(f.at(), f.host(), f.role(), h.apply(f.reason()));
        if (e instanceof Event.HostState s) return new Event.HostState(s.at(), s.host(), s.role(), s.state(), h.apply(s.detail()));
        if (e instanceof Event.StepStarted s) return new Event.StepStarted(s.at(), s.step(), h.apply(s.title()));
        if (e instanceof Event.RunFinished f) {
            return new Event.RunFinished(f.at(), f.status(), f.exitCode(), f.millis(), f.message().map(h), f.nextStep().map(h));
        }
        if (e instanceof Event.Summary s) {
            return new Event.Summary(s.at(), s.command(), s.version(), s.hostsByRole(), s.urls().stream().map(h).collect(Collectors.toList()), s.millis(),
                    s.notes().stream().map(h).collect(Collectors.toList()));
        }
        if (e instanceof Event.Data d) return new Event.Data(d.at(), d.type(), (java.util.Map<String, Object>) hideIn(d.fields()));
        return e;
    }

    private Object hideIn(Object value) {
        if (value instanceof String s) return hide(s);
        if (value instanceof java.util.Map<?, ?> m) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), hideIn(v)));
            return out;
        }
        if (value instanceof List<?> l) return l.stream().map(this::hideIn).toList();
        return value;
    }
}
