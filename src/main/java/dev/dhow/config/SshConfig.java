package dev.dhow.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code ssh:} section. Defaults (Kamal): user root, port 22, log level fatal, the usual ssh config
 * files, keepalive every 30 s; plus dhow's {@code verify_host_key} (default accept_new).
 *
 * @param proxy        jump host as written ({@code host} or {@code user@host}); see {@link #proxyJump()}
 * @param proxyCommand ProxyCommand template with {@code %h}/{@code %p}; ignored when {@code proxy} is set
 * @param keys         private key files
 * @param keyData      secret keys holding private keys (Kamal also accepts inline PEMs, deprecated)
 * @param config       which ssh config files to read
 */
public record SshConfig(
        String user,
        int port,
        Optional<String> proxy,
        Optional<String> proxyCommand,
        String logLevel,
        Optional<Boolean> keysOnly,
        List<String> keys,
        List<String> keyData,
        ConfigFiles config,
        Optional<Boolean> forwardAgent,
        HostKeyVerification verifyHostKey) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_LOG_LEVEL = "fatal";
    public static final int KEEPALIVE_INTERVAL = 30;

    public SshConfig {
        keys = List.copyOf(keys);
        keyData = List.copyOf(keyData);
    }

    /** The jump host as {@code user@host}; Kamal's default jump user is root, not {@link #user}. */
    public Optional<String> proxyJump() {
        return proxy.map(p -> p.contains("@") ? p : "root@" + p);
    }

    /** {@code ssh.config}: {@code true} = default files, {@code false} = none, paths = exactly those files. */
    public record ConfigFiles(boolean enabled, List<String> paths) {
        public static final ConfigFiles DEFAULT = new ConfigFiles(true, List.of());
        public static final ConfigFiles NONE = new ConfigFiles(false, List.of());

        public ConfigFiles {
            paths = List.copyOf(paths);
        }
    }

    /** dhow's {@code verify_host_key}: never check, accept and remember unknown hosts, or require known hosts. */
    public enum HostKeyVerification {
        NEVER("never"), ACCEPT_NEW("accept_new"), ALWAYS("always");

        private final String yaml;

        HostKeyVerification(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }

        public static Optional<HostKeyVerification> fromYaml(String value) {
            for (HostKeyVerification v : values()) if (v.yaml.equals(value)) return Optional.of(v);
            return Optional.empty();
        }
    }
}
