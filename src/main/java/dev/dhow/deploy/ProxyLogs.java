package dev.dhow.deploy;

import dev.dhow.commands.ProxyCommands;
import java.util.List;
import java.util.Optional;

/** {@code dhow proxy logs -f}: kamal-proxy's live log from every selected proxy host at once, lines prefixed {@code [host]}. */
public final class ProxyLogs {
    private final Crew crew;

    public ProxyLogs(Crew crew) {
        this.crew = crew;
    }

    /** Follows until the commands end or dhow is stopped; starts with the last 10 lines of each host. */
    public void follow(boolean timestamps, Optional<String> grep, Optional<String> grepOptions) {
        List<String> hosts = crew.targets().proxyHosts();
        crew.console().info("Following logs on " + String.join(", ", hosts) + "...");
        LogStreams.follow(crew, hosts, host -> new ProxyCommands(crew.config(), host).followLogs(timestamps, grep, grepOptions));
    }
}
