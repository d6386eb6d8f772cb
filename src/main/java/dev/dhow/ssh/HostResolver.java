package dev.dhow.ssh;

import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.AttributeRepository;

/**
 * Works out how to reach a host: deploy.yml settings first, then the OpenSSH config files as OpenSSH reads them
 * (HostName, User, Port, IdentityFile, IdentitiesOnly, IdentityAgent, ProxyJump, ProxyCommand), then Kamal's
 * defaults (root, 22). Also resolves jump hops for MINA.
 */
final class HostResolver implements HostConfigEntryResolver {
    private final SshSettings settings;
    private final OpenSshConfig config;
    private final Function<String, String> environment;

    HostResolver(SshSettings settings) {
        this.settings = settings;
        this.config = OpenSshConfig.read(settings.configFiles(), settings.home());
        // SSH_AUTH_SOCK and HOME come from the settings (the environment dhow was given); others from the process.
        this.environment = name -> switch (name) {
            case "SSH_AUTH_SOCK" -> settings.agentSocket() == null ? null : settings.agentSocket().toString();
            case "HOME" -> settings.home().toString();
            default -> System.getenv(name);
        };
    }

    /** The effective entry for a deploy host, with deploy.yml's user/port/proxy taking precedence. */
    HostConfigEntry resolve(String host) {
        HostConfigEntry entry = effective(host, settings.port(), settings.user());
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
        return effective(host, port > 0 ? port : null, username == null || username.isEmpty() ? null : username);
    }

    private HostConfigEntry effective(String host, Integer presetPort, String presetUser) {
        OpenSshConfig.Resolved r = config.resolve(new OpenSshConfig.Query(host, presetUser, presetPort,
                System.getProperty("user.name"), settings.home(), HostResolver::exec));
        String hostName = r.get("hostname") == null ? host : Tokens.hostName(r.get("hostname").first(), host);
        String user = r.get("user") == null ? "root" : r.get("user").first();
        int port = r.get("port") == null ? 22 : Integer.parseInt(r.get("port").first());
        HostConfigEntry entry = new HostConfigEntry(host, hostName, port, user);
        for (Map.Entry<String, OpenSshConfig.Value> e : r.first().entrySet()) {
            if (!List.of("hostname", "user", "port", "proxyjump", "identitiesonly", "identityagent").contains(e.getKey())) {
                entry.setProperty(e.getKey(), e.getValue().raw());
            }
        }
        OpenSshConfig.Value jump = r.get("proxyjump");
        if (jump != null && !"none".equalsIgnoreCase(jump.first())) entry.setProxyJump(jump.first());
        if (r.get("proxycommand") != null && "none".equalsIgnoreCase(r.get("proxycommand").raw())) entry.removeProperty("proxycommand");
        OpenSshConfig.Value only = r.get("identitiesonly");
        entry.setIdentitiesOnly(only != null && List.of("yes", "true").contains(only.first().toLowerCase(Locale.ROOT)));
        Map<Character, String> tokens = Tokens.values(hostName, host, Integer.toString(port), user,
                System.getProperty("user.name"), settings.home());
        List<String> files = new ArrayList<>();
        for (OpenSshConfig.Value v : r.all("identityfile")) {
            String path = path(v, tokens);
            if (!files.contains(path)) files.add(path);
        }
        entry.setIdentities(files);
        OpenSshConfig.Value agent = r.get("identityagent");
        if (agent != null) entry.setProperty(HostConfigEntry.IDENTITY_AGENT, agentSocket(agent, tokens));
        return entry;
    }

    /** IdentityAgent as OpenSSH reads it: none, SSH_AUTH_SOCK, $VARIABLE, or a path with ~, tokens and ${VAR}. */
    private String agentSocket(OpenSshConfig.Value v, Map<Character, String> tokens) {
        String value = v.first();
        if (value.equalsIgnoreCase("none") || value.equals("SSH_AUTH_SOCK")) return value;
        if (value.startsWith("$") && !value.startsWith("${")) {
            String socket = environment.apply(value.substring(1));
            if (socket == null || socket.isBlank()) {
                throw OpenSshConfig.error(v.at(), "IdentityAgent " + value + ": the environment variable is not set");
            }
            return socket;
        }
        return path(v, tokens);
    }

    private String path(OpenSshConfig.Value v, Map<Character, String> tokens) {
        try {
            return Path.of(Tokens.env(Tokens.tilde(Tokens.expand(v.first(), tokens), settings.home()), environment)).toString();
        } catch (IllegalArgumentException e) {
            throw OpenSshConfig.error(v.at(), v.keyword().equals("identityagent") ? "IdentityAgent: " + e.getMessage()
                    : "IdentityFile: " + e.getMessage());
        }
    }

    /** {@code Match exec}: the command's exit status decides, as with OpenSSH (which runs it with the user's shell). */
    private static boolean exec(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kamal's {@code proxy:} value as a ProxyJump spec; the jump user defaults to root, not ssh.user. */
    static String jumpSpec(String proxy) {
        String p = proxy.trim();
        if (p.contains("://")) p = URI.create(p).getRawSchemeSpecificPart().replaceFirst("^//", "");
        return p.contains("@") ? p : "root@" + p;
    }
}
