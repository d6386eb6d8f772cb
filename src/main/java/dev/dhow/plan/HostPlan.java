package dev.dhow.plan;

import java.util.List;

/** What a deploy would do on one host: every resource looked at, in a stable order. */
public record HostPlan(String host, List<Resource> resources) {
    public HostPlan {
        resources = List.copyOf(resources);
    }

    /** The resources that differ. */
    public List<Resource> changed() {
        return resources.stream().filter(Resource::differs).toList();
    }

    /** True when the plan could not see the host (unreachable, Docker not answering). */
    public boolean unknown() {
        return resources.stream().anyMatch(r -> r.action() == Resource.Action.UNKNOWN);
    }
}
