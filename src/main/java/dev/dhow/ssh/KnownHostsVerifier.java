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
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSessionCreator;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.DigestUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
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
    /** One lock for every verifier in the process: they may share a file, and appends must not interleave. */
    private static final Object LOCK = new Object();
    /** The parsed file and the modification stamp it was read at; guarded by LOCK. */
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
        try {
            // Keys are compared as their wire encoding: decoding every known key costs real CPU (an ed25519 key
            // builds lookup tables) and 50 hosts verify at once. The lock covers reading and appending the file only.
            byte[] offeredBlob = blob(serverKey);
            List<KnownHostEntry> entries = entries();
            // As OpenSSH: a revoked key is refused wherever its @revoked line is, even after a line accepting it.
            for (KnownHostEntry e : entries) {
                if ("revoked".equals(e.getMarker()) && sameKey(e, keyType, offeredBlob) && e.isHostMatch(host, port)) {
                    return refuse(session, "host " + host + ": its host key " + offered + " is marked @revoked in " + file);
                }
            }
            boolean otherTypesKnown = false;
            for (KnownHostEntry e : entries) {
                AuthorizedKeyEntry known = e.getKeyEntry();
                if (known == null || e.getMarker() != null || !e.isHostMatch(host, port)) continue;
                boolean same = sameKey(e, keyType, offeredBlob);
                if (same) return true;
                if (keyType.equals(known.getKeyType())) {
                    return refuse(session, "host " + host + ": HOST KEY CHANGED. known_hosts (" + file + ") has "
                            + fingerprint(known.getKeyData()) + " but the server offered " + keyType + " " + offered
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
            append(name, serverKey, host, port, keyType, offeredBlob);
            return true;
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return refuse(session, "host " + host + ": cannot check its host key against " + file + ": " + e.getMessage());
        }
    }

    /** The key types known_hosts has for a host, so the handshake can ask for them first (as OpenSSH does). */
    java.util.Set<String> knownKeyTypes(String host, int port) {
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        if (mode == SshSettings.VerifyHostKey.NEVER) return types;
        try {
            for (KnownHostEntry e : entries()) {
                if (e.getMarker() != null || e.getKeyEntry() == null || !e.isHostMatch(host, port)) continue;
                types.add(e.getKeyEntry().getKeyType());
            }
        } catch (IOException | RuntimeException ignored) {
            // verifyServerKey reports an unreadable file
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

    /** The parsed file as an immutable snapshot, re-read only when it changed on disk. */
    private List<KnownHostEntry> entries() throws IOException {
        synchronized (LOCK) {
            if (!Files.isRegularFile(file)) return List.of();
            Object stamp = stamp();
            if (!stamp.equals(cachedStamp)) {
                cachedEntries = List.copyOf(KnownHostEntry.readKnownHostEntries(file));
                cachedStamp = stamp;
            }
            return cachedEntries;
        }
    }

    private Object stamp() throws IOException {
        return List.of(Files.getLastModifiedTime(file), Files.size(file));
    }

    private static boolean sameKey(KnownHostEntry e, String keyType, byte[] blob) {
        AuthorizedKeyEntry known = e.getKeyEntry();
        return known != null && keyType.equals(known.getKeyType()) && Arrays.equals(blob, known.getKeyData());
    }

    /** A public key as the SSH wire blob that known_hosts stores in base64. */
    private static byte[] blob(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    /** The key's fingerprint as {@link KeyUtils#getFingerPrint(PublicKey)} gives it, from the blob without decoding the key. */
    private static String fingerprint(byte[] blob) throws java.security.GeneralSecurityException {
        try {
            return DigestUtils.getFingerPrint(KeyUtils.getDefaultFingerPrintFactory(), blob);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.security.GeneralSecurityException(e);
        }
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

    private void append(String name, PublicKey key, String host, int port, String keyType, byte[] blob) throws IOException {
        StringBuilder line = new StringBuilder(name).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, key);
        synchronized (LOCK) {
            // Two first contacts with one host (targets sharing a jump host) may both have found it unknown.
            for (KnownHostEntry e : entries()) {
                if (e.getMarker() == null && sameKey(e, keyType, blob) && e.isHostMatch(host, port)) return;
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            boolean knewFile = Files.isRegularFile(file) && stamp().equals(cachedStamp);
            String text = line + "\n";
            if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) text = "\n" + text;
            Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            // Fifty first contacts append fifty lines; keep the snapshot in step instead of re-reading the file each time.
            if (knewFile) {
                List<KnownHostEntry> grown = new java.util.ArrayList<>(cachedEntries);
                grown.add(KnownHostEntry.parseKnownHostEntry(line.toString()));
                cachedEntries = List.copyOf(grown);
                cachedStamp = stamp();
            }
        }
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
