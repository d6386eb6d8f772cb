package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The deploy lock: a directory {@code .kamal/lock-<svc-dest>} created atomically with {@code mkdir} on the primary
 * host, holding base64 details, written exactly as Kamal writes them so either tool can read the other's lock.
 */
public final class LockCommands {
    /** The message Kamal uses for locks taken by deploys (a lock with another message was taken by hand). */
    public static final String AUTOMATIC_MESSAGE = "Automatic deploy lock";

    private final Configuration config;

    public LockCommands(Configuration config) {
        this.config = config;
    }

    /** {@code mkdir -p .kamal} (on all hosts, before acquiring). */
    public Cmd ensureLocksDirectory() {
        return Shells.mkdirP(config.paths().runDirectory());
    }

    /**
     * {@code mkdir <lockdir> && echo "<base64 details>" > <lockdir>/details}; fails with "cannot create directory"
     * when the lock is held.
     *
     * @param lockedBy   git user.name, or {@code Unknown}
     * @param recordedAt UTC ISO 8601 time, e.g. {@code 2026-11-22T10:00:00Z}
     */
    public Cmd acquire(String message, String version, String lockedBy, String recordedAt) {
        String encoded = encode64(details(message, version, lockedBy, recordedAt));
        return Cmd.and(Cmd.of("mkdir", config.lockDirectory()),
                Cmd.builder("echo").quoted(encoded, Cmd.Quoting.DOUBLE).raw(">").word(detailsFile()).build());
    }

    /** The lock details text: {@code Locked by: <who> at <when>\nVersion: <v>\nMessage: <m>}. */
    public static String details(String message, String version, String lockedBy, String recordedAt) {
        return ("Locked by: " + lockedBy + " at " + recordedAt + "\nVersion: " + version + "\nMessage: " + message).strip();
    }

    /** {@code rm <lockdir>/details && rm -r <lockdir>}. */
    public Cmd release() {
        return Cmd.and(Cmd.of("rm", detailsFile()), Cmd.of("rm", "-r", config.lockDirectory()));
    }

    /** {@code stat <lockdir> > /dev/null && cat <lockdir>/details | base64 -d}: fails when there is no lock. */
    public Cmd status() {
        return Cmd.and(Cmd.builder("stat", config.lockDirectory()).raw(">").word("/dev/null").build(),
                Cmd.pipe(Cmd.of("cat", detailsFile()), Cmd.of("base64", "-d")));
    }

    private String detailsFile() {
        return config.lockDirectory() + "/details";
    }

    // Ruby's Base64.encode64: lines of 60 characters, each ending in a newline.
    static String encode64(String text) {
        String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 60) sb.append(b64, i, Math.min(b64.length(), i + 60)).append('\n');
        return sb.toString();
    }
}
