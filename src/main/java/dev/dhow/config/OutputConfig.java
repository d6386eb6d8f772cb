package dev.dhow.config;

import java.util.Optional;

/** The {@code output:} section: ship run logs to an OTLP/HTTP endpoint and/or write them to files in a directory. */
public record OutputConfig(Optional<String> otelEndpoint, Optional<String> filePath) {
    public static final OutputConfig NONE = new OutputConfig(Optional.empty(), Optional.empty());

    public boolean enabled() {
        return otelEndpoint.isPresent() || filePath.isPresent();
    }
}
