package dev.dhow.plan;

import java.util.List;

/**
 * One thing on one host that the plan looked at, what a deploy would do to it, and why.
 *
 * @param name    the role, accessory, route or container it is about (empty for the host itself)
 * @param summary one line for people, e.g. {@code v1 → v2 (image on the host)}
 * @param changes the fields that differ, in a stable order
 * @param notes   what the plan could not compare, or what to run instead of a deploy
 */
public record Resource(Kind kind, String name, Action action, String summary, List<Change> changes, List<String> notes) {
    public Resource {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** What a resource is. */
    public enum Kind {
        HOST("host"), NETWORK("network"), APP("app"), ROUTE("route"), PROXY("kamal-proxy"), ACCESSORY("accessory"), PRUNE("prune");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What would happen to it. */
    public enum Action {
        /** Nothing: it matches deploy.yml. */
        NONE(" ", "none"),
        /** A deploy would create it. */
        CREATE("+", "create"),
        /** A deploy would change it (a new container, a changed route, a start). */
        UPDATE("~", "update"),
        /** A deploy would remove it (prune). */
        REMOVE("-", "remove"),
        /** It differs from deploy.yml, and only a reboot (which a deploy does not do) would change that. */
        REBOOT("~", "reboot"),
        /** A deploy would fail here. */
        FAIL("!", "fail"),
        /** The plan could not find out (the host did not answer). */
        UNKNOWN("?", "unknown");

        private final String sign;
        private final String label;

        Action(String sign, String label) {
            this.sign = sign;
            this.label = label;
        }

        public String sign() {
            return sign;
        }

        public String label() {
            return label;
        }
    }

    /** True unless it matches deploy.yml. */
    public boolean differs() {
        return action != Action.NONE;
    }
}
