package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetsTest {
    // Roles sort by name (api, web, workers); web is primary. 1.1.1.5 only runs an accessory.
    static final Configuration CONFIG = ConfigurationDefaultsTest.build("""
            servers:
              workers: [1.1.1.3, 1.1.1.4]
              web: [1.1.1.1, 1.1.1.2]
              api: {hosts: [1.1.1.6, 1.1.1.2], proxy: true}
            accessories:
              db: {image: pg, host: 1.1.1.5}
              cache: {image: redis, roles: [workers], proxy: {host: cache.example.com}}
            """);

    static List<String> names(List<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }

    @Test
    void withoutFiltersEverythingPrimaryFirst() {
        Targets t = Targets.all(CONFIG);
        assertEquals(List.of("web", "api", "workers"), names(t.roles()));
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.6", "1.1.1.3", "1.1.1.4", "1.1.1.5"), t.hosts());
        assertEquals(Optional.of("1.1.1.1"), t.primaryHost());
        assertEquals("web", t.primaryRole().orElseThrow().name());
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.6", "1.1.1.3", "1.1.1.4"), t.appHosts());
        assertEquals(List.of("1.1.1.5", "1.1.1.3", "1.1.1.4"), t.accessoryHosts());
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.6", "1.1.1.3", "1.1.1.4"), t.proxyHosts());
        assertEquals(List.of("web", "api"), names(t.rolesOn("1.1.1.2")));
    }

    @Test
    void rolesFilterWithWildcards() {
        Targets t = Targets.of(CONFIG, List.of(), List.of("w*"), false);
        assertEquals(List.of("web", "workers"), names(t.roles()));
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4"), t.hosts());
        assertEquals(List.of(), t.accessoryHosts().stream().filter("1.1.1.5"::equals).toList());
    }

    @Test
    void aNonPrimaryRoleBecomesPrimaryForItsSelection() {
        Targets t = Targets.of(CONFIG, List.of(), List.of("workers"), false);
        assertEquals(List.of("workers"), names(t.roles()));
        assertEquals(Optional.of("1.1.1.3"), t.primaryHost());
        assertEquals("workers", t.primaryRole().orElseThrow().name());
    }

    @Test
    void hostsFilterKeepsOnlyRolesOnThoseHosts() {
        Targets t = Targets.of(CONFIG, List.of("1.1.1.{3,6}"), List.of(), false);
        assertEquals(List.of("1.1.1.6", "1.1.1.3"), t.hosts());
        assertEquals(List.of("api", "workers"), names(t.roles()));
        assertEquals(Optional.of("1.1.1.6"), t.primaryHost());
        assertEquals("api", t.primaryRole().orElseThrow().name());
    }

    @Test
    void hostOrderFollowsTheFilterThenPrimaryRoleHostsFirst() {
        Targets t = Targets.of(CONFIG, List.of("1.1.1.4", "1.1.1.1"), List.of(), false);
        assertEquals(Optional.of("1.1.1.4"), t.primaryHost());
        // The primary host's role (workers) is the selection's primary role, so its hosts come first.
        assertEquals(List.of("1.1.1.4", "1.1.1.1"), t.hosts());
        // An accessory-only primary host has no role, so nothing is moved (as in Kamal).
        Targets u = Targets.of(CONFIG, List.of("1.1.1.5", "1.1.1.1"), List.of(), false);
        assertEquals(List.of("1.1.1.5", "1.1.1.1"), u.hosts());
        assertEquals(Optional.empty(), u.primaryRole());
    }

    @Test
    void hostsAndRolesTogether() {
        Targets t = Targets.of(CONFIG, List.of("1.1.1.*"), List.of("api"), false);
        assertEquals(List.of("1.1.1.2", "1.1.1.6"), t.hosts());
        assertEquals(List.of("1.1.1.2", "1.1.1.6"), t.appHosts());
    }

    @Test
    void primaryOnly() {
        assertEquals(List.of("1.1.1.1"), Targets.of(CONFIG, List.of(), List.of(), true).hosts());
        assertEquals(List.of("1.1.1.3"), Targets.of(CONFIG, List.of(), List.of("workers"), true).hosts());
    }

    @Test
    void noMatchIsAnError() {
        assertEquals("No --hosts match for 9.9.9.9,8.8.8.*",
                assertThrows(DhowException.class, () -> Targets.of(CONFIG, List.of("9.9.9.9", "8.8.8.*"), List.of(), false)).getMessage());
        assertEquals("No --roles match for cron",
                assertThrows(DhowException.class, () -> Targets.of(CONFIG, List.of(), List.of("cron"), false)).getMessage());
    }

    @Test
    void optionValuesAreSplitOnCommas() {
        assertEquals(List.of("a", "b*"), Targets.split("a, b*"));
        assertEquals(List.of(), Targets.split(null));
        assertEquals(List.of(), Targets.split(" "));
    }
}
