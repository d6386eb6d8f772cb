package dev.dhow.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.local.ChannelAgentForwardingFactory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/** Gives MINA an agent client for SSH_AUTH_SOCK; an unreachable agent simply offers no keys. */
final class UnixSocketAgentFactory implements SshAgentFactory {
    private final Path socket;
    private final Set<String> allowedFingerprints;

    UnixSocketAgentFactory(Path socket, Set<String> allowedFingerprints) {
        this.socket = socket;
        this.allowedFingerprints = allowedFingerprints;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        // Answers a server's agent requests (ssh.forward_agent) from the same local agent.
        return List.of(ChannelAgentForwardingFactory.OPENSSH);
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        try {
            return UnixSocketAgent.connect(socket, allowedFingerprints);
        } catch (IOException | UnsupportedOperationException e) {
            // A stale SSH_AUTH_SOCK must not stop key files from being tried.
            return null;
        }
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("dhow does not forward its agent");
    }
}
