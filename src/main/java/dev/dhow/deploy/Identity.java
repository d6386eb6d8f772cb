package dev.dhow.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Who is deploying, as Kamal records it: the audit/hook performer is {@code git config user.email}, else
 * {@code whoami}; the lock holder is {@code git config user.name}, else {@code Unknown}.
 */
public final class Identity {
    private final Path workingDir;
    private final Map<String, String> environment;

    public Identity(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = environment;
    }

    /** The performer named in audit lines and {@code KAMAL_PERFORMER}. */
    public String performer() {
        String email = run("git", "config", "user.email");
        if (!email.isEmpty()) return email;
        String who = run("whoami");
        if (!who.isEmpty()) return who;
        return environment.getOrDefault("USER", "unknown");
    }

    /** The name written into the lock details. */
    public String lockedBy() {
        String name = run("git", "config", "user.name");
        return name.isEmpty() ? "Unknown" : name;
    }

    private String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(workingDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
