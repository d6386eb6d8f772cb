package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.config.SshConfig;
import dev.dhow.config.SshkitConfig;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import dev.dhow.output.Console;
import dev.dhow.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps deploy.yml's {@code ssh:} and {@code sshkit:} sections onto the SSH engine's {@link SshSettings}. Like
 * Kamal, {@code ssh.user} (default root) and {@code ssh.port} (default 22) win over the OpenSSH config's User
 * and Port; HostName, IdentityFile and ProxyJump still come from it.
 */
final class SshSettingsMapper {
    private static final String INLINE_KEY_WARNING = "Inline key_data usage is deprecated and will be removed in Kamal 3. Please store your key_data in a secret.";

    private SshSettingsMapper() {}

    /**
     * @param secrets looks up a secret by name (for {@code key_data}); empty when unknown
     */
    static SshSettings map(Configuration config, Map<String, String> environment, Function<String, Optional<String>> secrets, Console console) {
        SshConfig ssh = config.ssh();
        SshkitConfig kit = config.sshkit();
        Path home = Path.of(Optional.ofNullable(environment.get("HOME")).filter(h -> !h.isBlank()).orElse(System.getProperty("user.home")));
        String sock = environment.get("SSH_AUTH_SOCK");
        return new SshSettings(
                ssh.user(),
                ssh.port(),
                ssh.proxyJump().orElse(null),
                ssh.proxyCommand().orElse(null),
                ssh.keys(),
                ssh.keysOnly().orElse(false),
                keyData(ssh.keyData(), secrets, console),
                configFiles(ssh.config(), home),
                ssh.logLevel(),
                switch (ssh.verifyHostKey()) {
                    case NEVER -> SshSettings.VerifyHostKey.NEVER;
                    case ALWAYS -> SshSettings.VerifyHostKey.ALWAYS;
                    case ACCEPT_NEW -> SshSettings.VerifyHostKey.ACCEPT_NEW;
                },
                home.resolve(".ssh/known_hosts"),
                kit.maxConcurrentStarts(),
                Duration.ofSeconds(kit.poolIdleTimeout()),
                Duration.ofSeconds(10),
                new SshSettings.KeepAlive(config.dhow().keepAlive().interval(), config.dhow().keepAlive().count()),
                sock == null || sock.isBlank() ? null : Path.of(sock),
                home,
                kit.dnsRetries(),
                10,
                ssh.forwardAgent().orElse(false));
    }

    private static List<Sensitive> keyData(List<String> entries, Function<String, Optional<String>> secrets, Console console) {
        List<Sensitive> out = new ArrayList<>();
        for (String entry : entries) {
            if (entry.contains("-----BEGIN")) {
                console.warn(INLINE_KEY_WARNING);
                out.add(new Sensitive(entry));
                continue;
            }
            out.add(new Sensitive(secrets.apply(entry).orElseThrow(() ->
                    new DhowException("ssh/key_data: secret " + entry + " not found (add it to .kamal/secrets)"))));
        }
        return out;
    }

    private static List<Path> configFiles(SshConfig.ConfigFiles files, Path home) {
        if (!files.enabled()) return List.of();
        if (files.paths().isEmpty()) return List.of(home.resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config"));
        return files.paths().stream().map(p -> p.equals("~") ? home : p.startsWith("~/") ? home.resolve(p.substring(2)) : Path.of(p)).toList();
    }
}
