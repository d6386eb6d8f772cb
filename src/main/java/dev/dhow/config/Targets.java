package dev.dhow.config;

import dev.dhow.core.DhowException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The hosts and roles a command acts on, after {@code -h/--hosts}, {@code -r/--roles} and {@code -p/--primary}
 * (Kamal's Commander::Specifics): roles with at least one selected host, primary role first; selected hosts,
 * primary-role hosts first.
 */
public final class Targets {
    private final Configuration config;
    private final List<Role> roles;
    private final List<String> hosts;
    private final Optional<String> primaryHost;
    private final Optional<Role> primaryRole;

    private Targets(Configuration config, Optional<List<String>> specificHosts, Optional<List<Role>> specificRoles) {
        this.config = config;
        List<String> candidateHosts = specificHosts.orElse(config.allHosts());
        List<Role> candidateRoles = specificRoles.orElse(config.roles());
        List<Role> selectedRoles = new ArrayList<>(candidateRoles.stream()
                .filter(r -> r.hosts().stream().anyMatch(candidateHosts::contains)).toList());

        List<String> selectedHosts = new ArrayList<>(candidateHosts);
        if (specificRoles.isPresent()) {
            LinkedHashSet<String> roleHosts = new LinkedHashSet<>();
            specificRoles.get().forEach(r -> roleHosts.addAll(r.hosts()));
            if (!roleHosts.isEmpty()) selectedHosts.removeIf(h -> !roleHosts.contains(h));
        }

        this.primaryHost = specificHosts.flatMap(h -> h.stream().findFirst())
                .or(() -> specificRoles.flatMap(this::primaryOrFirst).flatMap(Role::primaryHost))
                .or(config::primaryHost);
        this.primaryRole = primaryHost.flatMap(h -> primaryOrFirst(rolesOn(selectedRoles, h)));

        // Stable sorts: the primary role, and its hosts, go first.
        selectedRoles.sort(Comparator.comparingInt(r -> isPrimary(r) ? 0 : 1));
        this.roles = List.copyOf(selectedRoles);
        this.hosts = sortPrimaryRoleHostsFirst(selectedHosts);
    }

    /**
     * Resolve the filters against {@code config}. Each filter list holds comma-split patterns; an empty list
     * means "no filter".
     *
     * @throws DhowException {@code No --hosts match for ...} / {@code No --roles match for ...}
     */
    public static Targets of(Configuration config, List<String> hostFilters, List<String> roleFilters, boolean primaryOnly) {
        Optional<List<Role>> specificRoles = Optional.empty();
        if (!roleFilters.isEmpty()) {
            List<Role> matched = filter(roleFilters, config.roles(), Role::name);
            if (matched.isEmpty()) throw new DhowException("No --roles match for " + String.join(",", roleFilters));
            specificRoles = Optional.of(matched);
        }
        Optional<List<String>> specificHosts = Optional.empty();
        if (primaryOnly) {
            Optional<String> primary = specificRoles.map(r -> r.get(0).primaryHost()).orElse(config.primaryHost());
            hostFilters = primary.map(List::of).orElse(List.of());
        }
        if (!hostFilters.isEmpty()) {
            List<String> matched = filter(hostFilters, config.allHosts(), h -> h);
            if (matched.isEmpty()) throw new DhowException("No --hosts match for " + String.join(",", hostFilters));
            specificHosts = Optional.of(matched);
        }
        return new Targets(config, specificHosts, specificRoles);
    }

    /** No filters: every role and host. */
    public static Targets all(Configuration config) {
        return of(config, List.of(), List.of(), false);
    }

    /** Split a comma-separated option value ({@code "a,b"}) into filters; null or blank gives none. */
    public static List<String> split(String option) {
        if (option == null || option.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String part : option.split(",")) if (!part.isBlank()) out.add(part.strip());
        return out;
    }

    private static <T> List<T> filter(List<String> patterns, List<T> items, java.util.function.Function<T, String> name) {
        LinkedHashSet<T> matches = new LinkedHashSet<>();
        for (String pattern : patterns) {
            Glob glob = Glob.compile(pattern);
            for (T item : items) if (glob.matches(name.apply(item))) matches.add(item);
        }
        return List.copyOf(matches);
    }

    /** Selected roles, primary role first. */
    public List<Role> roles() {
        return roles;
    }

    /** Selected hosts (app and accessory), primary-role hosts first. */
    public List<String> hosts() {
        return hosts;
    }

    public Optional<String> primaryHost() {
        return primaryHost;
    }

    /** The role treated as primary for this selection: the configured primary role, else the first role on the primary host. */
    public Optional<Role> primaryRole() {
        return primaryRole;
    }

    /** Selected roles that include {@code host}. */
    public List<Role> rolesOn(String host) {
        return rolesOn(roles, host);
    }

    /** App (role) hosts among the selected hosts, primary-role hosts first. */
    public List<String> appHosts() {
        List<String> app = new ArrayList<>(config.appHosts());
        app.retainAll(hosts);
        return sortPrimaryRoleHostsFirst(app);
    }

    /** Hosts that run kamal-proxy (proxy roles and proxied accessories) among the selected hosts. */
    public List<String> proxyHosts() {
        List<String> out = new ArrayList<>(config.proxyHosts());
        out.retainAll(hosts);
        return List.copyOf(out);
    }

    /** Accessory hosts among the selected hosts. */
    public List<String> accessoryHosts() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        config.accessories().forEach(a -> out.addAll(a.hosts()));
        out.retainAll(hosts);
        return List.copyOf(out);
    }

    private List<String> sortPrimaryRoleHostsFirst(List<String> list) {
        List<String> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(h -> rolesOn(roles, h).stream().anyMatch(this::isPrimary) ? 0 : 1));
        return List.copyOf(sorted);
    }

    private boolean isPrimary(Role r) {
        return primaryRole.map(p -> p.name().equals(r.name())).orElse(false);
    }

    private Optional<Role> primaryOrFirst(List<Role> candidates) {
        return candidates.stream().filter(r -> r.name().equals(config.primaryRoleName())).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    private static List<Role> rolesOn(List<Role> roles, String host) {
        return roles.stream().filter(r -> r.hosts().contains(host)).toList();
    }
}
