package dev.dhow.deploy;

import dev.dhow.config.Role;
import dev.dhow.ssh.Fleet;
import java.util.List;

/**
 * Runs a step for every (host, role) pair, as Kamal's {@code on_roles}: hosts in parallel; the roles of one host
 * one after another (primary role first), or in parallel with {@code boot.parallel_roles}. A failing role stops
 * the later roles of that host only.
 */
public final class RoleSteps {
    /** The work for one role on one host. */
    @FunctionalInterface
    public interface Step {
        void run(String host, Role role) throws Exception;
    }

    private final Crew crew;

    public RoleSteps(Crew crew) {
        this.crew = crew;
    }

    /** Runs {@code step} for the selected roles on each of {@code hosts}; returns per-host outcomes (not checked). */
    public Fleet.Results<Void> run(List<String> hosts, boolean parallelRoles, Step step) {
        return crew.hosts().each(hosts, host -> {
            List<Role> roles = crew.targets().rolesOn(host);
            if (parallelRoles && roles.size() > 1) {
                List<String> names = roles.stream().map(Role::name).toList();
                new Fleet(names.size()).run(names, name -> {
                    step.run(host, roles.get(names.indexOf(name)));
                    return null;
                }).check();
            } else {
                for (Role role : roles) step.run(host, role);
            }
            return null;
        });
    }
}
