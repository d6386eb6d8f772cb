package dev.dhow.ssh;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.AttributeRepository;

/**
 * Works out how to reach a host: deploy.yml settings first, then the OpenSSH config files (HostName, User, Port,
 * IdentityFile, ProxyJump, ProxyCommand), then Kamal's defaults (root, 22). Also resolves jump hops for MINA.
 */
final class HostResolver implements HostConfigEntryResolver {
    private final SshSettings settings;
    private final List<HostConfigEntry> entries;

    HostResolver(SshSettings settings) {
        this.settings = settings;
        List<HostConfigEntry> all = new ArrayList<>();
        for (Path file : settings.configFiles()) {
            if (!Files.isRegularFile(file)) continue;
            try {
                all.addAll(HostConfigEntry.readHostConfigEntries(file));
            } catch (IOException | RuntimeException e) {
                throw new DhowException("ssh config " + file + ": cannot be read: " + e.getMessage(), e);
            }
        }
        this.entries = List.copyOf(all);
    }

    /** The effective entry for a deploy host, with deploy.yml's user/port/proxy taking precedence. */
    HostConfigEntry resolve(String host) {
        HostConfigEntry entry = effective(host, settings.port() == null ? 0 : settings.port(), settings.user());
        if (settings.proxy() != null && !settings.proxy().isBlank()) {
            entry.setProxyJump(jumpSpec(settings.proxy()));
            entry.removeProperty("ProxyCommand");
        } else if (settings.proxyCommand() != null && !settings.proxyCommand().isBlank()) {
            entry.setProxyJump(null);
            entry.setProperty("ProxyCommand", settings.proxyCommand());
        }
        return entry;
    }

    /** Jump hops named in a ProxyJump line are resolved through the same files (MINA calls this). */
    @Override
    public HostConfigEntry resolveEffectiveHost(String host, int port, SocketAddress localAddress, String username,
            String proxyJump, AttributeRepository context) {
        HostConfigEntry e = effective(host, port, username);
        e.setIdentities(List.of());
        return e;
    }

    private HostConfigEntry effective(String host, int port, String user) {
        HostConfigEntry entry = new HostConfigEntry(host, null, port, user);
        for (HostConfigEntry m : HostConfigEntry.findMatchingEntries(host, entries)) entry.collate(m);
        if (entry.getHostName() == null || entry.getHostName().isEmpty()) entry.setHostName(host);
        if (entry.getUsername() == null || entry.getUsername().isEmpty()) entry.setUsername("root");
        if (entry.getPort() <= 0) entry.setPort(22);
        if ("none".equalsIgnoreCase(entry.getProxyJump())) entry.setProxyJump(null);
        return entry;
    }

    /** Kamal's {@code proxy:} value as a ProxyJump spec; the jump user defaults to root, not ssh.user. */
    static String jumpSpec(String proxy) {
        String p = proxy.trim();
        if (p.contains("://")) p = URI.create(p).getRawSchemeSpecificPart().replaceFirst("^//", "");
        return p.contains("@") ? p : "root@" + p;
    }
}
