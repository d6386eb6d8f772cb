package dev.dhow.config;

/**
 * The {@code sshkit:} section: at most {@code maxConcurrentStarts} SSH handshakes at once (default 30), idle
 * connections kept {@code poolIdleTimeout} seconds (default 900), DNS failures retried {@code dnsRetries}
 * times (default 3, 0 = never).
 */
public record SshkitConfig(int maxConcurrentStarts, int poolIdleTimeout, int dnsRetries) {
    public static final SshkitConfig DEFAULT = new SshkitConfig(30, 900, 3);
}
