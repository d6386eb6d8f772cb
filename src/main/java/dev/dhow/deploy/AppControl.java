package dev.dhow.deploy;

import dev.dhow.commands.AppCommands;
import dev.dhow.core.DhowException;
import java.util.Optional;

/** {@code dhow app start|stop|live|maintenance}: existing containers and their kamal-proxy routes, under the lock. */
public final class AppControl {
    private final Crew crew;

    public AppControl(Crew crew) {
        this.crew = crew;
    }

    /** Starts {@code release}'s existing containers and hands proxied ones back to kamal-proxy. */
    public void start(Release release) {
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().appHosts(), crew.config().boot().parallelRoles(), (host, role) -> {
            AppCommands app = new AppCommands(crew.config(), role, host);
            crew.audit().record(host, "Started app version " + release.version());
            crew.hosts().capture(host, app.start(release.version()));
            if (role.runningProxy()) {
                String version = crew.hosts().run(host, app.currentRunningVersion()).stdout().strip();
                String endpoint = crew.hosts().run(host, app.containerIdForVersion(version).simulating("CONTAINER_ID")).stdout().strip();
                if (endpoint.isEmpty()) {
                    throw new DhowException("Failed to get endpoint for " + role.name() + " on " + host + ", did the container boot?");
                }
                crew.hosts().run(host, app.deployToProxy(endpoint, version));
            }
        }).check());
    }

    /** Takes proxied roles out of kamal-proxy, then stops the current containers. */
    public void stop() {
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().appHosts(), crew.config().boot().parallelRoles(), (host, role) -> {
            AppCommands app = new AppCommands(crew.config(), role, host);
            crew.audit().record(host, "Stopped app", Optional.of(role.name()));
            if (role.runningProxy()) {
                String version = crew.hosts().capture(host, app.currentRunningVersion()).stdout().strip();
                String endpoint = crew.hosts().run(host, app.containerIdForVersion(version)).stdout().strip();
                if (!endpoint.isEmpty()) crew.hosts().capture(host, app.removeFromProxy());
            }
            crew.hosts().capture(host, app.stop());
        }).check());
    }

    /** {@code kamal-proxy resume} for every proxied role. */
    public void live() {
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().proxyHosts(), false, (host, role) -> {
            if (role.runningProxy()) crew.hosts().run(host, new AppCommands(crew.config(), role, host).live());
        }).check());
    }

    /**
     * {@code kamal-proxy pause} for every proxied role: requests in flight finish, new ones wait (until
     * {@code maxPause}, then 504) for {@link #resume()}.
     */
    public void pause(Optional<String> drainTimeout, Optional<String> maxPause) {
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().proxyHosts(), false, (host, role) -> {
            if (!role.runningProxy()) return;
            crew.hosts().run(host, crew.audit().andThen("Paused app", Optional.of(role.name()),
                    new AppCommands(crew.config(), role, host).pause(drainTimeout, maxPause)));
        }).check());
    }

    /** {@code kamal-proxy resume} for every proxied role: the held requests go on. */
    public void resume() {
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().proxyHosts(), false, (host, role) -> {
            if (!role.runningProxy()) return;
            crew.hosts().run(host, crew.audit().andThen("Resumed app", Optional.of(role.name()),
                    new AppCommands(crew.config(), role, host).live()));
        }).check());
    }

    /** {@code kamal-proxy stop} (503s, or the custom 503 page) for every proxied role. */
    public void maintenance(Optional<Integer> drainTimeout, Optional<String> message) {
        int drain = drainTimeout.orElse(crew.config().timeouts().drainTimeout());
        crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().proxyHosts(), false, (host, role) -> {
            if (role.runningProxy()) {
                crew.hosts().run(host, new AppCommands(crew.config(), role, host).maintenance(Optional.of(drain), message));
            }
        }).check());
    }
}
