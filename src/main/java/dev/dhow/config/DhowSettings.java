package dev.dhow.config;

import java.time.Duration;
import java.util.Optional;

/**
 * dhow-only settings, under the root {@code x-dhow:} key (Kamal ignores {@code x-} keys, so the file stays valid for
 * both tools). Every value has a default, so a Kamal file needs none of them.
 *
 * @param timeouts  how long each kind of remote (and local) command may run
 * @param keepAlive how often an idle SSH connection is probed, and how many missed answers declare the host dead
 * @param canary    {@code x-dhow: canary:}, when deploys go to canary hosts first (empty: only with {@code --canary})
 */
public record DhowSettings(CommandTimeouts timeouts, KeepAlive keepAlive, Optional<Canary> canary) {
    public static final DhowSettings DEFAULT = new DhowSettings(CommandTimeouts.DEFAULT, KeepAlive.DEFAULT, Optional.empty());

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

    /**
     * {@code x-dhow: canary:}: how a canary deploy verifies the new version before the rest of the fleet follows.
     *
     * @param hosts    how many hosts of each role boot first (default 1)
     * @param soak     how long the canary hosts are watched (default 30 s)
     * @param interval how often they are checked during the soak (default 2 s)
     */
    public record Canary(int hosts, Duration soak, Duration interval) {
        public static final Canary DEFAULT = new Canary(1, Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    /** {@code 30}, {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 500ms}, {@code 1h}: empty when it is none of these or 0. */
    public static Optional<Duration> parseDuration(String text) {
        String s = text.strip();
        if (s.matches("\\d+")) return Optional.of(Duration.ofSeconds(Long.parseLong(s))).filter(d -> !d.isZero());
        if (!s.matches("(\\d+(ms|h|m|s))+")) return Optional.empty();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|h|m|s)").matcher(s);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return Optional.of(total).filter(d -> !d.isZero());
    }
}
