package dev.dhow.config;

import java.time.Duration;

/**
 * dhow-only settings, under the root {@code x-dhow:} key (Kamal ignores {@code x-} keys, so the file stays valid for
 * both tools). Every value has a default, so a Kamal file needs none of them.
 *
 * @param timeouts  how long each kind of remote (and local) command may run
 * @param keepAlive how often an idle SSH connection is probed, and how many missed answers declare the host dead
 */
public record DhowSettings(CommandTimeouts timeouts, KeepAlive keepAlive) {
    public static final DhowSettings DEFAULT = new DhowSettings(CommandTimeouts.DEFAULT, KeepAlive.DEFAULT);

    /**
     * {@code x-dhow: timeouts:}, in seconds.
     *
     * @param command   any remote command without a kind of its own (default 120)
     * @param pull      image pulls, and runs that may pull (kamal-proxy, accessories) (default 900)
     * @param build     local builds and pushes (default 3600)
     * @param exec      commands the user asked for: {@code app exec}, {@code accessory exec}, {@code server exec} (default 3600)
     * @param bootstrap installing Docker on a host (default 900)
     */
    public record CommandTimeouts(Duration command, Duration pull, Duration build, Duration exec, Duration bootstrap) {
        public static final CommandTimeouts DEFAULT = new CommandTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(900),
                Duration.ofSeconds(3600), Duration.ofSeconds(3600), Duration.ofSeconds(900));
    }

    /**
     * {@code x-dhow: keepalive:}: a connection is probed every {@code interval} seconds, and dropped (its host
     * reported as not answering) after {@code count} probes go unanswered. The defaults, 4 s × 3, notice a frozen
     * host within 20 s; Kamal's keep-alive (30 s × 3) takes about two minutes.
     */
    public record KeepAlive(Duration interval, int count) {
        public static final KeepAlive DEFAULT = new KeepAlive(Duration.ofSeconds(4), 3);
    }
}
