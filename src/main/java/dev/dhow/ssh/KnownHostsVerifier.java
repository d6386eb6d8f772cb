package dev.dhow.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSessionCreator;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Checks server host keys against known_hosts like OpenSSH's {@code StrictHostKeyChecking}: {@code accept-new}
 * records unknown hosts and refuses changed keys; {@code always} refuses unknown hosts too; {@code never} checks
 * nothing. A refusal leaves its reason in the connection's refusal sink for the error message.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {
    /**
     * Where the connection's opener reads why a key was refused. It lives in the connection context, not on the
     * session: under load MINA may report the failed handshake through the connect future, before a session exists.
     */
    static final AttributeKey<java.util.concurrent.atomic.AtomicReference<String>> REFUSAL_SINK = new AttributeKey<>();
    /** The name the user gave when the socket goes elsewhere (ProxyCommand relay). */
    static final AttributeKey<SshdSocketAddress> LOGICAL_TARGET = new AttributeKey<>();

    private final Path file;
    private final SshSettings.VerifyHostKey mode;
    /** The parsed file, re-read only when it changes (many hosts connect at once; the lock below serialises them). */
    private List<KnownHostEntry> cachedEntries = List.of();
    private Object cachedStamp;

    KnownHostsVerifier(Path file, SshSettings.VerifyHostKey mode) {
        this.file = file;
        this.mode = mode;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        if (mode == SshSettings.VerifyHostKey.NEVER) return true;
        SshdSocketAddress target = target(session, remoteAddress);
        String host = target.getHostName();
        int port = target.getPort();
        String name = port == 22 ? host : "[" + host + "]:" + port;
        String keyType = KeyUtils.getKeyType(serverKey);
        String offered = KeyUtils.getFingerPrint(serverKey);
        synchronized (KnownHostsVerifier.class) {
            try {
                List<KnownHostEntry> entries = entries();
                boolean otherTypesKnown = false;
                for (KnownHostEntry e : entries) {
                    if (!e.isHostMatch(host, port) || e.getKeyEntry() == null) continue;
                    PublicKey known = e.getKeyEntry().resolvePublicKey(session, null, null);
                    if (known == null) continue;
                    boolean same = KeyUtils.compareKeys(known, serverKey);
                    if ("revoked".equals(e.getMarker())) {
                        if (same) return refuse(session, "host " + host + ": its host key " + offered + " is marked @revoked in " + file);
                        continue;
                    }
                    if ("cert-authority".equals(e.getMarker())) continue;
                    if (same) return true;
                    if (KeyUtils.getKeyType(known).equals(keyType)) {
                        return refuse(session, "host " + host + ": HOST KEY CHANGED. known_hosts (" + file + ") has "
                                + KeyUtils.getFingerPrint(known) + " but the server offered " + keyType + " " + offered
                                + ". This may be an attack; if the host was rebuilt, remove the old key with: ssh-keygen -R "
                                + shellWord(name) + " -f " + file);
                    }
                    otherTypesKnown = true;
                }
                if (otherTypesKnown && mode == SshSettings.VerifyHostKey.ACCEPT_NEW) {
                    // dhow asked for the known key types first (preferKnownKeyTypes); a server that no longer offers
                    // any of them is treated like a changed key rather than silently trusted.
                    return refuse(session, "host " + host + ": HOST KEY CHANGED. known_hosts (" + file + ") has no "
                            + keyType + " key for " + name + " and the server no longer offers the key types recorded there; it offered "
                            + offered + ". If the host was rebuilt, remove the old keys with: ssh-keygen -R " + shellWord(name) + " -f " + file);
                }
                if (mode == SshSettings.VerifyHostKey.ALWAYS) {
                    return refuse(session, "host " + host + ": " + (otherTypesKnown ? "no " + keyType + " key" : "not") + " in known_hosts ("
                            + file + "); its key is " + keyType + " " + offered
                            + " (ssh/verify_host_key is always: add it with ssh-keyscan, or use accept_new)");
                }
                append(name, serverKey);
                return true;
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                return refuse(session, "host " + host + ": cannot check its host key against " + file + ": " + e.getMessage());
            }
        }
    }

    /** The key types known_hosts has for a host, so the handshake can ask for them first (as OpenSSH does). */
    java.util.Set<String> knownKeyTypes(String host, int port) {
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        if (mode == SshSettings.VerifyHostKey.NEVER) return types;
        synchronized (KnownHostsVerifier.class) {
            try {
                for (KnownHostEntry e : entries()) {
                    if (e.getMarker() != null || e.getKeyEntry() == null || !e.isHostMatch(host, port)) continue;
                    types.add(e.getKeyEntry().getKeyType());
                }
            } catch (IOException | RuntimeException ignored) {
                // verifyServerKey reports an unreadable file
            }
        }
        return types;
    }

    /** Reorders our host key algorithm proposal so the types already known for this host come first. */
    void preferKnownKeyTypes(ClientSession session, java.util.Map<org.apache.sshd.common.kex.KexProposalOption, String> proposal) {
        SshdSocketAddress target = target(session, session.getIoSession().getRemoteAddress());
        java.util.Set<String> known = knownKeyTypes(target.getHostName(), target.getPort());
        String algs = proposal.get(org.apache.sshd.common.kex.KexProposalOption.SERVERKEYS);
        if (known.isEmpty() || algs == null) return;
        List<String> first = new java.util.ArrayList<>();
        List<String> rest = new java.util.ArrayList<>();
        for (String alg : algs.split(",")) {
            (known.contains(KeyUtils.getCanonicalKeyType(alg)) ? first : rest).add(alg);
        }
        first.addAll(rest);
        proposal.put(org.apache.sshd.common.kex.KexProposalOption.SERVERKEYS, String.join(",", first));
    }

    private List<KnownHostEntry> entries() throws IOException {
        if (!Files.isRegularFile(file)) return List.of();
        Object stamp = List.of(Files.getLastModifiedTime(file), Files.size(file));
        if (!stamp.equals(cachedStamp)) {
            cachedEntries = KnownHostEntry.readKnownHostEntries(file);
            cachedStamp = stamp;
        }
        return cachedEntries;
    }

    private static String shellWord(String s) {
        return s.startsWith("[") ? "'" + s + "'" : s;
    }

    private boolean refuse(ClientSession session, String why) {
        AttributeRepository ctx = session.getConnectionContext();
        java.util.concurrent.atomic.AtomicReference<String> sink = ctx == null ? null : ctx.getAttribute(REFUSAL_SINK);
        if (sink != null) sink.set(why);
        return false;
    }

    private void append(String name, PublicKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        StringBuilder line = new StringBuilder(name).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, key);
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) {
            bytes = ("\n" + line).getBytes(StandardCharsets.UTF_8);
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private boolean endsWithNewline() throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    static SshdSocketAddress target(ClientSession session, SocketAddress remoteAddress) {
        SshdSocketAddress jumped = session.getAttribute(ClientSessionCreator.TARGET_SERVER);
        if (jumped != null) return jumped;
        AttributeRepository ctx = session.getConnectionContext();
        SshdSocketAddress logical = ctx == null ? null : ctx.getAttribute(LOGICAL_TARGET);
        if (logical != null) return logical;
        SocketAddress addr = session.getConnectAddress() != null ? session.getConnectAddress() : remoteAddress;
        if (addr instanceof InetSocketAddress inet) return new SshdSocketAddress(inet.getHostString(), inet.getPort());
        return SshdSocketAddress.toSshdSocketAddress(addr);
    }
}
