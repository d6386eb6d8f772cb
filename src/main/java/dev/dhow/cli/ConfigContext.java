package dev.dhow.cli;

import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import dev.dhow.config.ReferencedSecrets;
import dev.dhow.config.SecretsFiles;
import dev.dhow.config.Targets;
import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
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
    private final java.io.PrintWriter err;
    private Configuration configuration;
    private SecretsFiles secrets;
    private ReferencedSecrets deploySecrets;
    private String version;

    public ConfigContext(GlobalOptions global, Map<String, String> environment, Path workingDir,
                         Function<Path, Map<String, String>> dotenvLoader, java.io.PrintWriter err) {
        this.global = global;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.dotenvLoader = dotenvLoader;
    }

    /** The context for a running subcommand: the root command's options and environment. */
    public static ConfigContext of(CommandSpec spec) {
        Dhow root = (Dhow) spec.root().userObject();
        return new ConfigContext(root.global, root.environment(), root.workingDir(), root.dotenvLoader(), spec.commandLine().getErr());
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

    /**
     * The secrets of the selected destination, read lazily from {@code secrets_path} (from deploy.yml when
     * there is one, else Kamal's default), with {@code $(kamal secrets …)} run in-process.
     */
    public SecretsFiles secrets() {
        if (secrets == null) {
            boolean haveConfig = java.nio.file.Files.exists(workingDir.resolve(global.configFile()));
            String path = haveConfig ? load().paths().secretsPath() : SecretsFiles.DEFAULT_PATH;
            DotenvParser parser = new DotenvParser(environment, new InProcessSecretsCommands(err, environment, workingDir), workingDir);
            secrets = new SecretsFiles(path, destination().orElse(null), workingDir, parser);
        }
        return secrets;
    }

    /**
     * The secrets as deploys use them: {@link #secrets()}, where the first lookup also checks that every secret
     * deploy.yml names is defined, and reports all that are not, with their key paths.
     */
    public ReferencedSecrets deploySecrets() {
        if (deploySecrets == null) deploySecrets = new ReferencedSecrets(load(), secrets());
        return deploySecrets;
    }

    /** Parses the dotenv files deploy.yml's ERB loads ({@code Dotenv.load}); Dotenv's own rules, no Kamal inline commands. */
    static Function<Path, Map<String, String>> dotenvLoader(Map<String, String> environment, Path workingDir) {
        return file -> new DotenvParser(environment, InProcessCommands.none(), workingDir).parse(file);
    }
}
