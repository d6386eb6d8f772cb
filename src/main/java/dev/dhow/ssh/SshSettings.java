package dev.dhow.ssh;

import dev.dhow.core.Sensitive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the SSH engine needs to reach hosts: the {@code ssh:} and {@code sshkit:} keys of deploy.yml plus
 * local facts (home directory, agent socket). Defaults live here: use {@link #defaults()} and the {@code with…}
 * methods, or the canonical constructor (nulls mean "not configured").
 *
 * @param user                SSH user; null → the ssh config's User, else {@code root}
 * @param port                SSH port; null → the ssh config's Port, else 22
 * @param proxy               jump host {@code [user@]host[:port]} (user defaults to root, as in Kamal); null = none
 * @param proxyCommand        command whose stdin/stdout carry the connection ({@code %h}, {@code %p}, {@code %r}
 *                            replaced); ignored when {@code proxy} is set
 * @param keys                private key files ({@code ~} expanded)
 * @param keysOnly            use only {@code keys}/{@code keyData} (agent keys only when they match one of them)
 * @param keyData             private keys given as PEM/OpenSSH text (e.g. from secrets)
 * @param configFiles         OpenSSH config files to read; empty = none ({@code config: false}); default
 *                            {@code ~/.ssh/config} and {@code /etc/ssh/ssh_config}
 * @param logLevel            MINA log level ({@code fatal} default, as Kamal); {@code debug} shows the protocol
 * @param verifyHostKey       how to treat server host keys
 * @param knownHosts          the known_hosts file to read and append to
 * @param maxConcurrentStarts connection handshakes allowed at once (sshkit/max_concurrent_starts)
 * @param poolIdleTimeout     an unused connection is closed after this long (sshkit/pool_idle_timeout)
 * @param connectTimeout      limit for TCP connect + handshake + authentication of one connection
 * @param keepAlive           keep-alive period, and how many unanswered keep-alives drop the connection
 * @param agentSocket         ssh-agent socket (from SSH_AUTH_SOCK); null = no agent
 * @param home                the local user's home, for {@code ~} and default key files
 * @param dnsRetries          retries of a failed host name lookup (sshkit/dns_retries)
 * @param maxChannelsPerHost  commands run at once over one connection (OpenSSH's MaxSessions is 10)
 * @param forwardAgent        forward the local agent to commands (ssh.forward_agent), so they can use its keys
 */
public record SshSettings(
        String user,
        Integer port,
        String proxy,
        String proxyCommand,
        List<String> keys,
        boolean keysOnly,
        List<Sensitive> keyData,
        List<Path> configFiles,
        String logLevel,
        VerifyHostKey verifyHostKey,
        Path knownHosts,
        int maxConcurrentStarts,
        Duration poolIdleTimeout,
        Duration connectTimeout,
        KeepAlive keepAlive,
        Path agentSocket,
        Path home,
        int dnsRetries,
        int maxChannelsPerHost,
        boolean forwardAgent) {

    /** Probe an idle connection every {@code interval}; {@code count} unanswered probes declare its host gone. */
    public record KeepAlive(Duration interval, int count) {
        public static final KeepAlive DEFAULT = new KeepAlive(Duration.ofSeconds(30), 3);
    }

    /** The keep-alive period. */
    public Duration keepAliveInterval() {
        return keepAlive.interval();
    }

    /** How server host keys are checked against known_hosts. */
    public enum VerifyHostKey {
        /** Accept any key, record nothing. */
        NEVER,
        /** Accept and record unknown hosts; refuse a changed key (OpenSSH {@code accept-new}). The default. */
        ACCEPT_NEW,
        /** Only hosts already in known_hosts with the same key. */
        ALWAYS
    }

    public SshSettings {
        keys = keys == null ? List.of() : List.copyOf(keys);
        keyData = keyData == null ? List.of() : List.copyOf(keyData);
        configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
        if (logLevel == null) logLevel = "fatal";
        if (verifyHostKey == null) verifyHostKey = VerifyHostKey.ACCEPT_NEW;
        if (home == null) home = Path.of(System.getProperty("user.home"));
        if (knownHosts == null) knownHosts = home.resolve(".ssh/known_hosts");
        if (maxConcurrentStarts <= 0) maxConcurrentStarts = 30;
        if (poolIdleTimeout == null) poolIdleTimeout = Duration.ofSeconds(900);
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(10);
        if (keepAlive == null) keepAlive = KeepAlive.DEFAULT;
        if (dnsRetries < 0) dnsRetries = 0;
        if (maxChannelsPerHost <= 0) maxChannelsPerHost = 10;
        if (port != null && (port < 1 || port > 65535)) throw new IllegalArgumentException("ssh port out of range: " + port);
    }

    /** Kamal's defaults for this machine: agent from SSH_AUTH_SOCK, ~/.ssh/config, ~/.ssh/known_hosts. */
    public static SshSettings defaults() {
        Path home = Path.of(System.getProperty("user.home"));
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshSettings(null, null, null, null, List.of(), false, List.of(),
                List.of(home.resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config")), "fatal",
                VerifyHostKey.ACCEPT_NEW, home.resolve(".ssh/known_hosts"), 30, Duration.ofSeconds(900),
                Duration.ofSeconds(10), KeepAlive.DEFAULT, sock == null || sock.isBlank() ? null : Path.of(sock),
                home, 3, 10, false);
    }

    /** The user to log in as when neither settings nor ssh config say. */
    public String userOr(String fromConfig) {
        return user != null ? user : fromConfig != null ? fromConfig : "root";
    }

    public SshSettings withUser(String v) { return new SshSettings(v, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withPort(Integer v) { return new SshSettings(user, v, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withProxy(String v) { return new SshSettings(user, port, v, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withProxyCommand(String v) { return new SshSettings(user, port, proxy, v, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKeys(List<String> v) { return new SshSettings(user, port, proxy, proxyCommand, v, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKeysOnly(boolean v) { return new SshSettings(user, port, proxy, proxyCommand, keys, v, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKeyData(List<Sensitive> v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, v, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withConfigFiles(List<Path> v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, v, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withLogLevel(String v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, v, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withVerifyHostKey(VerifyHostKey v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, v, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKnownHosts(Path v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, v, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withMaxConcurrentStarts(int v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, v, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withPoolIdleTimeout(Duration v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, v, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withConnectTimeout(Duration v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, v, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKeepAlive(KeepAlive v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, v, agentSocket, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withKeepAliveInterval(Duration v) { return withKeepAlive(new KeepAlive(v, keepAlive.count())); }
    public SshSettings withAgentSocket(Path v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, v, home, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withHome(Path v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, v, dnsRetries, maxChannelsPerHost, forwardAgent); }
    public SshSettings withDnsRetries(int v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, v, maxChannelsPerHost, forwardAgent); }
    public SshSettings withMaxChannelsPerHost(int v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, v, forwardAgent); }

    public SshSettings withForwardAgent(boolean v) { return new SshSettings(user, port, proxy, proxyCommand, keys, keysOnly, keyData, configFiles, logLevel, verifyHostKey, knownHosts, maxConcurrentStarts, poolIdleTimeout, connectTimeout, keepAlive, agentSocket, home, dnsRetries, maxChannelsPerHost, v); }

    @Override
    public String toString() {
        // key_data is secret; List<Sensitive> prints [REDACTED] per item already, but say so plainly.
        return "SshSettings[user=" + user + ", port=" + port + ", proxy=" + proxy + ", proxyCommand=" + proxyCommand
                + ", keys=" + keys + ", keysOnly=" + keysOnly + ", keyData=" + keyData.size() + " redacted"
                + ", configFiles=" + configFiles + ", verifyHostKey=" + verifyHostKey + "]";
    }
}
