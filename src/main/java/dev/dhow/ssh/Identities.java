package dev.dhow.ssh;

import dev.dhow.core.Sensitive;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The keys a user named, as OpenSSH collects them for a hop: {@code ssh/keys} files, {@code key_data}, then the
 * hop's IdentityFile lines; the default {@code ~/.ssh/id_*} files only when none is given. Each file is read once
 * per process: a private key for signing here, and its public half (from the file or its {@code .pub}) so that an
 * agent holding the private half can sign instead.
 */
final class Identities {
    static final List<String> DEFAULT_KEY_FILES = List.of("id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk");

    /**
     * A named key. {@code publicKey} is null when nothing readable says what the key is; {@code keyPair} is null when
     * dhow cannot sign with it itself, and {@code problem} then says why (unless an agent holds it, that is final).
     */
    record Given(String label, PublicKey publicKey, KeyPair keyPair, String problem) {}

    private final SshSettings settings;
    private final List<Given> keyData;
    /** Deriving an ed25519 public key is not free and 50 hosts share the same files. */
    private final Map<Path, Given> loaded = new HashMap<>();

    Identities(SshSettings settings) {
        this.settings = settings;
        List<Given> data = new ArrayList<>();
        int i = 0;
        for (Sensitive text : settings.keyData()) data.add(readText("key_data[" + i++ + "]", text));
        this.keyData = List.copyOf(data);
    }

    /** The keys one hop offers, in order, with {@code identityFiles} from its ssh config entry. */
    List<Given> forHop(Collection<String> identityFiles) {
        Set<Path> files = new LinkedHashSet<>();
        for (String k : settings.keys()) files.add(expand(k));
        for (String f : identityFiles) files.add(expand(f));
        List<Given> out = new ArrayList<>();
        for (Path p : files) out.add(load(p));
        out.addAll(keyData);
        if (out.isEmpty()) {
            // As OpenSSH and Net::SSH: the default files only when no key is named, and only those that exist.
            for (String name : DEFAULT_KEY_FILES) {
                Path p = settings.home().resolve(".ssh").resolve(name);
                if (Files.isRegularFile(p) || Files.isRegularFile(Path.of(p + ".pub"))) out.add(load(p));
            }
        }
        return out;
    }

    Path expand(String file) {
        return Path.of(Tokens.tilde(file, settings.home()));
    }

    String label(Path p) {
        return Tokens.homeLabel(p, settings.home());
    }

    private synchronized Given load(Path p) {
        return loaded.computeIfAbsent(p, this::read);
    }

    private Given read(Path p) {
        String label = label(p);
        Path pub = Path.of(p + ".pub");
        PublicKey fromPub = Files.isRegularFile(pub) ? publicKey(pub) : null;
        if (!Files.isRegularFile(p)) return new Given(label, fromPub, null, "missing");
        PublicKey itself = publicKey(p);
        if (itself != null) return new Given(label, itself, null, "public key");
        try (InputStream in = Files.newInputStream(p)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(p), in, null);
            KeyPair kp = pairs == null || !pairs.iterator().hasNext() ? null : pairs.iterator().next();
            if (kp == null) return new Given(label, fromPub, null, "not a private key");
            return new Given(label, kp.getPublic(), kp, null);
        } catch (Exception e) {
            // Passphrase-protected files cannot be used without a prompt; the agent usually holds them instead.
            return new Given(label, fromPub, null, "unreadable: " + reason(e));
        }
    }

    private Given readText(String label, Sensitive text) {
        try (InputStream in = new ByteArrayInputStream(text.value().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(label), in, null);
            KeyPair kp = pairs == null || !pairs.iterator().hasNext() ? null : pairs.iterator().next();
            if (kp != null) return new Given(label, kp.getPublic(), kp, null);
        } catch (Exception e) {
            // reported below, without the text
        }
        return new Given(label, null, null, "not a readable private key");
    }

    /** The file as an OpenSSH public key line, or null when it is something else. */
    private static PublicKey publicKey(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) return null;
            String text = Files.readString(file).strip();
            if (text.isEmpty() || text.startsWith("-----") || text.contains("\n")) return null;
            return PublicKeyEntry.parsePublicKeyEntry(text).resolvePublicKey(null, null, null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
