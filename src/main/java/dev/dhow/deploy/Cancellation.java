package dev.dhow.deploy;

import java.time.Duration;
import java.util.Optional;

/**
 * The run-wide answer to SIGINT and SIGTERM. The first signal asks the run to stop starting work and unwind
 * (switch hosts back, stop unrouted containers, release the lock); a second one asks it to skip what is left of the
 * unwinding but still release the lock. Flows never see signals, only {@link InterruptedRun} thrown by the hosts
 * facade and the sleeper when a step would start after the request.
 */
public final class Cancellation {
    /** How far the run has been asked to stop. */
    public enum Stage {
        /** No signal: work as usual. */
        RUNNING,
        /** One signal: start no new work; undo steps still run. */
        UNWINDING,
        /** Two signals: only the lock release still runs. */
        ABANDONED
    }

    private Stage stage = Stage.RUNNING;
    private String signal;

    /** Records a signal ({@code INT} or {@code TERM}); returns the stage the run is now in. */
    public synchronized Stage signal(String name) {
        if (signal == null) signal = name;
        stage = stage == Stage.RUNNING ? Stage.UNWINDING : Stage.ABANDONED;
        notifyAll();
        return stage;
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
        return new InterruptedRun(exitCode(), "interrupted (SIG" + firstSignal().orElse("INT") + ") before " + what);
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
