package dev.dhow.deploy;

import dev.dhow.commands.BootSurvey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers deploy's stale check got for each (host, role), kept for the boot that follows under the same lock,
 * so that the boot does not ask the same questions again. Each answer is used once.
 */
final class BootSurveys {
    private final Optional<String> version;
    private final Map<String, BootSurvey> byHostAndRole = new ConcurrentHashMap<>();

    private BootSurveys(Optional<String> version) {
        this.version = version;
    }

    /** Answers for a boot of {@code version}. */
    static BootSurveys forVersion(String version) {
        return new BootSurveys(Optional.of(version));
    }

    /** No answers: every boot asks for itself. */
    static BootSurveys none() {
        return new BootSurveys(Optional.empty());
    }

    void put(String host, String role, BootSurvey survey) {
        byHostAndRole.put(host + "\n" + role, survey);
    }

    /** The answer for {@code role} on {@code host}, once, if it was asked for a boot of {@code bootVersion}. */
    Optional<BootSurvey> take(String host, String role, String bootVersion) {
        if (!version.equals(Optional.of(bootVersion))) return Optional.empty();
        return Optional.ofNullable(byHostAndRole.remove(host + "\n" + role));
    }
}
