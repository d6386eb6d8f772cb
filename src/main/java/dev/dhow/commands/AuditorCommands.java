package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.util.List;
import java.util.Optional;

/** Appends audit lines to {@code .kamal/<svc-dest>-audit.log} on hosts, in Kamal's format, and reads them back. */
public final class AuditorCommands {
    /** Who and when, supplied by the caller (clock and git identity are not read here). */
    public record Stamp(String recordedAt, String performer) {}

    private final Configuration config;

    public AuditorCommands(Configuration config) {
        this.config = config;
    }

    /** {@code mkdir -p .kamal && echo "[<at>] [<who>] [<dest>] <message>" >> .kamal/<svc-dest>-audit.log}. */
    public Cmd record(Stamp stamp, String message) {
        return record(stamp, message, Optional.empty());
    }

    /** Same, tagged with a role: {@code [<at>] [<who>] [<dest>] [<role>] <message>}. */
    public Cmd record(Stamp stamp, String message, Optional<String> role) {
        return Cmd.and(Shells.mkdirP(config.paths().runDirectory()),
                Cmd.builder("echo").quoted(line(stamp, message, role), Cmd.Quoting.KAMAL).raw(">>").word(config.auditLogPath()).build());
    }

    /** The audit line itself, before shell quoting. */
    public String line(Stamp stamp, String message, Optional<String> role) {
        StringBuilder sb = new StringBuilder();
        for (Optional<String> tag : List.of(Optional.of(stamp.recordedAt()), Optional.of(stamp.performer()), config.destination(), role)) {
            tag.ifPresent(t -> sb.append('[').append(t).append("] "));
        }
        return sb.append(message).toString();
    }

    /** {@code tail -n 50 .kamal/<svc-dest>-audit.log}. */
    public Cmd reveal() {
        return Cmd.of("tail", "-n", "50", config.auditLogPath());
    }
}
