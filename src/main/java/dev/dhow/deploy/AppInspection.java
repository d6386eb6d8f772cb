package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.commands.AuditorCommands;
import dev.dhow.config.Role;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Read-only views of the app on the servers: {@code app details|containers|images|version|logs} and
 * {@code dhow audit}. Output is grouped by host, in host order, whatever order the hosts answer in.
 */
public final class AppInspection {
    private final Crew crew;

    public AppInspection(Crew crew) {
        this.crew = crew;
    }

    /** {@code docker ps} of each selected role's containers, per host. */
    public void details() {
        perRole("App", (host, app) -> app.info());
    }

    /** Every container of the service and destination (any role, any state), per host, as Kamal lists them. */
    public void containers() {
        perHost("App", (host, app) -> app.listServiceContainers());
    }

    /** The app images, per host. */
    public void images() {
        perHost("App", (host, app) -> app.listImages());
    }

    /** The version running on each host (of the first selected role there). */
    public void version() {
        List<String> hosts = crew.targets().appHosts();
        Fleet.Results<String> results = crew.hosts().each(hosts, host ->
                crew.hosts().run(host, commands(host).currentRunningVersion()).stdout().strip());
        HostOutput.print(crew.console(), "App", results);
    }

    /** {@code tail -n 50} of the audit log on every selected host. */
    public void audit() {
        Cmd reveal = new AuditorCommands(crew.config()).reveal();
        List<String> hosts = crew.targets().hosts();
        Fleet.Results<String> results = crew.hosts().each(hosts, host -> crew.hosts().run(host, reveal).stdout());
        HostOutput.print(crew.console(), "App", results);
    }

    /**
     * Log lines of each selected role's current container (or {@code containerId}) per host; 100 lines unless
     * {@code since}, {@code grep} or {@code lines} say otherwise. A host with nothing to show says so.
     */
    public void logs(AppCommands.LogOptions options) {
        AppCommands.LogOptions o = defaultLines(options, 100);
        List<String> hosts = crew.targets().appHosts();
        Map<String, List<String>> byHost = Collections.synchronizedMap(new TreeMap<>());
        Fleet.Results<Void> results = new RoleSteps(crew).run(hosts, false, (host, role) -> {
            Result r = crew.hosts().capture(host, new AppCommands(crew.config(), role, host).logs(o));
            String text = r.ok() ? r.stdout().strip() : "Nothing found";
            byHost.computeIfAbsent(host, h -> Collections.synchronizedList(new ArrayList<>())).add(text);
        });
        for (String host : hosts) {
            for (String text : byHost.getOrDefault(host, List.of())) {
                if (!crew.console().quiet()) crew.console().result("App Host: " + host);
                crew.console().result(text + "\n");
            }
        }
        results.check();
    }

    /**
     * Follows the current container's log on every selected app host at once (Kamal: the primary host only),
     * lines prefixed {@code [host]}; 10 earlier lines each unless {@code since}, {@code grep} or {@code lines} say
     * otherwise. Without {@code -r}, only the primary role is followed, as Kamal does.
     */
    public void followLogs(AppCommands.LogOptions options) {
        AppCommands.LogOptions o = defaultLines(options, 10);
        Role role = crew.run().flags().specificRoles().isPresent() ? null : crew.targets().primaryRole().orElse(null);
        List<String> hosts = crew.targets().appHosts().stream()
                .filter(h -> role == null || role.hosts().contains(h)).toList();
        if (hosts.isEmpty()) throw new DhowException("No app hosts to follow logs on");
        crew.console().info("Following logs on " + String.join(", ", hosts) + "...");
        LogStreams.follow(crew, hosts, host -> {
            Role r = role != null ? role : crew.targets().rolesOn(host).get(0);
            return new AppCommands(crew.config(), r, host).followLogs(o);
        });
    }

    private static AppCommands.LogOptions defaultLines(AppCommands.LogOptions o, int lines) {
        if (o.lines().isPresent() || o.since().isPresent() || o.grep().isPresent()) return o;
        return new AppCommands.LogOptions(o.timestamps(), o.since(), java.util.Optional.of(lines), o.grep(), o.grepOptions(), o.containerId());
    }

    private void perRole(String type, BiFunction<String, AppCommands, Cmd> query) {
        List<String> hosts = crew.targets().appHosts();
        Map<String, List<String>> byHost = Collections.synchronizedMap(new TreeMap<>());
        Fleet.Results<Void> results = new RoleSteps(crew).run(hosts, false, (host, role) -> {
            String out = crew.hosts().run(host, query.apply(host, new AppCommands(crew.config(), role, host))).stdout();
            byHost.computeIfAbsent(host, h -> Collections.synchronizedList(new ArrayList<>())).add(out);
        });
        for (String host : hosts) {
            for (String out : byHost.getOrDefault(host, List.of())) {
                if (!crew.console().quiet()) crew.console().result(type + " Host: " + host);
                crew.console().result(out.strip() + "\n");
            }
        }
        results.check();
    }

    private void perHost(String type, BiFunction<String, AppCommands, Cmd> query) {
        List<String> hosts = crew.targets().appHosts();
        Fleet.Results<String> results = crew.hosts().each(hosts, host ->
                crew.hosts().run(host, query.apply(host, commands(host))).stdout());
        HostOutput.print(crew.console(), type, results);
    }

    private AppCommands commands(String host) {
        Role role = crew.targets().rolesOn(host).stream().findFirst()
                .orElseThrow(() -> new DhowException("host " + host + " runs no selected role"));
        return new AppCommands(crew.config(), role, host);
    }
}
