package dev.dhow.cli;

import dev.dhow.deploy.Cancellation;
import dev.dhow.deploy.Sleeper;
import java.time.Clock;
import java.util.Optional;

/**
 * What commands use to reach the world: executors, the clock, waiting, who the user is, and the run's answer to
 * signals. Tests pass fakes.
 *
 * @param randomHex    fixed hex for container hostnames and {@code _replaced_} suffixes; empty = random
 * @param identity     fixed performer and lock holder name; empty = ask git ({@code user.email}/{@code user.name})
 * @param cancellation set by SIGINT/SIGTERM (the process's signal handlers, or a test)
 * @param terminal      whether the user watches a terminal: colour and a live status line only then
 * @param inputTerminal whether standard input is a terminal: interactive commands ({@code exec -i}) need one
 */
public record Services(Transport transport, Clock clock, Sleeper sleeper, Optional<String> identity,
                       Optional<java.util.function.IntFunction<String>> randomHex, Cancellation cancellation, boolean terminal,
                       boolean inputTerminal) {

    public Services(Transport transport, Clock clock, Sleeper sleeper, Optional<String> identity,
                    Optional<java.util.function.IntFunction<String>> randomHex) {
        this(transport, clock, sleeper, identity, randomHex, new Cancellation(), false, false);
    }

    public Services(Transport transport, Clock clock, Sleeper sleeper, Optional<String> identity,
                    Optional<java.util.function.IntFunction<String>> randomHex, Cancellation cancellation) {
        this(transport, clock, sleeper, identity, randomHex, cancellation, false, false);
    }

    /** The real world, with a cancellation of its own. */
    public static Services real() {
        return real(new Cancellation());
    }

    /** The real world, answering to {@code cancellation} (which the process's signal handlers set). */
    public static Services real(Cancellation cancellation) {
        // System.console() is there only when stdin and stdout are a terminal: then dhow draws for a person.
        boolean tty = System.console() != null;
        return new Services(Transport.REAL, Clock.systemUTC(), Sleeper.REAL, Optional.empty(), Optional.empty(), cancellation, tty, tty);
    }
}
