package dev.dhow.cli;

import dev.dhow.deploy.Cancellation;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into the run's {@link Cancellation} instead of an instant exit: the first signal lets
 * the commands in flight finish, puts hosts back and releases the lock; one that comes once the undo has begun skips
 * what is left of it but still releases the lock; a third ends the process at once. Without an engaged run (nothing
 * to undo), a signal ends the process as usual.
 */
final class Signals {
    private Signals() {}

    /** Installs the handlers for this process; {@code err} tells the user what each signal does. */
    static void install(Cancellation cancellation, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(name, cancellation, received.incrementAndGet(), err));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (e.g. with -Xrs): its default behaviour stays.
            }
        }
    }

    private static void onSignal(String name, Cancellation cancellation, int count, PrintWriter err) {
        int code = "TERM".equals(name) ? 143 : 130;
        if (count >= 3) {
            say(err, "Stopping at once: if the deploy lock is still held, 'dhow lock release' clears it.");
            Runtime.getRuntime().halt(cancellation.exitCode());
        }
        if (!cancellation.engaged()) {
            // As the JVM's own handler does: shutdown hooks run, then the process ends.
            Runtime.getRuntime().exit(code);
            return;
        }
        boolean first = !cancellation.requested();
        Cancellation.Stage stage = cancellation.signal(name);
        if (first) {
            say(err, "Interrupted (SIG" + name + "): letting the commands in flight finish, then putting the hosts back and"
                    + " releasing the deploy lock.");
        } else if (stage == Cancellation.Stage.STOPPING) {
            say(err, "Already stopping: waiting for the commands in flight, then the hosts are put back."
                    + " Interrupt once more to stop at once (the deploy lock may then stay held).");
        } else {
            say(err, "Interrupted again: skipping the rest of the undo; the deploy lock is still released."
                    + " Interrupt once more to stop at once.");
        }
    }

    private static void say(PrintWriter err, String message) {
        synchronized (err) {
            err.println();
            err.println("WARN " + message);
            err.flush();
        }
    }
}
