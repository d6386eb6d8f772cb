package dev.dhow.deploy;

import dev.dhow.commands.AuditorCommands;
import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Appends Kamal-format audit lines ({@code [at] [who] [dest] [role] message}) to {@code .kamal/<svc-dest>-audit.log}
 * on hosts. Messages name versions and actions only, never secret values.
 */
public final class Audit {
    private final Hosts hosts;
    private final AuditorCommands commands;
    private final Clock clock;
    private final Identity identity;

    public Audit(Configuration config, Hosts hosts, Clock clock, Identity identity) {
        this.hosts = hosts;
        this.commands = new AuditorCommands(config);
        this.clock = clock;
        this.identity = identity;
    }

    /** Records {@code message} on {@code host}; failure to write the log fails the step. */
    public void record(String host, String message) {
        record(host, message, Optional.empty());
    }

    public void record(String host, String message, Optional<String> role) {
        hosts.run(host, commands.record(stamp(), message, role));
    }

    /** As {@link #record}, through the undo view of the hosts: for lines written while a run unwinds. */
    public void recordWhileUnwinding(String host, String message, Optional<String> role) {
        hosts.unwinding().run(host, commands.record(stamp(), message, role));
    }

    /**
     * {@code <audit line> && <cmd>}: records and runs in one round trip (dhow's saving over Kamal, which sends
     * them separately); {@code cmd} does not run when the audit log cannot be written.
     */
    public Cmd andThen(String message, Optional<String> role, Cmd cmd) {
        return Cmd.and(commands.record(stamp(), message, role), cmd);
    }

    /** {@code <cmd> && <audit line>}: records {@code message} only once {@code cmd} succeeded, in the same round trip. */
    public Cmd after(Cmd cmd, String message) {
        return Cmd.and(cmd, commands.record(stamp(), message, Optional.empty()));
    }

    /** Records {@code message} on every host in parallel. */
    public void recordAll(List<String> on, String message) {
        hosts.all(on, h -> record(h, message));
    }

    private AuditorCommands.Stamp stamp() {
        return new AuditorCommands.Stamp(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), identity.performer());
    }
}
