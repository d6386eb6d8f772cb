package dev.dhow.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.PublicKeyAuthenticationReporter;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;

/**
 * MINA's client with dhow's part in each hop of a connection (jump hosts and the target alike): it narrates which
 * hop it is connecting to, gives each hop the keys OpenSSH would offer there ({@link HopAuth}), and records in the
 * connection's {@link ConnectTrail} how far each hop got, so that errors can name the hop that failed.
 */
final class DhowSshClient extends SshClient {
    private final SshSettings settings;
    private final Identities identities;
    private final Consumer<String> debug;

    DhowSshClient(SshSettings settings, Identities identities, Consumer<String> debug) {
        this.settings = settings;
        this.identities = identities;
        this.debug = debug;
        setPublicKeyAuthenticationReporter(new Reporter());
    }

    @Override
    protected ConnectFuture doConnect(String username, SocketAddress targetAddress, AttributeRepository context,
            SocketAddress localAddress, KeyIdentityProvider ids, HostConfigEntry hostConfig) throws IOException {
        ConnectTrail trail = context == null ? null : context.getAttribute(ConnectTrail.KEY);
        if (trail != null) {
            ConnectTrail.Hop jumpedFrom = trail.lastJump();
            ConnectTrail.Hop hop = trail.connecting(hostConfig);
            debug.accept(hop.jump
                    ? "ssh: " + trail.host + ": connecting to " + hop.name(trail.host) + " (" + username + "@"
                            + hostConfig.getHostName() + ":" + hostConfig.getPort() + ")"
                    : "ssh: " + trail.host + ": connecting to " + trail.address
                            + (jumpedFrom != null ? " through " + jumpedFrom.name(trail.host) : trail.route));
        }
        return super.doConnect(username, targetAddress, context, localAddress, ids, hostConfig);
    }

    /** Key files are read by {@link Identities}, once per process, not by MINA for every hop. */
    @Override
    protected KeyIdentityProvider preloadClientIdentities(Collection<? extends NamedResource> locations) {
        return KeyIdentityProvider.EMPTY_KEYS_PROVIDER;
    }

    @Override
    protected void onConnectOperationComplete(IoSession ioSession, ConnectFuture connectFuture, String username,
            SocketAddress address, KeyIdentityProvider ids, HostConfigEntry hostConfig)
            throws IOException, GeneralSecurityException {
        // Set up before MINA completes the future: for a jump host, MINA starts authenticating from that callback.
        ClientSession session = (ClientSession) AbstractSession.getSession(ioSession);
        AttributeRepository context = session.getConnectionContext();
        ConnectTrail trail = context == null ? null : context.getAttribute(ConnectTrail.KEY);
        ConnectTrail.Hop hop = trail == null ? null : trail.find(hostConfig);
        String name = hop == null ? hostConfig.getHost() : hop.name(trail.host);
        String where = trail == null ? name : hop.jump ? trail.host + ": " + name : trail.host;
        HopAuth auth = plan(name, where, username, hostConfig);
        session.setAttribute(HopAuth.KEY, auth);
        if (hop != null) hop.auth = auth;
        super.onConnectOperationComplete(ioSession, connectFuture, username, address, auth.fileKeys(), hostConfig);
    }

    /** What OpenSSH would offer on this hop: given keys, IdentitiesOnly (or keys_only), and which agent. */
    private HopAuth plan(String name, String where, String username, HostConfigEntry hostConfig) {
        boolean only = settings.keysOnly() || hostConfig.isIdentitiesOnly();
        String onlyName = settings.keysOnly() ? "keys_only" : "IdentitiesOnly";
        String configured = hostConfig.getProperty(HostConfigEntry.IDENTITY_AGENT);
        HopAuth.Agent agent;
        if (configured == null || configured.equals("SSH_AUTH_SOCK")) {
            agent = new HopAuth.Agent(settings.agentSocket(), "SSH_AUTH_SOCK");
        } else if (configured.equalsIgnoreCase("none")) {
            agent = new HopAuth.Agent(null, "IdentityAgent none");
        } else {
            agent = new HopAuth.Agent(Path.of(configured), "IdentityAgent");
        }
        return new HopAuth(where, username, identities.forHop(hostConfig.getIdentities()), only, onlyName, agent, debug);
    }

    /** MINA reports each key it offers and the server's answer; the hop's record keeps them for messages and -v. */
    private static final class Reporter implements PublicKeyAuthenticationReporter {
        @Override
        public void signalAuthenticationAttempt(ClientSession session, String service, KeyPair identity, String signature) {
            HopAuth auth = session.getAttribute(HopAuth.KEY);
            if (auth != null) auth.attempt(identity.getPublic());
        }

        @Override
        public void signalAuthenticationFailure(ClientSession session, String service, KeyPair identity, boolean partial,
                java.util.List<String> serverMethods) {
            HopAuth auth = session.getAttribute(HopAuth.KEY);
            if (auth != null) auth.refused(identity.getPublic());
        }

        @Override
        public void signalAuthenticationSuccess(ClientSession session, String service, KeyPair identity) {
            HopAuth auth = session.getAttribute(HopAuth.KEY);
            if (auth != null) auth.succeeded(identity.getPublic());
        }
    }
}
