package dev.dhow.deploy;

import java.time.Duration;
import java.util.Optional;

/**
 * The run-wide answer to SIGINT and SIGTERM. The first signal asks the run to stop starting work and unwind
 * (switch hosts back, stop unrouted containers, release the lock). A signal that comes once the undo has begun asks
 * it to skip what is left of the undo but still release the lock; one that comes before (a quick double Ctrl-C
 * while the commands in flight finish) repeats the first. Flows never see signals, only {@link InterruptedRun}
 * thrown by the hosts facade and the sleeper when a step would start after the request.
 */
public final class Cancellation {
    /** How far the run has been asked to stop. */
    public enum Stage {
        /** No signal: work as usual. */
        RUNNING,
        /** One signal: start no new work; undo steps still run. */
        STOPPING,
        /** Stopping, and the undo has begun: another signal now skips the rest of it. */
        UNWINDING,
        /** Two signals: only the lock release still runs. */
        ABANDONED
    }

    private Stage stage = Stage.RUNNING;
    private String signal;
    private int engaged;

    /**
     * Marks a command that unwinds on a signal as running (until the returned handle is closed). A signal that
     * comes while none is engaged (a read-only command, logs followed until Ctrl-C) just ends the process.
     */
    public synchronized AutoCloseable engage() {
        engaged++;
        return () -> {
            synchronized (Cancellation.this) {
                engaged--;
            }
        };
    }

    public synchronized boolean engaged() {
        return engaged > 0;
    }

    /** Records a signal ({@code INT} or {@code TERM}); returns the stage the run is now in. */
    public synchronized Stage signal(String name) {
        if (signal == null) signal = name;
        stage = switch (stage) {
            case RUNNING -> Stage.STOPPING;
            case STOPPING -> Stage.STOPPING;
            case UNWINDING, ABANDONED -> Stage.ABANDONED;
        };
        notifyAll();
        return stage;
    }

    /** Says that the run has begun to undo what it did: from now on a signal skips the rest of the undo. */
    public synchronized void undoing() {
        if (stage == Stage.STOPPING) stage = Stage.UNWINDING;
    }

    public synchronized Stage stage() {
        return stage;
    }

    public boolean requested() {
        return stage() != Stage.RUNNING;
    }

    /** The first signal received, if any. */
    public synchronized Optional<String> firstSignal() {
        return Optional.ofNullable(signal);
    }

    /** 130 after SIGINT, 143 after SIGTERM (128 + the signal number, as shells report it). */
    public synchronized int exitCode() {
        return "TERM".equals(signal) ? 143 : 130;
    }

    /** Throws {@link InterruptedRun} when the run has been asked to stop. */
    public void checkpoint(String what) {
        if (requested()) throw interrupted(what);
    }

    /** The exception that unwinds a run stopped before {@code what}. */
    public InterruptedRun interrupted(String what) {
        return new InterruptedRun(exitCode(), "Interrupted (SIG" + firstSignal().orElse("INT") + "): stopped before " + what);
    }

    /** Waits {@code duration}, or less when a signal arrives (then throws {@link InterruptedRun}). */
    public void sleep(Duration duration, String what) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (this) {
            while (stage == Stage.RUNNING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw interrupted(what);
    }
}
