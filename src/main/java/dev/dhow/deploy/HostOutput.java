package dev.dhow.deploy;

import dev.dhow.output.Console;
import dev.dhow.ssh.Fleet;

/** Prints each host's output of a query as Kamal does: {@code <Type> Host: h}, the output, a blank line. */
final class HostOutput {
    private HostOutput() {}

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
