package dev.dhow.deploy;

import dev.dhow.core.Cmd;
import dev.dhow.ssh.Fleet;
import java.util.List;
import java.util.function.Function;

/**
 * Follows logs on several hosts at once over the pooled connections (Kamal follows one host through {@code ssh
 * -t}): every line is printed as it arrives, prefixed {@code [host]}, until the commands end or dhow is stopped.
 */
final class LogStreams {
    private LogStreams() {}

    static void follow(DeployContext ctx, List<String> hosts, Function<String, Cmd> command) {
        Fleet.Results<Void> results = ctx.fleet(hosts).run(hosts, host -> {
            ctx.remote().stream(host, command.apply(host),
                    line -> ctx.console().result(ctx.console().prefix(host) + line.text())).check();
            return null;
        });
        results.check();
    }
}
