package dev.dhow.cli;

import dev.dhow.deploy.Sleeper;
import java.time.Clock;
import java.util.Optional;

/**
 * What commands use to reach the world: executors, the clock, waiting, and who the user is. Tests pass fakes.
 *
 * @param randomHex fixed hex for container hostnames and {@code _replaced_} suffixes; empty = random
 * @param identity fixed performer and lock holder name; empty = ask git ({@code user.email}/{@code user.name})
 */
public record Services(Transport transport, Clock clock, Sleeper sleeper, Optional<String> identity,
                       Optional<java.util.function.IntFunction<String>> randomHex) {
    public static final Services REAL = new Services(Transport.REAL, Clock.systemUTC(), Sleeper.REAL, Optional.empty(), Optional.empty());
}
