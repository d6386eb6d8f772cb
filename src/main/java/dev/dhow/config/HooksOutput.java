package dev.dhow.config;

import java.util.Map;
import java.util.Optional;

/** {@code hooks_output:} one level for all hooks, or a level per hook name. */
public record HooksOutput(Optional<Level> all, Map<String, Level> perHook) {
    public static final HooksOutput UNSET = new HooksOutput(Optional.empty(), Map.of());

    public HooksOutput {
        perHook = Maps.copy(perHook);
    }

    public Optional<Level> forHook(String hook) {
        return all.or(() -> Optional.ofNullable(perHook.get(hook)));
    }

    /** quiet hides a hook's output, verbose shows it. */
    public enum Level { QUIET, VERBOSE }
}
