package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.config.DhowSettings;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the canary hosts of a deploy for the soak: every interval, per host and role, the new container still
 * runs, has not restarted, is not unhealthy, and (behind kamal-proxy) still answers its health check; then the
 * {@code post-canary} hook, if any. The first failed check ends the watch with {@link Failed}, naming check and
 * host; the caller puts the canary hosts back.
 */
final class CanaryCheck {
    /** A canary check that failed: {@code check} names it, {@code host} and {@code role} say where. */
    static final class Failed extends DhowException {
        final String host;

        Failed(String host, String check) {
            super(check + (host.isEmpty() ? "" : " on " + host));
            this.host = host;
        }
    }

    private final Crew crew;
    private final Release release;
    private final List<String> hosts;
    private final List<RoleBoot> boots;
    private final DhowSettings.Canary settings;

    /** Watches {@code boots} on the canary {@code hosts} (in the order {@link #choose} gave them). */
    CanaryCheck(Crew crew, Release release, List<String> hosts, List<RoleBoot> boots, DhowSettings.Canary settings) {
        this.crew = crew;
        this.release = release;
        this.hosts = List.copyOf(hosts);
        this.boots = List.copyOf(boots);
        this.settings = settings;
    }

    private List<String> hosts() {
        return hosts;
    }

    /** Watches for the soak, then runs {@code post-canary}; throws {@link Failed} at the first failed check. */
    void verify() {
        String version = release.version();
        Map<RoleBoot, Integer> restarts = new LinkedHashMap<>();
        for (RoleBoot boot : boots) restarts.put(boot, state(boot).restarts());
        long rounds = Math.max(1, settings.soak().toMillis() / Math.max(1, settings.interval().toMillis()));
        for (long round = 1; round <= rounds; round++) {
            crew.sleeper().sleep(settings.interval());
            long left = Math.max(0, (rounds - round) * settings.interval().toSeconds());
            for (String host : hosts()) crew.console().progress(host, "canary check " + round + "/" + rounds + " of " + version, left);
            Fleet.Results<Void> results = crew.hosts().each(hosts(), host -> {
                for (RoleBoot boot : boots) if (boot.host().equals(host)) check(boot, restarts.get(boot));
                return null;
            });
            if (!results.ok()) {
                // An interrupt is not a failed check: it unwinds as one, with its own exit code.
                for (Fleet.Outcome<Void> o : results.failures()) if (o.error() instanceof InterruptedRun i) throw i;
                Fleet.Outcome<Void> first = results.failures().get(0);
                if (first.error() instanceof Failed f) throw f;
                throw new Failed(first.host(), "canary check could not run: " + first.message());
            }
        }
        try {
            crew.hooks().run("post-canary", false, hosts(), Optional.of(release), Optional.empty());
        } catch (InterruptedRun e) {
            throw e;
        } catch (DhowException e) {
            String output = String.valueOf(e.getMessage()).lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                    .reduce((a, b) -> a + " / " + b).map(o -> " (" + o + ")").orElse("");
            for (String host : hosts()) crew.console().hostFailed(host, Optional.empty(), "post-canary hook failed" + output);
            throw new Failed(String.join(", ", hosts()), "post-canary hook failed" + output);
        }
    }

    private void check(RoleBoot boot, int restartsBefore) {
        AppCommands app = new AppCommands(crew.config(), boot.role(), boot.host());
        Optional<String> wrong = whatIsWrong(app, state(boot), restartsBefore);
        if (wrong.isPresent()) fail(boot, wrong.get());
        if (boot.role().runningProxy()) {
            Result probe = crew.hosts().capture(boot.host(), app.proxyHealthProbe(release.version()));
            // A container that stopped or restarted since the state check is the better explanation of the probe.
            if (!probe.ok()) fail(boot, whatIsWrong(app, state(boot), restartsBefore).orElse("health check failed"));
        }
    }

    /** What the container's state says is wrong with it, if anything. */
    private Optional<String> whatIsWrong(AppCommands app, State now, int restartsBefore) {
        String container = "container " + app.containerName(release.version());
        if (!now.status().equals("running")) return Optional.of(container + " is " + now.status());
        if (now.restarts() != restartsBefore) return Optional.of(container + " restarted (" + (now.restarts() - restartsBefore) + " times)");
        if (now.health().equals("unhealthy")) return Optional.of(container + " is unhealthy");
        return Optional.empty();
    }

    private void fail(RoleBoot boot, String check) {
        String what = "canary check failed: " + check;
        crew.console().hostFailed(boot.host(), Optional.of(boot.role().name()), what);
        throw new Failed(boot.host() + " (" + boot.role().name() + ")", check);
    }

    /** {@code running 0 none}: the container's state, restart count and health (none without a HEALTHCHECK). */
    private record State(String status, int restarts, String health) {}

    private State state(RoleBoot boot) {
        AppCommands app = new AppCommands(crew.config(), boot.role(), boot.host());
        Result r = crew.hosts().capture(boot.host(), app.canaryState(release.version()));
        String[] parts = r.stdout().strip().split("\\s+");
        if (!r.ok() || parts.length < 3 || !parts[1].matches("\\d+")) {
            // docker inspect fails only when the container is gone.
            return new State(r.ok() ? "unknown (" + r.stdout().strip() + ")" : "gone", 0, "none");
        }
        return new State(parts[0], Integer.parseInt(parts[1]), parts[2]);
    }

    /** The canary hosts among {@code hosts}: the first {@code perRole} of each role, the primary role's first. */
    static List<String> choose(Crew crew, List<String> hosts, int perRole) {
        List<String> chosen = new ArrayList<>();
        for (dev.dhow.config.Role role : crew.targets().roles()) {
            List<String> own = hosts.stream().filter(role.hosts()::contains).toList();
            for (String h : own.subList(0, Math.min(perRole, own.size()))) if (!chosen.contains(h)) chosen.add(h);
        }
        return chosen;
    }
}
