package dev.dhow.deploy;

import dev.dhow.commands.LockCommands;
import dev.dhow.commands.ServerCommands;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.ssh.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deploy lock, a directory on the primary host created with an atomic {@code mkdir} (Kamal's own, so dhow
 * and Kamal exclude each other). Re-entrant within one process and inherited from a parent through
 * {@code KAMAL_LOCK=true}; released when the locked work throws.
 */
public final class Lock {
    private final DeployContext ctx;
    private final LockCommands commands;

    Lock(DeployContext ctx) {
        this.ctx = ctx;
        this.commands = new LockCommands(ctx.config());
    }

    /** Runs {@code work} holding the lock: acquires it unless already held, releases it afterwards (also on failure). */
    public <T> T withLock(Supplier<T> work) {
        if (ctx.holdingLock()) return work.get();
        acquire(LockCommands.AUTOMATIC_MESSAGE);
        T value;
        try {
            value = work.get();
        } catch (RuntimeException | Error e) {
            try {
                release();
            } catch (RuntimeException releaseFailure) {
                ctx.console().error("Error releasing the deploy lock: " + releaseFailure.getMessage());
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
        if (ctx.lockWait().enabled()) {
            acquireWaiting(message);
        } else {
            ctx.console().info("Acquiring the deploy lock...");
            if (!tryAcquire(message)) {
                ctx.console().error("Deploy lock already in place!");
                status().ifPresent(ctx.console()::result);
                throw new DhowException(ExitCode.LOCKED, "Deploy lock found. Run 'dhow lock help' for more information");
            }
        }
        ctx.holdingLock(true);
    }

    private void acquireWaiting(String message) {
        DeployContext.LockWait wait = ctx.lockWait();
        Instant deadline = ctx.clock().instant().plusSeconds(wait.timeoutSeconds());
        boolean detailsShown = false;
        ctx.console().info("Acquiring the deploy lock (waiting up to " + wait.timeoutSeconds() + "s)...");
        while (!tryAcquire(message)) {
            if (!detailsShown) {
                String status = status().orElse("");
                ctx.console().info("Deploy lock is held by:");
                ctx.console().result(status);
                if (!status.contains(LockCommands.AUTOMATIC_MESSAGE)) {
                    throw new DhowException(ExitCode.LOCKED, "Deploy lock held manually, not waiting. Run 'dhow lock help' for more information");
                }
                detailsShown = true;
            }
            long remaining = Duration.between(ctx.clock().instant(), deadline).toSeconds();
            if (remaining <= 0) {
                ctx.console().error("Timed out after " + wait.timeoutSeconds() + "s waiting for the deploy lock");
                throw new DhowException(ExitCode.LOCKED, "Timed out waiting for deploy lock");
            }
            ctx.console().info("Retrying in " + wait.intervalSeconds() + "s (" + remaining + "s remaining)...");
            ctx.sleeper().sleep(Duration.ofSeconds(Math.min(wait.intervalSeconds(), remaining)));
        }
    }

    /** True when the lock was created; false when someone holds it; throws on any other failure. */
    private boolean tryAcquire(String message) {
        Result r = ctx.remote().run(primaryHost(), dev.dhow.core.Cmd.and(new ServerCommands(ctx.config()).ensureRunDirectory(),
                commands.acquire(message, lockVersion(), ctx.lockedBy(), ctx.recordedAt())));
        if (r.ok()) return true;
        if ((r.stderr() + r.stdout()).contains("cannot create directory")
                || (r.stderr() + r.stdout()).contains("File exists")) return false;
        r.check();
        return false;
    }

    // The version only labels the lock; commands that pick their version later (rollback, remove) may have none yet.
    private String lockVersion() {
        try {
            return ctx.version();
        } catch (DhowException e) {
            return "unknown";
        }
    }

    /** Removes the lock. Prints {@code There is no deploy lock} and returns false when there was none. */
    public boolean release() {
        ctx.console().info("Releasing the deploy lock...");
        Result r = ctx.remote().run(primaryHost(), commands.release());
        ctx.holdingLock(false);
        if (r.ok()) return true;
        if ((r.stderr() + r.stdout()).contains("No such file or directory")) return false;
        r.check();
        return false;
    }

    /** The lock details ({@code Locked by: … at …\nVersion: …\nMessage: …}), or empty when there is no lock. */
    public Optional<String> status() {
        Result r = ctx.remote().run(primaryHost(), commands.status());
        if (r.ok()) return Optional.of(r.stdout().strip());
        if ((r.stderr() + r.stdout()).contains("No such file or directory")) return Optional.empty();
        r.check();
        return Optional.empty();
    }

    private String primaryHost() {
        return ctx.targets().primaryHost().or(() -> ctx.config().primaryHost())
                .orElseThrow(() -> new DhowException("no primary host for the deploy lock: add hosts under servers in deploy.yml"));
    }
}
