package dev.dhow.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * What one role runs on one host before a boot, as {@link AppCommands#bootSurvey} finds it.
 *
 * @param running  versions of the role's running containers, the current one included
 * @param current  the current version (empty when none runs)
 * @param existing whether a container named for the version being booted exists (in any state)
 */
public record BootSurvey(List<String> running, String current, boolean existing) {
    // Marker lines between the answers: '#' cannot appear in a container name, so no version looks like one.
    static final String CURRENT = "# current";
    static final String EXISTING = "# existing";

    public BootSurvey {
        running = List.copyOf(running);
    }

    /** Reads the output of {@link AppCommands#bootSurvey}; a missing section reads as "nothing there". */
    public static BootSurvey parse(String output) {
        List<String> running = new ArrayList<>();
        String current = "";
        boolean existing = false;
        String section = "running";
        for (String raw : output.lines().toList()) {
            String line = raw.strip();
            if (line.equals(CURRENT)) section = "current";
            else if (line.equals(EXISTING)) section = "existing";
            else if (line.isEmpty()) continue;
            else if (section.equals("running")) running.add(line);
            else if (section.equals("current")) current = current.isEmpty() ? line : current;
            else existing = true;
        }
        return new BootSurvey(running, current, existing);
    }

    /** The running versions other than the current one: what the stale check stops. */
    public List<String> stale() {
        return running.stream().filter(v -> !v.equals(current)).toList();
    }

    /**
     * The version this host runs once a container already named for {@code version} was renamed to {@code renamed}
     * (renaming keeps the container, so only its name in the answer changes).
     */
    public String currentAfterRenaming(String version, String renamed) {
        return current.equals(version) ? renamed : current;
    }
}
