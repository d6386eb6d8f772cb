package dev.dhow.deploy;

import dev.dhow.config.Configuration;
import dev.dhow.config.DhowSettings;
import java.time.Duration;

/**
 * How long each kind of step may run, from {@code x-dhow: timeouts:} and Kamal's own timeouts: a command that
 * outlives its limit is stopped and reported with its host, so no wait is unbounded.
 */
public record StepLimits(Duration command, Duration pull, Duration proxyDeploy, Duration build, Duration exec, Duration bootstrap) {
    /** The kinds of step, each with its own limit. */
    public enum Step {
        /** A plain remote command: queries, audit lines, {@code docker stop}, {@code docker run -d} of an app. */
        COMMAND,
        /** An image pull, or a run that may pull (kamal-proxy, an accessory). */
        PULL,
        /** {@code kamal-proxy deploy}: waits for the new target's health check, then drains the old one. */
        PROXY_DEPLOY,
        /** A local build or push. */
        BUILD,
        /** A command the user asked for ({@code app exec}, {@code server exec}). */
        EXEC,
        /** Installing Docker. */
        BOOTSTRAP,
        /** Output followed until the user stops it ({@code logs --follow}): no limit. */
        FOLLOW
    }

    /** The limits of a configuration that sets none. */
    public static final StepLimits DEFAULT = new StepLimits(Duration.ofSeconds(120), Duration.ofSeconds(900),
            Duration.ofSeconds(180), Duration.ofSeconds(3600), Duration.ofSeconds(3600), Duration.ofSeconds(900));

    public static StepLimits of(Configuration config) {
        DhowSettings.CommandTimeouts t = config.dhow().timeouts();
        int drain = config.timeouts().drainTimeout();
        int stop = config.timeouts().stopTimeout().orElse(drain);
        // docker stop may wait out the stop timeout before it answers, so a plain command gets at least that.
        Duration command = max(t.command(), Duration.ofSeconds(Math.max(drain, stop) + 30L));
        Duration proxyDeploy = Duration.ofSeconds(config.timeouts().deployTimeout() + (long) drain).plus(command);
        return new StepLimits(command, t.pull(), proxyDeploy, t.build(), t.exec(), t.bootstrap());
    }

    /** The limit of {@code step}; {@link Duration#ZERO} means none. */
    public Duration of(Step step) {
        return switch (step) {
            case COMMAND -> command;
            case PULL -> pull;
            case PROXY_DEPLOY -> proxyDeploy;
            case BUILD -> build;
            case EXEC -> exec;
            case BOOTSTRAP -> bootstrap;
            case FOLLOW -> Duration.ZERO;
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
