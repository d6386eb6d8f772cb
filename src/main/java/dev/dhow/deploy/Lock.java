package dev.dhow.deploy;

import dev.dhow.commands.LockCommands;
import dev.dhow.commands.ServerCommands;
import dev.dhow.config.Configuration;
import dev.dhow.config.Targets;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.output.Console;
import dev.dhow.ssh.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy lock, a directory on the primary host created with an atomic {@code mkdir} (Kamal's own, so dhow
 * and Kamal exclude each other). Re-entrant within one process and inherited from a parent through
 * {@code KAMAL_LOCK=true}; released when the locked work throws, also when it was interrupted.
 */
public final class Lock {
    private static final Pattern LOCKED_AT = Pattern.compile("Locked by: .* at (\\S+)");

    /**
     * What the lock needs besides the hosts.
     *
     * @param versionLabel   the version written into the lock details; commands that pick theirs later have none yet
     * @param releaseCommand how to name {@code dhow lock release} for this run (with its {@code -c}/{@code -d} options)
     */
    public record Settings(Run.LockWait waiting, Supplier<String> versionLabel, String releaseCommand) {}

    private final Configuration config;
    private final Targets targets;
    private final Hosts hosts;
    private final Console console;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Identity identity;
    private final Settings settings;
    private final LockCommands commands;
    private final AtomicBoolean held;

    /**
     * @param held whether this process holds the lock: set here, read by hooks ({@code KAMAL_LOCK}); true from the
     *             start when a parent dhow/kamal process holds it for us ({@code KAMAL_LOCK=true})
     */
    public Lock(Configuration config, Targets targets, Hosts hosts, Console console, Clock clock, Sleeper sleeper,
                Identity identity, Settings settings, AtomicBoolean held) {
        this.config = config;
        this.targets = targets;
        this.hosts = hosts;
        this.console = console;
        this.clock = clock;
        this.sleeper = sleeper;
        this.identity = identity;
        this.settings = settings;
        this.commands = new LockCommands(config);
        this.held = held;
    }

    /** Whether this process holds the lock now (for {@code KAMAL_LOCK} in hooks). */
    public boolean held() {
        return held.get();
    }

    /** Runs {@code work} holding the lock: acquires it unless already held, releases it afterwards (also on failure). */
    public <T> T withLock(Supplier<T> work) {
        if (held.get()) return work.get();
        acquire(LockCommands.AUTOMATIC_MESSAGE);
        T value;
        try {
            value = work.get();
        } catch (RuntimeException | Error e) {
            try {
                release();
            } catch (RuntimeException releaseFailure) {
                console.error("Error releasing the deploy lock: " + releaseFailure.getMessage()
                        + "\n  Release it with: " + settings.releaseCommand());
            }
            throw e;
        }
        release();
        return value;
    }

    public void withLock(Runnable work) {
        withLock(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Creates the lock with {@code message} ({@code mkdir -p .kamal} first, in the same round trip), waiting for it
     * with {@code --lock-wait}. Kamal also creates {@code .kamal} on every other host here; dhow leaves that to the
     * audit lines (each starts with {@code mkdir -p .kamal}), so a host that is down is reported by the step that
     * needs it, not by the lock.
     *
     * @throws DhowException (exit 3) when another process holds it
     */
    public void acquire(String message) {
        if (settings.waiting().enabled()) {
            acquireWaiting(message);
        } else {
            console.info("Acquiring the deploy lock...");
            if (!tryAcquire(message)) {
                console.error("Deploy lock already in place!");
                Optional<String> status = status();
                status.ifPresent(console::result);
                throw new DhowException(ExitCode.LOCKED, "Deploy lock found. Run 'dhow lock help' for more information"
                        + status.flatMap(this::heldFor).map(d -> "\nThe lock was taken " + d + " ago.").orElse("")
                        + "\nIf that deploy is no longer running (it was killed, or its machine went away), release the lock with: "
                        + settings.releaseCommand());
            }
        }
        held.set(true);
    }

    private void acquireWaiting(String message) {
        Run.LockWait wait = settings.waiting();
        Instant deadline = clock.instant().plusSeconds(wait.timeoutSeconds());
        boolean detailsShown = false;
        console.info("Acquiring the deploy lock (waiting up to " + wait.timeoutSeconds() + "s)...");
        while (!tryAcquire(message)) {
            if (!detailsShown) {
                String status = status().orElse("");
                console.info("Deploy lock is held by:");
                console.result(status);
                if (!status.contains(LockCommands.AUTOMATIC_MESSAGE)) {
                    throw new DhowException(ExitCode.LOCKED, "Deploy lock held manually, not waiting. Run 'dhow lock help' for more information");
                }
                detailsShown = true;
            }
            long remaining = Duration.between(clock.instant(), deadline).toSeconds();
            if (remaining <= 0) {
                // One line for one problem; the holder was shown above.
                throw new DhowException(ExitCode.LOCKED, "Timed out after " + wait.timeoutSeconds()
                        + "s waiting for the deploy lock (a longer wait: --lock-wait-timeout SECONDS)");
            }
            console.info("Retrying in " + wait.intervalSeconds() + "s (" + remaining + "s remaining)...");
            sleeper.sleep(Duration.ofSeconds(Math.min(wait.intervalSeconds(), remaining)));
        }
    }

    /** True when the lock was created; false when someone holds it; throws on any other failure. */
    private boolean tryAcquire(String message) {
        Result r = hosts.capture(primaryHost(), Cmd.and(new ServerCommands(config).ensureRunDirectory(),
                commands.acquire(message, settings.versionLabel().get(), identity.lockedBy(), now())));
        if (r.ok()) return true;
        if ((r.stderr() + r.stdout()).contains("cannot create directory")
                || (r.stderr() + r.stdout()).contains("File exists")) return false;
        throw new CommandFailed(r);
    }

    /**
     * Removes the lock, whatever signals the run received. Prints {@code There is no deploy lock} and returns false
     * when there was none.
     */
    public boolean release() {
        console.info("Releasing the deploy lock...");
        Result r = hosts.essential().capture(primaryHost(), commands.release());
        held.set(false);
        if (r.ok()) return true;
        if ((r.stderr() + r.stdout()).contains("No such file or directory")) return false;
        throw new CommandFailed(r);
    }

    /** The lock details ({@code Locked by: … at …\nVersion: …\nMessage: …}), or empty when there is no lock. */
    public Optional<String> status() {
        Result r = hosts.capture(primaryHost(), commands.status());
        if (r.ok()) return Optional.of(r.stdout().strip());
        if ((r.stderr() + r.stdout()).contains("No such file or directory")) return Optional.empty();
        throw new CommandFailed(r);
    }

    /** How long ago the lock in {@code status} was taken, in words ({@code 12 minutes}), when the details say. */
    private Optional<String> heldFor(String status) {
        Matcher m = LOCKED_AT.matcher(status);
        if (!m.find()) return Optional.empty();
        try {
            Duration d = Duration.between(Instant.parse(m.group(1)), clock.instant());
            if (d.isNegative()) return Optional.empty();
            long minutes = d.toMinutes();
            if (minutes < 1) return Optional.of(d.toSeconds() + " seconds");
            if (minutes < 120) return Optional.of(minutes + (minutes == 1 ? " minute" : " minutes"));
            long hours = d.toHours();
            return Optional.of(hours < 48 ? hours + " hours" : d.toDays() + " days");
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private String primaryHost() {
        return targets.primaryHost().or(config::primaryHost)
                .orElseThrow(() -> new DhowException("no primary host for the deploy lock: add hosts under servers in deploy.yml"));
    }
}
