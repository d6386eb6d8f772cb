package dev.dhow.deploy;

import dev.dhow.ssh.Fleet;
import java.util.List;

/** Prints one result block per host, as Kamal's {@code puts_by_host}: {@code App Host: <host>} (not when quiet), the output, a blank line. */
public final class HostOutput {
    private HostOutput() {}

    /** Runs {@code step} on every host in parallel and prints the outputs in host order; then fails if any host failed. */
    public static void print(DeployContext ctx, String type, List<String> hosts, Fleet.Step<String> step) {
        Fleet.Results<String> results = ctx.fleet(hosts).run(hosts, step);
        for (Fleet.Outcome<String> o : results.outcomes()) {
            if (!o.ok()) continue;
            if (!ctx.console().quiet()) ctx.console().result(type + " Host: " + o.host());
            ctx.console().result(o.value().strip() + "\n");
        }
        results.check();
    }
}
