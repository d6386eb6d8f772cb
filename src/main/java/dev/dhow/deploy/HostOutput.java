package dev.dhow.deploy;

import dev.dhow.output.Console;
import dev.dhow.ssh.Fleet;
import java.util.List;

/** Prints each host's output of a query as Kamal's {@code puts_by_host}: {@code <Type> Host: h} (not when quiet), the output, a blank line. */
public final class HostOutput {
    private HostOutput() {}

    /** Runs {@code step} on every host in parallel and prints the outputs in host order; then fails if any host failed. */
    public static void print(Crew crew, String type, List<String> hosts, Fleet.Step<String> step) {
        print(crew.console(), type, crew.hosts().each(hosts, step));
    }

    /** Prints the hosts that answered, in host order, then fails naming the hosts that did not. */
    static void print(Console console, String type, Fleet.Results<String> results) {
        print(console, type, results, false);
    }

    /** With {@code raw}, only the output itself, unmodified (for piping {@code exec --raw} somewhere). */
    static void print(Console console, String type, Fleet.Results<String> results, boolean raw) {
        for (Fleet.Outcome<String> o : results.outcomes()) {
            if (!o.ok()) continue;
            if (raw) {
                console.rawOut(o.value());
                continue;
            }
            if (!console.quiet()) console.result(type + " Host: " + o.host());
            console.result(o.value().strip() + "\n");
        }
        results.check();
    }
}
