package dev.dhow.deploy;

import dev.dhow.commands.AuditorCommands;
import java.util.List;
import java.util.Optional;

/**
 * Appends Kamal-format audit lines ({@code [at] [who] [dest] [role] message}) to {@code .kamal/<svc-dest>-audit.log}
 * on hosts. Messages name versions and actions only, never secret values.
 */
public final class Audit {
    private final DeployContext ctx;
    private final AuditorCommands commands;

    Audit(DeployContext ctx) {
        this.ctx = ctx;
        this.commands = new AuditorCommands(ctx.config());
    }

    /** Records {@code message} on {@code host}; failure to write the log fails the step. */
    public void record(String host, String message) {
        record(host, message, Optional.empty());
    }

    public void record(String host, String message, Optional<String> role) {
        ctx.remote().run(host, commands.record(stamp(), message, role)).check();
    }

    /**
     * {@code <audit line> && <cmd>}: records and runs in one round trip (dhow's saving over Kamal, which sends
     * them separately); {@code cmd} does not run when the audit log cannot be written.
     */
    public dev.dhow.core.Cmd andThen(String message, Optional<String> role, dev.dhow.core.Cmd cmd) {
        return dev.dhow.core.Cmd.and(commands.record(stamp(), message, role), cmd);
    }

    /** Records {@code message} on every host in parallel. */
    public void recordAll(List<String> hosts, String message) {
        ctx.fleet(hosts).run(hosts, h -> {
            record(h, message);
            return null;
        }).check();
    }

    private AuditorCommands.Stamp stamp() {
        return new AuditorCommands.Stamp(ctx.recordedAt(), ctx.performer());
    }
}
