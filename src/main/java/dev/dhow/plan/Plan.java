package dev.dhow.plan;

import java.util.List;
import java.util.Optional;

/**
 * What {@code dhow deploy} would change, host by host: the version it would deploy and, per host, every resource
 * the plan compared. Immutable; rendered by {@link PlanText} and {@link PlanJson}.
 *
 * @param image      the image of {@code version} ({@code <repository>:<version>})
 * @param inRegistry whether the registry has that image; empty when the registry could not be asked
 * @param registry   what asking the registry found, for people (e.g. why it could not be asked)
 */
public record Plan(String version, String image, Optional<Boolean> inRegistry, String registry, List<HostPlan> hosts) {
    public Plan {
        hosts = List.copyOf(hosts);
    }

    /** True when a deploy would change anything on any host. */
    public boolean changes() {
        return hosts.stream().anyMatch(h -> !h.changed().isEmpty());
    }

    /** True when some host could not be seen, so the plan is incomplete. */
    public boolean incomplete() {
        return hosts.stream().anyMatch(HostPlan::unknown);
    }
}
