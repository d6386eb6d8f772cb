package dev.dhow.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan for machines, as {@code --json} writes it into the event stream: one {@code plan} object (version, image,
 * registry), then per host one {@code plan_host} followed by one {@code plan_resource} per resource compared, then a
 * {@code plan_summary}. Secrets appear only as {@code "secret": true}, never with a value. The shape is documented in
 * {@code docs/json-events.md} ("dhow plan --json").
 */
public final class PlanJson {
    /** One object of the plan: its event {@code type} and its fields, in order. */
    public record Entry(String type, Map<String, Object> fields) {}

    private PlanJson() {}

    public static List<Entry> render(Plan plan) {
        List<Entry> out = new ArrayList<>();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("version", plan.version());
        head.put("image", plan.image());
        head.put("in_registry", plan.inRegistry().orElse(null));
        head.put("registry", plan.registry());
        out.add(new Entry("plan", head));
        for (HostPlan host : plan.hosts()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("host", host.host());
            h.put("changes", !host.changed().isEmpty());
            h.put("unknown", host.unknown());
            out.add(new Entry("plan_host", h));
            for (Resource r : host.resources()) out.add(new Entry("plan_resource", resource(host.host(), r)));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("hosts", plan.hosts().size());
        summary.put("changed", plan.hosts().stream().filter(h -> !h.changed().isEmpty() && !h.unknown()).count());
        summary.put("unknown", plan.hosts().stream().filter(HostPlan::unknown).count());
        summary.put("changes", plan.changes());
        out.add(new Entry("plan_summary", summary));
        return out;
    }

    private static Map<String, Object> resource(String host, Resource r) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("host", host);
        node.put("resource", r.kind().label());
        node.put("name", r.name());
        node.put("action", r.action().label());
        node.put("summary", r.summary());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Change c : r.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("op", c.op().sign());
            change.put("field", c.field());
            if (c.secret()) {
                change.put("secret", true);
            } else {
                c.before().ifPresent(v -> change.put("old", v));
                c.after().ifPresent(v -> change.put("new", v));
            }
            changes.add(change);
        }
        node.put("changes", changes);
        node.put("notes", r.notes());
        return node;
    }
}
