package dev.dhow.core;

/** A secret value: prints as [REDACTED] everywhere except when a command is actually executed. */
public record Sensitive(String value) {
    public static final String REDACTED = "[REDACTED]";

    public Sensitive {
        if (value == null) throw new IllegalArgumentException("sensitive value must not be null");
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
