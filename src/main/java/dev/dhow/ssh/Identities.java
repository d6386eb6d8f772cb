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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.NamedResource;

/**
 * The private keys dhow offers, in order: {@code keys} files, {@code key_data}, the ssh config's IdentityFile,
 * then the default ~/.ssh/id_* files (unless keys_only). Remembers what it tried so an authentication failure
 * can say so.
 */
final class Identities {
    private static final List<String> DEFAULT_KEY_FILES = List.of("id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk");

    /** A loaded key with the name a user recognises ({@code ~/.ssh/id_ed25519}, {@code key_data[0]}). */
    record Named(String label, KeyPair keyPair) {}

    private final SshSettings settings;
    private final List<Named> configured;
    private final List<String> skipped = new ArrayList<>();
    /** Each file is parsed once per process: deriving an ed25519 public key is not free and 50 hosts share it. */
    private final java.util.Map<Path, List<Named>> loaded = new java.util.HashMap<>();

    Identities(SshSettings settings) {
        this.settings = settings;
        List<Named> keys = new ArrayList<>();
        for (String k : settings.keys()) keys.addAll(loadFile(k));
        int i = 0;
        for (Sensitive data : settings.keyData()) keys.addAll(loadText("key_data[" + i++ + "]", data));
        this.configured = List.copyOf(keys);
    }

    /** Keys for one host: configured ones, the host's IdentityFile entries, then defaults. */
    List<Named> forHost(Collection<String> configIdentityFiles) {
        List<Named> all = new ArrayList<>(configured);
        Set<String> seen = new LinkedHashSet<>(settings.keys().stream().map(this::expand).map(Path::toString).toList());
        for (String f : configIdentityFiles) {
            if (seen.add(expand(f).toString())) all.addAll(loadFile(f));
        }
        if (!settings.keysOnly()) {
            for (String name : DEFAULT_KEY_FILES) {
                Path p = settings.home().resolve(".ssh").resolve(name);
                if (seen.add(p.toString()) && Files.isRegularFile(p)) all.addAll(loadFile(p.toString()));
            }
        }
        return all;
    }

    static KeyIdentityProvider provider(List<Named> keys) {
        return KeyIdentityProvider.wrapKeyPairs(keys.stream().map(Named::keyPair).toList());
    }

    /** With keys_only, the agent may offer only these public keys (by SHA256 fingerprint); else null = any. */
    Set<String> agentFilter() {
        if (!settings.keysOnly()) return null;
        Set<String> prints = new LinkedHashSet<>();
        for (Named n : configured) prints.add(KeyUtils.getFingerPrint(n.keyPair().getPublic()));
        for (String k : settings.keys()) {
            Path pub = Path.of(expand(k) + ".pub");
            try {
                if (Files.isRegularFile(pub)) {
                    PublicKey key = PublicKeyEntry.parsePublicKeyEntry(Files.readString(pub).strip()).resolvePublicKey(null, null, null);
                    if (key != null) prints.add(KeyUtils.getFingerPrint(key));
                }
            } catch (Exception ignored) {
                // An unreadable .pub only means the agent cannot stand in for that key.
            }
        }
        return prints;
    }

    /** Human list of key sources for "tried: …" messages. */
    synchronized String describe(List<Named> keys, boolean agent) {
        List<String> parts = new ArrayList<>();
        if (agent) parts.add("agent");
        for (Named n : keys) if (!parts.contains(n.label())) parts.add(n.label());
        for (String s : skipped) if (!parts.contains(s)) parts.add(s);
        return parts.isEmpty() ? "no keys found" : String.join(", ", parts);
    }

    Path expand(String file) {
        if (file.equals("~")) return settings.home();
        if (file.startsWith("~/")) return settings.home().resolve(file.substring(2));
        return Path.of(file);
    }

    private String label(Path p) {
        Path home = settings.home();
        return p.startsWith(home) ? "~/" + home.relativize(p) : p.toString();
    }

    private synchronized List<Named> loadFile(String file) {
        Path p = expand(file);
        List<Named> cached = loaded.get(p);
        if (cached == null) {
            cached = readFile(p);
            loaded.put(p, cached);
        }
        return cached;
    }

    private List<Named> readFile(Path p) {
        String label = label(p);
        if (!Files.isRegularFile(p)) {
            skipped.add(label + " (missing)");
            return List.of();
        }
        try (InputStream in = Files.newInputStream(p)) {
            return toNamed(label, SecurityUtils.loadKeyPairIdentities(null, new PathResource(p), in, null));
        } catch (Exception e) {
            // Passphrase-protected files cannot be used without a prompt; the agent usually holds them instead.
            skipped.add(label + " (unreadable: " + e.getClass().getSimpleName() + ")");
            return List.of();
        }
    }

    private synchronized List<Named> loadText(String label, Sensitive text) {
        try (InputStream in = new ByteArrayInputStream(text.value().getBytes(StandardCharsets.UTF_8))) {
            return toNamed(label, SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(label), in, null));
        } catch (Exception e) {
            skipped.add(label + " (not a readable private key)");
            return List.of();
        }
    }

    private static List<Named> toNamed(String label, Iterable<KeyPair> pairs) {
        List<Named> out = new ArrayList<>();
        if (pairs != null) for (KeyPair kp : pairs) out.add(new Named(label, kp));
        return out;
    }
}
