package dev.dhow.ssh;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * The hops of one connection attempt (jump hosts, then the target) and how far each got, so that a failure can be
 * pinned on the hop where it happened. MINA reports a jump host's refusal through the target's connect future.
 */
final class ConnectTrail {
    /** Lives in the connection context, which MINA shares with every hop of one connect. */
    static final AttributeKey<ConnectTrail> KEY = new AttributeKey<>();

    /** One hop: the entry it was reached with, and its authentication once it has a session. */
    static final class Hop {
        final HostConfigEntry entry;
        final boolean jump;
        volatile HopAuth auth;

        Hop(HostConfigEntry entry, boolean jump) {
            this.entry = entry;
            this.jump = jump;
        }

        /** {@code jump host bastion} or, for the target, the deploy host's name. */
        String name(String deployHost) {
            return jump ? "jump host " + entry.getHost() : deployHost;
        }

        boolean connected() {
            return auth != null;
        }
    }

    final String host;
    private final HostConfigEntry target;
    /** The target as the user knows it ({@code root@10.0.0.12:22}), and how it is reached when not directly. */
    final String address;
    final String route;
    private final List<Hop> hops = new ArrayList<>();

    ConnectTrail(String host, HostConfigEntry target, String address, String route) {
        this.host = host;
        this.target = target;
        this.address = address;
        this.route = route;
    }

    synchronized Hop connecting(HostConfigEntry entry) {
        Hop hop = new Hop(entry, entry != target);
        hops.add(hop);
        return hop;
    }

    synchronized Hop find(HostConfigEntry entry) {
        for (int i = hops.size() - 1; i >= 0; i--) if (hops.get(i).entry == entry) return hops.get(i);
        return connecting(entry);
    }

    /** The jump host where the attempt stopped, or null when every jump got through (or there was none). */
    synchronized Hop failedJump() {
        for (Hop h : hops) {
            if (h.jump && (h.auth == null || !h.auth.authenticated())) return h;
        }
        return null;
    }

    /** The jump host the target is reached through (the last one started), or null. */
    synchronized Hop lastJump() {
        for (int i = hops.size() - 1; i >= 0; i--) if (hops.get(i).jump) return hops.get(i);
        return null;
    }
}
