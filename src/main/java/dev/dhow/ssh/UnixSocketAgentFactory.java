package dev.dhow.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.local.ChannelAgentForwardingFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/**
 * Gives MINA an agent client for the hop's agent (IdentityAgent, else SSH_AUTH_SOCK). While a hop authenticates it
 * offers what {@link HopAuth} allows, in its order; once authenticated (agent forwarding) it offers everything. An
 * unreachable agent offers no keys and the hop's record says why.
 */
final class UnixSocketAgentFactory implements SshAgentFactory {
    private final Path defaultSocket;

    UnixSocketAgentFactory(Path defaultSocket) {
        this.defaultSocket = defaultSocket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        // Answers a server's agent requests (ssh.forward_agent) from the same local agent.
        return List.of(ChannelAgentForwardingFactory.OPENSSH);
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        HopAuth auth = session.getAttribute(HopAuth.KEY);
        Path socket = auth != null ? auth.agent().socket() : defaultSocket;
        if (socket == null) return null;
        UnixSocketAgent agent;
        try {
            agent = UnixSocketAgent.connect(socket);
        } catch (IOException | UnsupportedOperationException e) {
            // A stale socket must not stop key files from being tried; the failure message will say what happened.
            if (auth != null) auth.agentUnreachable(reason(e));
            return null;
        }
        boolean forwarding = session instanceof ClientSession cs && cs.isAuthenticated();
        if (auth == null || forwarding) return agent;
        try {
            agent.offerOnly(auth.agentOffer(agent.held()));
        } catch (IOException e) {
            agent.close();
            auth.agentUnreachable(reason(e));
            return null;
        }
        return agent;
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("dhow does not forward its agent");
    }

    /** The JDK's socket error in the words of strerror(3): "connection refused", "no such file or directory". */
    private static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
