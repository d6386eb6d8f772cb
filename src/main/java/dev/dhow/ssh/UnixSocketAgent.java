package dev.dhow.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent client over the agent's Unix-domain socket (SSH_AUTH_SOCK) using only the JDK, so ssh-agent and the
 * 1Password SSH agent work without MINA's native (APR) agent support. MINA frames the requests; this class carries
 * them. One socket per authentication attempt, closed with the agent.
 */
final class UnixSocketAgent extends AbstractAgentProxy {
    private static final int MAX_REPLY = 256 * 1024;

    private final SocketChannel channel;
    /** For authentication, what this hop may offer, in order (see {@link HopAuth}); null offers all the agent holds. */
    private volatile List<Map.Entry<PublicKey, String>> offer;

    private UnixSocketAgent(SocketChannel channel) {
        super(null);
        this.channel = channel;
    }

    static UnixSocketAgent connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new UnixSocketAgent(ch);
    }

    /** Everything the agent holds, in its order. */
    List<Map.Entry<PublicKey, String>> held() throws IOException {
        List<Map.Entry<PublicKey, String>> all = new ArrayList<>();
        for (Map.Entry<PublicKey, String> e : super.getIdentities()) all.add(e);
        return all;
    }

    void offerOnly(List<Map.Entry<PublicKey, String>> keys) {
        this.offer = List.copyOf(keys);
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        List<Map.Entry<PublicKey, String>> o = offer;
        return o != null ? o : super.getIdentities();
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) channel.write(out);
        ByteBuffer len = ByteBuffer.allocate(4);
        readFully(len);
        int n = len.flip().getInt();
        if (n <= 0 || n > MAX_REPLY) throw new SshException("ssh-agent sent a reply of illogical length " + n);
        ByteBuffer body = ByteBuffer.allocate(n);
        readFully(body);
        return new ByteArrayBuffer(body.array());
    }

    private void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) throw new SshException("ssh-agent closed the connection");
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            channel.close();
        }
    }
}
