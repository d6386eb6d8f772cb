package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which keys a hop offers, in which order, and what a failure says: OpenSSH's rules, without a network. */
class HopAuthTest {
    @TempDir Path tmp;
    Path home;
    final KeyPair a = key(), b = key(), c = key(), d = key();
    final List<String> debug = new ArrayList<>();

    @BeforeEach
    void home() throws Exception {
        home = Files.createDirectories(tmp.resolve("home/.ssh")).getParent();
    }

    private static KeyPair key() {
        try {
            return SshFixture.newKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SshSettings settings() {
        return new SshSettings(null, null, null, null, List.of(), false, List.of(), List.of(), null, null, null, 0, null,
                null, null, null, home, 0, 0, false);
    }

    private void writePublic(KeyPair kp, String name) throws Exception {
        Files.writeString(home.resolve(".ssh/" + name), PublicKeyEntry.toString(kp.getPublic()) + " " + name + "\n");
    }

    private void writePrivate(KeyPair kp, String name) throws Exception {
        SshFixture.writePrivateKey(kp, home.resolve(".ssh/" + name));
    }

    private HopAuth hop(SshSettings s, List<String> identityFiles, boolean identitiesOnly, Path agent) {
        return new HopAuth("web1", "root", new Identities(s).forHop(identityFiles), identitiesOnly, "IdentitiesOnly",
                new HopAuth.Agent(agent, "SSH_AUTH_SOCK"), debug::add);
    }

    private static List<Map.Entry<PublicKey, String>> agentHolding(KeyPair... keys) {
        List<Map.Entry<PublicKey, String>> held = new ArrayList<>();
        int i = 1;
        for (KeyPair k : keys) held.add(Map.entry(k.getPublic(), "agent-key-" + i++));
        return held;
    }

    private static List<PublicKey> publics(List<Map.Entry<PublicKey, String>> offered) {
        return offered.stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void givenKeysTheAgentHoldsComeFirstInTheAgentsOrderThenItsOtherKeys() throws Exception {
        writePublic(d, "d.pub");
        writePublic(b, "b.pub");
        HopAuth auth = hop(settings(), List.of("~/.ssh/d.pub", "~/.ssh/b.pub"), false, Path.of("/agent.sock"));

        List<Map.Entry<PublicKey, String>> offered = auth.agentOffer(agentHolding(a, b, c, d));

        assertEquals(List.of(b.getPublic(), d.getPublic(), a.getPublic(), c.getPublic()), publics(offered));
    }

    @Test
    void identitiesOnlyOffersNoAgentKeyThatIsNotGiven() throws Exception {
        writePublic(d, "d.pub");
        HopAuth auth = hop(settings(), List.of("~/.ssh/d.pub"), true, Path.of("/agent.sock"));

        List<Map.Entry<PublicKey, String>> offered = auth.agentOffer(agentHolding(a, b, c, d));

        assertEquals(List.of(d.getPublic()), publics(offered));
        assertEquals("ssh: web1: the SSH agent at /agent.sock holds 4 keys; offering 1 (IdentitiesOnly)", debug.get(0));
    }

    @Test
    void aGivenKeyTheAgentAlreadyOfferedIsNotOfferedAgainFromItsFile() throws Exception {
        writePrivate(b, "b");
        writePrivate(c, "c");
        HopAuth auth = hop(settings().withKeys(List.of("~/.ssh/b", "~/.ssh/c")), List.of(), false, Path.of("/agent.sock"));

        auth.agentOffer(agentHolding(a, b));
        List<PublicKey> fromFiles = new ArrayList<>();
        for (KeyPair kp : auth.fileKeys().loadKeys(null)) fromFiles.add(kp.getPublic());

        assertEquals(List.of(c.getPublic()), fromFiles);
    }

    @Test
    void aPrivateKeyFileWithItsPubBesideItIsKnownByThePublicHalfWithoutBeingRead() throws Exception {
        // An encrypted key cannot be read without a prompt; its .pub still lets the agent sign for it.
        Files.writeString(home.resolve(".ssh/locked"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot readable\n-----END OPENSSH PRIVATE KEY-----\n");
        writePublic(b, "locked.pub");
        HopAuth auth = hop(settings(), List.of("~/.ssh/locked"), true, Path.of("/agent.sock"));

        assertEquals(List.of(b.getPublic()), publics(auth.agentOffer(agentHolding(a, b))));
        assertEquals(List.of(), auth.fileKeys().loadKeys(null));
    }

    @Test
    void aPublicKeyIdentityFileNamesAKeyDhowCannotSignWithItself() throws Exception {
        writePublic(d, "d.pub");
        Identities.Given g = new Identities(settings()).forHop(List.of("~/.ssh/d.pub")).get(0);
        assertEquals("~/.ssh/d.pub", g.label());
        assertEquals(d.getPublic(), g.publicKey());
        assertNull(g.keyPair());
        assertEquals("public key", g.problem());
    }

    @Test
    void theDefaultKeyFilesAreUsedOnlyWhenNoKeyIsGiven() throws Exception {
        writePrivate(a, "id_ecdsa");
        writePrivate(b, "deploy");
        assertEquals(List.of("~/.ssh/id_ecdsa"), new Identities(settings()).forHop(List.of()).stream().map(Identities.Given::label).toList());
        assertEquals(List.of("~/.ssh/deploy"), new Identities(settings()).forHop(List.of("~/.ssh/deploy")).stream()
                .map(Identities.Given::label).toList());
        assertEquals(List.of("~/.ssh/deploy"), new Identities(settings().withKeys(List.of("~/.ssh/deploy"))).forHop(List.of())
                .stream().map(Identities.Given::label).toList());
        assertNotNull(new Identities(settings()).forHop(List.of()).get(0).keyPair());
    }

    @Test
    void anEmptyAgentIsSaidPlainly() {
        HopAuth auth = hop(settings(), List.of(), false, Path.of("/tmp/agent.sock"));
        auth.agentOffer(List.of());
        assertEquals("authentication failed for root@web1: the SSH agent at /tmp/agent.sock (SSH_AUTH_SOCK) holds no keys;"
                + " no key file is configured and no ~/.ssh/id_* file exists", auth.failure("web1", null));
    }

    @Test
    void anUnreachableAgentIsSaidPlainly() {
        HopAuth auth = hop(settings(), List.of(), false, Path.of("/tmp/agent.sock"));
        auth.agentUnreachable("connection refused");
        assertEquals("authentication failed for root@web1: the SSH agent at /tmp/agent.sock (SSH_AUTH_SOCK) is not reachable"
                + " (connection refused); no key file is configured and no ~/.ssh/id_* file exists", auth.failure("web1", null));
    }

    @Test
    void anAgentWithoutTheChosenKeyUnderIdentitiesOnlyIsSaidPlainly() throws Exception {
        writePublic(d, "d.pub");
        HopAuth auth = hop(settings(), List.of("~/.ssh/d.pub"), true, Path.of("/tmp/agent.sock"));
        auth.agentOffer(agentHolding(a, b, c));
        assertEquals("authentication failed for root@web1: the SSH agent at /tmp/agent.sock (SSH_AUTH_SOCK) holds 3 keys,"
                + " none of them one of the given keys, and IdentitiesOnly lets it offer no other;"
                + " ~/.ssh/d.pub is a public key and the SSH agent does not hold it", auth.failure("web1", null));
    }

    @Test
    void aServerThatHangsUpAfterTooManyKeysGetsAHintToChooseOne() {
        HopAuth auth = hop(settings(), List.of(), false, Path.of("/tmp/agent.sock"));
        auth.agentOffer(agentHolding(a, b, c, d));
        auth.attempt(a.getPublic());
        auth.attempt(b.getPublic());
        assertEquals("authentication failed for root@web1: the server closed the connection after 2 keys (Too many"
                + " authentication failures): the agent offers all 4 of its keys; choose one with IdentityFile <key>.pub"
                + " and IdentitiesOnly yes in the ssh config, or ssh/keys with keys_only: true"
                + " (tried: agent key agent-key-1, agent key agent-key-2)", auth.failure("web1", "Too many authentication failures"));
    }

    @Test
    void keysTheServerRefusedAreListedAsBefore() throws Exception {
        writePrivate(a, "id_ecdsa");
        HopAuth auth = hop(settings(), List.of(), false, null);
        for (KeyPair kp : auth.fileKeys().loadKeys(null)) auth.attempt(kp.getPublic());
        assertEquals("authentication failed for root@web1 (tried: ~/.ssh/id_ecdsa)", auth.failure("web1", null));
    }
}
