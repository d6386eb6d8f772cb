package dev.dhow.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan for people: per host, each resource a deploy would change ({@code +} create, {@code ~} change,
 * {@code -} remove, {@code !} would fail, {@code ?} unknown) with its fields indented below, or {@code no changes}.
 * Secrets are only ever "changed". Colour only when asked for (a terminal).
 */
public final class PlanText {
    private static final String GREEN = "\u001B[32m", RED = "\u001B[31m", YELLOW = "\u001B[33m", MAGENTA = "\u001B[35m",
            BOLD = "\u001B[1m", RESET = "\u001B[0m";

    private final boolean colour;

    public PlanText(boolean colour) {
        this.colour = colour;
    }

    /** The whole plan, one line per list entry. */
    public List<String> render(Plan plan) {
        List<String> out = new ArrayList<>();
        out.add("Deploying " + plan.version() + " (" + plan.image() + ": " + plan.registry() + ")");
        for (HostPlan host : plan.hosts()) {
            List<Resource> shown = host.resources().stream().filter(r -> r.differs() || !r.notes().isEmpty()).toList();
            if (host.changed().isEmpty() && shown.isEmpty()) {
                out.add(paint(BOLD, host.host()) + ": no changes");
                continue;
            }
            out.add(paint(BOLD, host.host()) + (host.changed().isEmpty() ? ": no changes" : ""));
            for (Resource r : shown) {
                String title = r.kind().label() + (r.name().isEmpty() ? "" : " " + r.name());
                out.add("  " + sign(r.action()) + " " + title + (r.summary().isEmpty() ? "" : ": " + r.summary()));
                for (Change c : r.changes()) out.add("      " + change(c));
                for (String note : r.notes()) out.add("      · " + note);
            }
        }
        long changed = plan.hosts().stream().filter(h -> !h.changed().isEmpty() && !h.unknown()).count();
        long unknown = plan.hosts().stream().filter(HostPlan::unknown).count();
        int total = plan.hosts().size();
        out.add(changed + " of " + total + " host" + (total == 1 ? "" : "s") + " would change"
                + (unknown > 0 ? ", " + unknown + " could not be checked" : "") + ".");
        return out;
    }

    private String change(Change c) {
        String sign = paint(colourOf(c.op()), c.op().sign());
        if (c.secret()) {
            String what = switch (c.op()) {
                case ADD -> "added";
                case REMOVE -> "removed";
                case CHANGE -> "changed";
            };
            return sign + " " + c.field() + ": " + what + " (value not shown)";
        }
        return switch (c.op()) {
            case ADD -> sign + " " + c.field() + ": " + value(c.after().orElse(""));
            case REMOVE -> sign + " " + c.field() + ": " + value(c.before().orElse(""));
            case CHANGE -> sign + " " + c.field() + ": " + c.before().map(PlanText::value).orElse("(not shown)") + " → " + value(c.after().orElse(""));
        };
    }

    private static String value(String v) {
        return v.isEmpty() ? "\"\"" : v;
    }

    private String sign(Resource.Action action) {
        String colourCode = switch (action) {
            case CREATE -> GREEN;
            case REMOVE, FAIL -> RED;
            case UNKNOWN -> MAGENTA;
            default -> YELLOW;
        };
        return paint(colourCode, action.sign());
    }

    private static String colourOf(Change.Op op) {
        return switch (op) {
            case ADD -> GREEN;
            case REMOVE -> RED;
            case CHANGE -> YELLOW;
        };
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
