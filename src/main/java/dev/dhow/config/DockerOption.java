package dev.dhow.config;

import java.util.List;

/**
 * One extra {@code docker run} option from an {@code options:} hash. No values means a bare flag
 * ({@code cap-add: true} gives {@code --cap-add}); several values repeat the option.
 */
public record DockerOption(String name, List<String> values) {
    public DockerOption {
        values = List.copyOf(values);
    }

    public boolean flag() {
        return values.isEmpty();
    }
}
