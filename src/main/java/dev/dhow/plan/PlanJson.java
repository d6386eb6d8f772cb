package dev.dhow.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as JSON lines: one {@code plan} object (version, image, registry), then per host one {@code host} object
 * followed by one {@code resource} object per resource compared, then a {@code summary}. Secrets appear only as
 * {@code "secret": true}, never with a value.
 */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {}

    /** One JSON object per line. */
    public static List<String> render(Plan plan) {
        List<String> out = new ArrayList<>();
        ObjectNode head = JSON.createObjectNode().put("type", "plan").put("version", plan.version()).put("image", plan.image());
        plan.inRegistry().ifPresentOrElse(b -> head.put("in_registry", b), () -> head.putNull("in_registry"));
        head.put("registry", plan.registry());
        out.add(write(head));
        for (HostPlan host : plan.hosts()) {
            out.add(write(JSON.createObjectNode().put("type", "host").put("host", host.host())
                    .put("changes", !host.changed().isEmpty()).put("unknown", host.unknown())));
            for (Resource r : host.resources()) out.add(write(resource(host.host(), r)));
        }
        long changed = plan.hosts().stream().filter(h -> !h.changed().isEmpty() && !h.unknown()).count();
        long unknown = plan.hosts().stream().filter(HostPlan::unknown).count();
        out.add(write(JSON.createObjectNode().put("type", "summary").put("hosts", plan.hosts().size())
                .put("changed", changed).put("unknown", unknown).put("changes", plan.changes())));
        return out;
    }

    private static ObjectNode resource(String host, Resource r) {
        ObjectNode node = JSON.createObjectNode().put("type", "resource").put("host", host).put("resource", r.kind().label())
                .put("name", r.name()).put("action", r.action().label()).put("summary", r.summary());
        ArrayNode changes = node.putArray("changes");
        for (Change c : r.changes()) {
            ObjectNode change = changes.addObject().put("op", c.op().sign()).put("field", c.field());
            if (c.secret()) {
                change.put("secret", true);
            } else {
                c.before().ifPresent(v -> change.put("old", v));
                c.after().ifPresent(v -> change.put("new", v));
            }
        }
        ArrayNode notes = node.putArray("notes");
        r.notes().forEach(notes::add);
        return node;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
