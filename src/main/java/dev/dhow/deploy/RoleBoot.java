package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.commands.BootSurvey;
import dev.dhow.config.Role;
import dev.dhow.config.envfile.EnvFile;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import dev.dhow.ssh.HostUnavailable;
import dev.dhow.ssh.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots one role on one host (Kamal's {@code app/boot.rb}) and knows at every moment what it has changed there, so
 * that a failure anywhere, or an interruption, can put back exactly that: nothing, a new container nobody routes
 * to, or a host that already serves the new version.
 */
final class RoleBoot {
    /** How far the boot got on its host. */
    enum State {
        /** Nothing changed yet (besides renaming an earlier container of the same version). */
        PENDING,
        /** The new container runs, but kamal-proxy does not route to it (or, without the proxy, it is not healthy yet). */
        STARTED,
        /** The new container serves: kamal-proxy routes to it, or it passed its health check. */
        SWITCHED,
        /** As {@link #SWITCHED}, and the old container is stopped. */
        DONE
    }

    private final Crew crew;
    private final String host;
    private final Role role;
    private final Release release;
    private final AppCommands app;
    private final BootSurveys surveys;
    private volatile State state = State.PENDING;
    private volatile Optional<String> oldVersion = Optional.empty();
    private volatile boolean hostLost;
    private volatile boolean unhealthy;
    // Booted as kamal-proxy's rollout target beside the running version, not as its main target.
    private volatile boolean rollout;

    RoleBoot(Crew crew, String host, Role role, Release release, BootSurveys surveys) {
        this.crew = crew;
        this.host = host;
        this.role = role;
        this.release = release;
        this.app = new AppCommands(crew.config(), role, host);
        this.surveys = surveys;
    }

    String host() {
        return host;
    }

    Role role() {
        return role;
    }

    State state() {
        return state;
    }

    /**
     * Boots the role: the first primary-role container opens {@code barrier} for the other roles, or closes it when
     * it fails. Throws when the new version did not become healthy (or the run was interrupted), leaving
     * {@link #state()} to say what to undo.
     */
    void boot(Barrier barrier, Optional<Role> primary) {
        String version = release.version();
        boolean gatekeeper = primary.map(p -> p.name().equals(role.name())).orElse(false);
        boolean queuer = primary.isPresent() && !gatekeeper;
        String primaryName = primary.map(Role::name).orElse("");
        try {
            oldVersion = renameClashingAndFindCurrent(true);

            if (queuer) {
                crew.console().info(host, "Waiting for the first healthy " + primaryName + " container before booting " + role.name() + "...");
                try {
                    barrier.await();
                } catch (DhowException e) {
                    crew.console().info(host, "First " + primaryName + " container is unhealthy, not booting " + role.name());
                    throw e;
                }
                crew.console().info(host, "First " + primaryName + " container is healthy, booting " + role.name() + "...");
            }

            try {
                start();
            } catch (RuntimeException e) {
                if (gatekeeper && barrier.close()) {
                    // An interrupt closes the barrier too; calling that "unhealthy" would blame the version.
                    String what = e instanceof InterruptedRun ? "Interrupted before the first " + primaryName + " container was healthy"
                            : e instanceof HostUnavailable ? "Host unreachable before the first " + primaryName + " container was healthy"
                            : "First " + primaryName + " container is unhealthy here";
                    crew.console().info(host, what + ", not booting any other roles");
                }
                if (!(e instanceof InterruptedRun) && !(e instanceof HostUnavailable)) {
                    // Started but never healthy: the version itself is at fault, not the host.
                    unhealthy = state == State.STARTED;
                    crew.console().hostFailed(host, Optional.of(role.name()), "failed to boot " + role.name() + ": " + reason(e));
                    // Unlike Kamal (first failure only), every failed container shows why: its logs and health.
                    showFailedContainer();
                }
                throw e;
            }
            if (gatekeeper && barrier.open()) {
                crew.console().info(host, "First " + primaryName + " container is healthy here, booting any other roles");
            }
            if (oldVersion.isPresent() && !oldVersion.get().equals(version)) crew.hosts().capture(host, app.stop(oldVersion.get()));
            state = State.DONE;
        } catch (RuntimeException e) {
            // A primary role that fails before starting (e.g. its host is down) must not leave the others waiting.
            if (gatekeeper) barrier.close();
            if (e instanceof HostUnavailable) {
                hostLost = true;
                // Said at once, not only in the final report: the other hosts may take a while to be put back.
                crew.console().hostFailed(host, Optional.of(role.name()), reason(e));
            }
            throw e;
        }
    }

    /**
     * Boots the role beside the version it runs now and hands the new container to kamal-proxy as the rollout target
     * (requests reach it only once a split is set). Throws when no other version runs here, or the new one never
     * became healthy, leaving {@link #state()} to say what to undo.
     */
    void bootForRollout() {
        String version = release.version();
        rollout = true;
        try {
            oldVersion = renameClashingAndFindCurrent(false);
            if (oldVersion.isEmpty()) {
                throw new DhowException("no " + role.name() + " container runs on " + host + " to roll out beside (deploy first)");
            }
            if (oldVersion.get().equals(version)) throw new DhowException(host + " already serves " + version + " (" + role.name() + ")");
            start();
        } catch (RuntimeException e) {
            if (e instanceof HostUnavailable) hostLost = true;
            if (!(e instanceof InterruptedRun)) crew.console().hostFailed(host, Optional.of(role.name()), reason(e));
            throw e;
        }
    }

    /**
     * Moves an earlier container of the version being booted aside ({@code <version>_replaced_<hex>}, as Kamal) and
     * returns the version the host runs now, from the stale check's answer when deploy already asked, else from one
     * round trip of its own.
     */
    private Optional<String> renameClashingAndFindCurrent(boolean tell) {
        String version = release.version();
        BootSurvey survey = surveys.take(host, role.name(), version)
                .orElseGet(() -> BootSurvey.parse(crew.hosts().run(host, app.bootSurvey(version)).stdout()));
        String current = survey.current();
        if (survey.existing()) {
            String renamed = AppCommands.replacedVersion(version, crew.randomHex().apply(16));
            if (tell) crew.console().info(host, "Renaming container " + version + " to " + renamed + " as already deployed");
            crew.audit().record(host, "Renaming container " + version + " to " + renamed, Optional.of(role.name()));
            crew.hosts().run(host, app.renameToReplaced(version, renamed.substring(renamed.length() - 16)));
            current = survey.currentAfterRenaming(version, renamed);
        }
        return Optional.of(current).filter(v -> !v.isEmpty());
    }

    private void start() {
        String version = release.version();
        String hostname = app.hostnameFor(crew.randomHex().apply(12));
        Result started = crew.hosts().run(host, crew.audit().andThen("Booted app version " + version, Optional.of(role.name()),
                app.writeEnvFileAndRun(version, Optional.of(hostname), new Sensitive(EnvFile.render(secretEnv())))));
        state = State.STARTED;
        if (role.runningProxy()) {
            String endpoint = startedId(started.stdout()).orElseGet(() -> endpoint(version));
            crew.console().progress(host, "health check of " + role.name(), crew.config().timeouts().deployTimeout());
            crew.hosts().run(host, rollout ? app.rolloutDeploy(endpoint) : app.deployToProxy(endpoint, version), StepLimits.Step.PROXY_DEPLOY);
        } else {
            crew.console().progress(host, role.name() + " becoming ready", crew.config().timeouts().deployTimeout());
            new HealthPoller(crew).waitForHealthy(host, () -> crew.hosts().run(host, app.status(version).simulating("healthy")).stdout());
        }
        state = State.SWITCHED;
    }

    /**
     * Puts the host back as far as this boot changed it, through the undo view of the hosts (it still works after
     * one interrupt); returns one report line.
     */
    Undone undo() {
        String version = release.version();
        String before = oldVersion.orElse("the version it ran before");
        if (hostLost) {
            return undone("unavailable", "unavailable, left as it was: " + leftAs() + " (check it with "
                    + crew.run().invocation().withSelectors("app containers") + " once it answers)");
        }
        try {
            switch (state) {
                case PENDING -> {
                    return undone("not_booted", "not booted: still on " + before);
                }
                case STARTED -> {
                    crew.hosts().unwinding().capture(host, app.stop(version));
                    return undone("stopped_new", "stopped the new container before it served; still on " + before);
                }
                default -> {
                    if (rollout) {
                        Hosts hosts = crew.hosts().unwinding();
                        hosts.capture(host, app.rolloutStop());
                        hosts.capture(host, app.stop(version));
                        return undone("rollout_stopped", "stopped the rollout of " + version + "; only " + before + " serves");
                    }
                    if (oldVersion.isEmpty() || oldVersion.get().equals(version)) {
                        return undone("no_previous", "booted " + version + " (there was no previous version to switch back to)");
                    }
                    switchBack(oldVersion.get());
                    return undone("switched_back", "switched back to " + oldVersion.get());
                }
            }
        } catch (InterruptedRun skipped) {
            return undone("undo_skipped", leftAs() + " (undo skipped after a second interrupt)");
        } catch (RuntimeException e) {
            return undone("undo_failed", (state == State.STARTED ? "stopping the new container" : "switching back to " + before)
                    + " FAILED: " + e.getMessage());
        }
    }

    /** What the undo of one boot did, as a report line and as a state for machines ({@code switched_back}, …). */
    record Undone(String line, String state, String detail) {}

    private Undone undone(String state, String detail) {
        crew.console().hostState(host, Optional.of(role.name()), state, detail);
        return new Undone(host + " (" + role.name() + "): " + detail, state, detail);
    }

    /** The first line of a failure, without the {@code host h: } the event already carries. */
    private String reason(RuntimeException e) {
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return first.startsWith("host " + host + ": ") ? first.substring(("host " + host + ": ").length()) : first;
    }

    /** What this host runs now if nobody undoes the boot. */
    String leftAs() {
        String version = release.version();
        return switch (state) {
            case PENDING -> "not booted: still on " + oldVersion.orElse("the version it ran before");
            case STARTED -> "still on " + oldVersion.orElse("the version it ran before") + ", with a new " + version + " container running unrouted";
            default -> "serving " + version;
        };
    }

    /** Whether the new container started but failed its health check (the version is at fault, not the host). */
    boolean unhealthy() {
        return unhealthy;
    }

    /** The version this host served before the boot, if any. */
    Optional<String> oldVersion() {
        return oldVersion;
    }

    private void switchBack(String old) {
        Hosts hosts = crew.hosts().unwinding();
        crew.console().info(host, "Switching " + role.name() + " back to " + old + "...");
        hosts.run(host, app.start(old));
        if (role.runningProxy()) {
            String id = hosts.run(host, app.containerIdForVersion(old).simulating("CONTAINER_ID")).stdout().strip();
            if (id.isEmpty()) throw new DhowException("no container of " + old + " to switch back to on " + host);
            hosts.run(host, app.deployToProxy(id, old), StepLimits.Step.PROXY_DEPLOY);
        }
        hosts.capture(host, app.stop(release.version()));
        crew.audit().recordWhileUnwinding(host, "Switched back to app version " + old + " after the failed boot of " + release.version(), Optional.of(role.name()));
    }

    /**
     * The container id {@code docker run --detach} printed, shortened as {@code docker container ls --quiet} gives
     * it (the name kamal-proxy reaches it by): saves Kamal's separate id lookup.
     */
    private static Optional<String> startedId(String runOutput) {
        List<String> lines = runOutput.strip().lines().toList();
        if (lines.isEmpty()) return Optional.empty();
        String last = lines.get(lines.size() - 1).strip();
        return last.matches("[0-9a-f]{64}") ? Optional.of(last.substring(0, 12)) : Optional.empty();
    }

    private String endpoint(String version) {
        String id = crew.hosts().run(host, app.containerIdForVersion(version).simulating("CONTAINER_ID")).stdout().strip();
        if (id.isEmpty()) throw new DhowException("Failed to get endpoint for " + role.name() + " on " + host + ", did the container boot?");
        return id;
    }

    private Map<String, String> secretEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        role.env(host).secretKeys().forEach((name, key) -> env.put(name, crew.secrets().find(key)
                .orElseThrow(() -> new DhowException("env/secret: secret " + key + " (for " + name + ") not found in the secrets files"))));
        return env;
    }

    private void showFailedContainer() {
        Hosts hosts = crew.hosts().unwinding();
        Result logs = hosts.capture(host, app.logsForVersion(release.version(), 50));
        if (!logs.stdout().isBlank()) crew.console().error(logs.stdout().strip());
        // An image without a HEALTHCHECK has no health log: docker prints "null" for it, which says nothing.
        String health = hosts.capture(host, app.containerHealthLog(release.version())).stdout().strip();
        if (!health.isEmpty() && !health.equals("null")) crew.console().error(health);
    }
}
