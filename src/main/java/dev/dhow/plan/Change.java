package dev.dhow.plan;

import java.util.Optional;

/**
 * One field that a deploy would add, remove or change on a resource. {@code before}/{@code after} hold values that
 * come from deploy.yml or the host and are safe to show; for a secret both are empty and only the field is named.
 *
 * @param field what differs, e.g. {@code env GREETING}, {@code volume}, {@code host}
 */
public record Change(Op op, String field, Optional<String> before, Optional<String> after, boolean secret) {
    /** How a field changes. */
    public enum Op {
        ADD("+"), REMOVE("-"), CHANGE("~");

        private final String sign;

        Op(String sign) {
            this.sign = sign;
        }

        public String sign() {
            return sign;
        }
    }

    public static Change added(String field, String value) {
        return new Change(Op.ADD, field, Optional.empty(), Optional.of(value), false);
    }

    public static Change removed(String field, String value) {
        return new Change(Op.REMOVE, field, Optional.of(value), Optional.empty(), false);
    }

    public static Change changed(String field, String before, String after) {
        return new Change(Op.CHANGE, field, Optional.of(before), Optional.of(after), false);
    }

    /** A field whose values must not be shown (a secret, or a value that may once have been one). */
    public static Change hidden(Op op, String field) {
        return new Change(op, field, Optional.empty(), Optional.empty(), true);
    }
}
