package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Who is deploying, as Kamal records it: the audit/hook performer is {@code git config user.email}, else
 * {@code whoami}; the lock holder is {@code git config user.name}, else {@code Unknown}.
 */
public final class Identity {
    private final Path workingDir;
    private final Map<String, String> environment;
    private String performer;
    private String lockedBy;

    public Identity(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = environment;
    }

    /** An identity that is {@code who} both as performer and as lock holder (tests, {@code --identity}-like callers). */
    public static Identity fixed(String who) {
        Identity identity = new Identity(Path.of("."), Map.of());
        identity.performer = who;
        identity.lockedBy = who;
        return identity;
    }

    /** The performer named in audit lines and {@code KAMAL_PERFORMER} (asked of git once). */
    public synchronized String performer() {
        if (performer == null) performer = findPerformer();
        return performer;
    }

    /** The name written into the lock details (asked of git once). */
    public synchronized String lockedBy() {
        if (lockedBy == null) {
            String name = run("git", "config", "user.name");
            lockedBy = name.isEmpty() ? "Unknown" : name;
        }
        return lockedBy;
    }

    private String findPerformer() {
        String email = run("git", "config", "user.email");
        if (!email.isEmpty()) return email;
        String who = run("whoami");
        if (!who.isEmpty()) return who;
        return environment.getOrDefault("USER", "unknown");
    }

    private String run(String... command) {
        try {
            LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.of(List.of(command), Duration.ofSeconds(10))
                    .in(workingDir).errors(LocalProcess.Errors.DISCARD));
            return outcome.ok() ? outcome.stdout().strip() : "";
        } catch (DhowException e) {
            return ""; // no git, or it hung: fall back as Kamal does when git has no answer
        }
    }
}
