package dev.dhow.ssh;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * The public-key authentication of one hop (a jump host or the target), planned and recorded the way OpenSSH does
 * it: the given keys the agent holds first (signed by the agent, in the agent's order), then the agent's other keys
 * unless IdentitiesOnly, then the given keys dhow can sign with itself. What was offered, refused or unusable is
 * kept so a failure can say so plainly.
 */
final class HopAuth {
    /** Set on each session before it authenticates. */
    static final AttributeKey<HopAuth> KEY = new AttributeKey<>();

    /** Where the agent is: {@code socket} null means none; {@code source} says who chose it, for messages. */
    record Agent(Path socket, String source) {}

    private enum AgentState { NOT_ASKED, UNREACHABLE, LISTED }

    final String hop;
    final String user;
    private final List<Identities.Given> given;
    private final boolean identitiesOnly;
    private final String identitiesOnlyName;
    private final Agent agent;
    private final Consumer<String> debug;

    private AgentState agentState = AgentState.NOT_ASKED;
    private String agentProblem;
    private int agentKeys;
    private final Map<String, String> agentLabels = new LinkedHashMap<>();
    private final Map<String, String> viaAgent = new LinkedHashMap<>();
    private final List<String> attempted = new ArrayList<>();
    private volatile boolean authenticated;

    /**
     * @param hop               how -v names this hop ({@code web1: jump host bastion}, or the target's name)
     * @param identitiesOnly    offer no agent key that is not one of {@code given}
     * @param identitiesOnlyName what the user set to ask for that ({@code IdentitiesOnly}, {@code keys_only}), for messages
     */
    HopAuth(String hop, String user, List<Identities.Given> given, boolean identitiesOnly, String identitiesOnlyName,
            Agent agent, Consumer<String> debug) {
        this.hop = hop;
        this.user = user;
        this.given = List.copyOf(given);
        this.identitiesOnly = identitiesOnly;
        this.identitiesOnlyName = identitiesOnlyName;
        this.agent = agent;
        this.debug = debug;
    }

    Agent agent() {
        return agent;
    }

    synchronized void agentUnreachable(String reason) {
        agentState = AgentState.UNREACHABLE;
        agentProblem = reason;
        debug.accept("ssh: " + hop + ": the SSH agent at " + agent.socket() + " (" + agent.source() + ") is not reachable (" + reason + ")");
    }

    /** Orders and filters what the agent holds; the result is what the agent offers for this hop. */
    synchronized List<Map.Entry<PublicKey, String>> agentOffer(List<Map.Entry<PublicKey, String>> held) {
        agentState = AgentState.LISTED;
        agentKeys = held.size();
        List<Map.Entry<PublicKey, String>> preferred = new ArrayList<>();
        List<Map.Entry<PublicKey, String>> others = new ArrayList<>();
        for (Map.Entry<PublicKey, String> e : held) {
            String print = KeyUtils.getFingerPrint(e.getKey());
            Identities.Given match = given.stream().filter(g -> g.publicKey() != null && KeyUtils.compareKeys(g.publicKey(), e.getKey()))
                    .findFirst().orElse(null);
            if (match != null) {
                if (viaAgent.containsKey(print)) continue;
                viaAgent.put(print, match.label());
                agentLabels.put(print, match.label() + " (agent)");
                preferred.add(e);
            } else if (!identitiesOnly) {
                agentLabels.put(print, "agent key " + (e.getValue() == null || e.getValue().isBlank() ? print : e.getValue()));
                others.add(e);
            }
        }
        preferred.addAll(others);
        debug.accept("ssh: " + hop + ": the SSH agent at " + agent.socket() + " holds " + count(held.size(), "key")
                + "; offering " + preferred.size() + (identitiesOnly ? " (" + identitiesOnlyName + ")" : ""));
        return preferred;
    }

    /** The given keys dhow signs with itself: those it can read that the agent did not already offer. */
    KeyIdentityProvider fileKeys() {
        return session -> {
            List<KeyPair> keys = new ArrayList<>();
            synchronized (this) {
                for (Identities.Given g : given) {
                    if (g.keyPair() == null || viaAgent.containsKey(KeyUtils.getFingerPrint(g.publicKey()))) continue;
                    agentLabels.putIfAbsent(KeyUtils.getFingerPrint(g.publicKey()), g.label());
                    keys.add(g.keyPair());
                }
            }
            return keys;
        };
    }

    synchronized void attempt(PublicKey key) {
        String label = labelOf(key);
        attempted.add(label);
        debug.accept("ssh: " + hop + ": offering " + label + " (" + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key) + ")");
    }

    synchronized void refused(PublicKey key) {
        debug.accept("ssh: " + hop + ": refused " + labelOf(key));
    }

    synchronized void succeeded(PublicKey key) {
        authenticated = true;
        debug.accept("ssh: " + hop + ": authenticated as " + user + " with " + labelOf(key));
    }

    boolean authenticated() {
        return authenticated;
    }

    private String labelOf(PublicKey key) {
        return agentLabels.getOrDefault(KeyUtils.getFingerPrint(key), KeyUtils.getFingerPrint(key));
    }

    /**
     * Why authentication failed, in one sentence: what was wrong with the agent, which given keys could not be used,
     * and what the server refused. {@code closedBecause} is the server's reason when it hung up mid-way.
     */
    synchronized String failure(String target, String closedBecause) {
        List<String> facts = new ArrayList<>();
        String at = agent.socket() == null ? null : "the SSH agent at " + agent.socket() + " (" + agent.source() + ")";
        if (agentState == AgentState.UNREACHABLE) {
            facts.add(at + " is not reachable (" + agentProblem + ")");
        } else if (agentState == AgentState.LISTED && agentKeys == 0) {
            facts.add(at + " holds no keys");
        } else if (agentState == AgentState.LISTED && identitiesOnly && viaAgent.isEmpty()) {
            facts.add(at + " holds " + count(agentKeys, "key") + ", none of them one of the given keys, and "
                    + identitiesOnlyName + " lets it offer no other");
        }
        for (Identities.Given g : given) {
            if (g.problem() == null || (g.publicKey() != null && viaAgent.containsKey(KeyUtils.getFingerPrint(g.publicKey())))) continue;
            facts.add(unusable(g));
        }
        if (given.isEmpty() && attempted.isEmpty()) facts.add("no key file is configured and no ~/.ssh/id_* file exists");
        if (closedBecause != null) {
            String f = "the server closed the connection after " + count(attempted.size(), "key") + " (" + closedBecause + ")";
            if (!identitiesOnly && agentKeys > 1) {
                f += ": the agent offers all " + agentKeys + " of its keys; choose one with IdentityFile <key>.pub and"
                        + " IdentitiesOnly yes in the ssh config, or ssh/keys with keys_only: true";
            }
            facts.add(f);
        }
        StringBuilder sb = new StringBuilder("authentication failed for ").append(user).append('@').append(target);
        if (!facts.isEmpty()) sb.append(": ").append(String.join("; ", facts));
        if (!attempted.isEmpty()) sb.append(" (tried: ").append(String.join(", ", new java.util.LinkedHashSet<>(attempted))).append(')');
        else if (facts.isEmpty()) sb.append(" (no key to offer)");
        return sb.toString();
    }

    private String unusable(Identities.Given g) {
        String noAgent = agent.socket() == null ? "there is no SSH agent" : agentState == AgentState.LISTED
                ? "the SSH agent does not hold it" : "the SSH agent is not reachable";
        return switch (g.problem()) {
            case "missing" -> g.publicKey() == null ? g.label() + " is missing"
                    : g.label() + " is missing and " + noAgent + " (its .pub exists)";
            case "public key" -> g.label() + " is a public key and " + noAgent;
            default -> g.label() + " is " + g.problem() + (g.publicKey() != null ? " and " + noAgent : "");
        };
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
