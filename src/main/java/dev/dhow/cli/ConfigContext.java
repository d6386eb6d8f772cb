package dev.dhow.cli;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import dev.dhow.config.Targets;
import dev.dhow.core.DhowException;
import dev.dhow.deploy.GitVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The configuration as the global options select it ({@code -c}, {@code -d}, {@code --version}, {@code -h},
 * {@code -r}, {@code -p}), loaded once per command. Every command that needs deploy.yml goes through here.
 */
public final class ConfigContext {
    private final GlobalOptions global;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Function<Path, Map<String, String>> dotenvLoader;
    private Configuration configuration;
    private String version;

    public ConfigContext(GlobalOptions global, Map<String, String> environment, Path workingDir,
                         Function<Path, Map<String, String>> dotenvLoader) {
        this.global = global;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.dotenvLoader = dotenvLoader;
    }

    /** The context for a running subcommand: the root command's options and environment. */
    public static ConfigContext of(CommandSpec spec) {
        Dhow root = (Dhow) spec.root().userObject();
        return new ConfigContext(root.global, root.environment(), root.workingDir(), root.dotenvLoader());
    }

    public GlobalOptions global() {
        return global;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path workingDir() {
        return workingDir;
    }

    public Optional<String> destination() {
        return Optional.ofNullable(global.destination()).filter(d -> !d.isBlank());
    }

    /** Load (once) and return the validated configuration. */
    public Configuration load() {
        if (configuration == null) {
            configuration = new ConfigLoader(workingDir, environment, dotenvLoader).load(global.configFile(), destination());
        }
        return configuration;
    }

    /** Hosts and roles selected by {@code -h}, {@code -r} and {@code -p}. */
    public Targets targets() {
        return Targets.of(load(), Targets.split(global.hosts()), Targets.split(global.roles()), global.primary());
    }

    /** The app version: {@code --version}, else {@code $VERSION}, else from git. */
    public String version() {
        if (version == null) {
            version = new GitVersion(workingDir).resolve(Optional.ofNullable(global.appVersion()), environment, () -> load().builder());
        }
        return version;
    }

    /** Used until the dotenv parser is wired in: a config that calls Dotenv.load gets a clear error. */
    static Map<String, String> dotenvUnavailable(Path file) {
        throw new DhowException("Dotenv.load(" + file + ") is not supported yet by this dhow build");
    }
}
