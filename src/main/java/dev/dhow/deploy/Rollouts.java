package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.config.Role;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.ssh.Fleet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dhow rollout}: a second version beside the running one on every proxied host, handed to kamal-proxy as
 * the rollout target, which gets the requests whose {@code kamal-rollout} cookie the split selects; then promoted
 * (a normal zero-downtime switch) or aborted. Each host keeps a note of its rollout (version and split) in the
 * app directory, which {@code status} reads and {@code promote}/{@code abort} act on.
 */
public final class Rollouts {
    /** The split kamal-proxy applies: a percentage of cookie values, and values that always go to the new version. */
    public record Split(Optional<Integer> percent, List<String> list) {
        public Split {
            list = List.copyOf(list);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            percent.ifPresent(p -> parts.add(p + "% of kamal-rollout cookies"));
            if (!list.isEmpty()) parts.add("kamal-rollout=" + String.join("|", list));
            return parts.isEmpty() ? "no requests" : String.join(" and ", parts);
        }
    }

    /** A host's rollout as its note records it: the rollout version, the main version beside it, the split. */
    record Note(String version, String main, Split split) {
        static Optional<Note> parse(String text) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : text.strip().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1));
            }
            String version = values.get("version");
            if (version == null || version.isEmpty()) return Optional.empty();
            Optional<Integer> percent = Optional.ofNullable(values.get("percent")).filter(p -> p.matches("\\d+")).map(Integer::valueOf);
            String list = values.getOrDefault("list", "");
            return Optional.of(new Note(version, values.getOrDefault("main", ""),
                    new Split(percent, list.isEmpty() ? List.of() : List.of(list.split(",")))));
        }

        String text() {
            return "version=" + version + "\nmain=" + main + "\npercent=" + split.percent().map(String::valueOf).orElse("") + "\nlist="
                    + String.join(",", split.list()) + "\n";
        }
    }

    private final Crew crew;

    public Rollouts(Crew crew) {
        this.crew = crew;
    }

    /**
     * Builds and pushes {@code release} (unless {@code skipPush}), then, under the lock, boots it beside the running
     * version on every proxied host, hands it to kamal-proxy and sets {@code split}.
     */
    public void start(Release release, Split split, boolean skipPush, boolean noCache) {
        String version = release.version();
        if (!skipPush) step("build", "Build and push app image...", () -> new Images(crew).push(release, "registry", noCache));
        crew.lock().withLock(() -> {
            step("pull", "Pull app image...", () -> new Images(crew).pull(release));
            List<RoleBoot> boots = Collections.synchronizedList(new ArrayList<>());
            try (dev.dhow.output.Console.Step step = crew.console().step("rollout", "Start version " + version + " beside the running one...")) {
                Fleet.Results<Void> results = new RoleSteps(crew).run(hosts(), false, (host, role) -> {
                    if (!role.runningProxy()) return;
                    RoleBoot boot = new RoleBoot(crew, host, role, release, BootSurveys.none());
                    boots.add(boot);
                    boot.bootForRollout();
                    AppCommands app = new AppCommands(crew.config(), role, host);
                    crew.hosts().run(host, app.rolloutSet(split.percent(), split.list()));
                    note(host, app, new Note(version, boot.oldVersion().orElse(""), split));
                    crew.audit().record(host, "Started rollout of app version " + version + " beside " + boot.oldVersion().orElse("")
                            + " for " + split.describe(), Optional.of(role.name()));
                });
                if (!results.ok()) throw undo(version, results, boots);
                step.ok();
            }
        });
        summary("rollout start", version, "rollout: version " + version + " beside the running one, for " + split.describe()
                + " (then " + crew.run().invocation().withSelectors("rollout promote") + " or rollout abort)");
    }

    /** Moves the split of the rollout in progress. */
    public void set(Split split) {
        crew.lock().withLock(() -> eachRollout((host, app, note) -> {
            crew.hosts().run(host, app.rolloutSet(split.percent(), split.list()));
            note(host, app, new Note(note.version(), note.main(), split));
            crew.audit().record(host, "Set rollout of app version " + note.version() + " to " + split.describe(), Optional.of(app.role().name()));
        }));
    }

    /** Makes the rollout version the main target everywhere (zero-downtime), ends the split, stops the old version. */
    public void promote() {
        List<String> versions = Collections.synchronizedList(new ArrayList<>());
        crew.lock().withLock(() -> {
            eachRollout((host, app, note) -> {
                String version = note.version();
                // The note says which version is the main one: two running versions may share an image.
                String old = note.main().isEmpty() ? crew.hosts().run(host, app.currentRunningVersion()).stdout().strip() : note.main();
                String id = crew.hosts().run(host, app.containerIdForVersion(version).simulating("CONTAINER_ID")).stdout().strip();
                if (id.isEmpty()) throw new DhowException("no container of " + version + " on " + host + " to promote");
                crew.console().progress(host, "switching " + app.role().name() + " to " + version, crew.config().timeouts().deployTimeout());
                crew.hosts().run(host, app.deployToProxy(id, version), StepLimits.Step.PROXY_DEPLOY);
                crew.hosts().run(host, app.rolloutStop());
                if (!old.isEmpty() && !old.equals(version)) crew.hosts().capture(host, app.stop(old));
                crew.hosts().run(host, app.removeRolloutNote());
                crew.audit().record(host, "Promoted rollout of app version " + version + " (replacing " + old + ")", Optional.of(app.role().name()));
                versions.add(version);
            });
            List<String> distinct = versions.stream().distinct().toList();
            if (distinct.size() == 1) {
                String version = distinct.get(0);
                crew.hosts().all(crew.targets().appHosts(), host -> crew.hosts().run(host, crew.audit().andThen(
                        "Tagging " + crew.config().absoluteImage(version) + " as the latest image", Optional.empty(),
                        new AppCommands(crew.config(), crew.targets().rolesOn(host).get(0), host).tagLatestImage(version))));
            }
        });
        List<String> distinct = versions.stream().distinct().toList();
        if (distinct.size() == 1) {
            summary("rollout promote", distinct.get(0), "rollout: version " + distinct.get(0) + " promoted on every proxied host; the split is off");
        }
    }

    /** Ends the split and stops and removes the rollout version's containers: only the main version is left. */
    public void abort() {
        crew.lock().withLock(() -> eachRollout((host, app, note) -> {
            crew.hosts().run(host, app.rolloutStop());
            crew.hosts().capture(host, app.stop(note.version()));
            crew.hosts().capture(host, app.removeContainer(note.version()));
            crew.hosts().run(host, app.removeRolloutNote());
            crew.audit().record(host, "Aborted rollout of app version " + note.version(), Optional.of(app.role().name()));
        }));
    }

    /** Per proxied host and role: the main version, the rollout version and the split (read-only, no lock). */
    public void status() {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        new RoleSteps(crew).run(hosts(), false, (host, role) -> {
            if (!role.runningProxy()) return;
            AppCommands app = new AppCommands(crew.config(), role, host);
            Optional<Note> note = Note.parse(crew.hosts().capture(host, app.readRolloutNote()).stdout());
            String main = note.map(Note::main).filter(m -> !m.isEmpty())
                    .orElseGet(() -> crew.hosts().run(host, app.currentRunningVersion()).stdout().strip());
            String line = host + " (" + role.name() + "): main " + (main.isEmpty() ? "none" : main)
                    + note.map(n -> ", rollout " + n.version() + " for " + n.split().describe()).orElse(", no rollout");
            synchronized (lines) {
                lines.computeIfAbsent(host, h -> new ArrayList<>()).add(line);
            }
        }).check();
        for (String host : hosts()) lines.getOrDefault(host, List.of()).forEach(crew.console()::result);
    }

    /** The work on one host and proxied role with a rollout in progress. */
    @FunctionalInterface
    private interface RolloutStep {
        void run(String host, AppCommands app, Note note) throws Exception;
    }

    private void eachRollout(RolloutStep step) {
        new RoleSteps(crew).run(hosts(), false, (host, role) -> {
            if (!role.runningProxy()) return;
            AppCommands app = new AppCommands(crew.config(), role, host);
            // `cat` fails when there is no note: that is "no rollout", not an error.
            Note note = Note.parse(crew.hosts().capture(host, app.readRolloutNote()).stdout()).orElseThrow(() -> new DhowException(
                    "no rollout in progress for " + role.name() + " on " + host + " (start one with "
                            + crew.run().invocation().withSelectors("rollout start") + ")"));
            step.run(host, app, note);
        }).check();
    }

    private List<String> hosts() {
        return crew.targets().proxyHosts().stream().filter(h -> crew.targets().rolesOn(h).stream().anyMatch(Role::runningProxy)).toList();
    }

    private void note(String host, AppCommands app, Note note) {
        crew.hosts().run(host, app.ensureRolloutDirectory());
        crew.hosts().upload(host, note.text().getBytes(StandardCharsets.UTF_8), app.rolloutNotePath(), 0644);
    }

    /** Undoes every rollout boot (stops the split and the new containers); the exception to throw. */
    private DhowException undo(String version, Fleet.Results<Void> results, List<RoleBoot> boots) {
        crew.cancellation().undoing();
        List<String> report = new ArrayList<>();
        for (Fleet.Outcome<Void> o : results.failures()) {
            if (!(o.error() instanceof InterruptedRun)) report.add(o.host() + ": failed: " + o.message());
        }
        List<RoleBoot> all;
        synchronized (boots) {
            all = List.copyOf(boots);
        }
        for (RoleBoot b : all) {
            AppCommands app = new AppCommands(crew.config(), b.role(), b.host());
            report.add(b.undo().line());
            crew.hosts().unwinding().capture(b.host(), app.removeRolloutNote());
        }
        boolean interrupted = crew.cancellation().requested();
        String headline = (interrupted ? "Interrupted (SIG" + crew.cancellation().firstSignal().orElse("INT") + ") while starting" : "Starting")
                + " the rollout of version " + version + (interrupted ? "" : " failed") + "; only the version each host ran before serves:";
        return new DeployFailedException(interrupted ? crew.cancellation().exitCode() : ExitCode.FAILURE, headline, report,
                "Start it again with: " + crew.run().invocation().withSelectors("rollout start --version " + dev.dhow.core.Shell.escape(version)));
    }

    private void summary(String command, String version, String note) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (Role role : crew.targets().roles()) {
            if (!role.runningProxy()) continue;
            List<String> own = hosts().stream().filter(role.hosts()::contains).toList();
            if (!own.isEmpty()) byRole.put(role.name(), own);
        }
        crew.console().summary(command, version, byRole, List.of(), Math.round(crew.run().elapsedSeconds() * 1000), List.of(note));
    }

    private void step(String name, String title, Runnable work) {
        try (dev.dhow.output.Console.Step step = crew.console().step(name, title)) {
            work.run();
            step.ok();
        }
    }
}
