package dev.dhow.config;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads {@code config/deploy.yml} the way Kamal does: render the ERB subset, parse YAML, deep-merge
 * {@code deploy.<destination>.yml} on top, validate everything (all problems at once), then build the
 * frozen {@link Configuration}.
 */
public final class ConfigLoader {
    // The destination names files, containers, image tags and the lock; it must be one plain word there.
    private static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path workingDir;
    private final Map<String, String> environment;
    private final Function<Path, Map<String, String>> dotenvLoader;

    /**
     * @param workingDir   the project directory: relative config and dotenv paths resolve against it
     * @param environment  the process environment ERB reads (never System.getenv here)
     * @param dotenvLoader parses a dotenv file, for {@code <% Dotenv.load %>}
     */
    public ConfigLoader(Path workingDir, Map<String, String> environment, Function<Path, Map<String, String>> dotenvLoader) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
        this.dotenvLoader = dotenvLoader;
    }

    /** Load, merge, validate and build. Problems are reported together in one {@link ConfigurationException}. */
    public Configuration load(String configFile, Optional<String> destination) {
        Map<String, Object> raw = loadRaw(configFile, destination);
        List<String> problems = new ArrayList<>(new Validator().validate(raw));
        problems.addAll(new DhowSettingsReader().check(raw));
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        if (Raw.bool(raw, "require_destination", false) && destination.isEmpty()) {
            throw new DhowException("You must specify a destination");
        }
        Configuration config = new ConfigFactory(raw, destination).build();
        problems = new SemanticChecks(workingDir).check(config);
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        return config;
    }

    /** The merged YAML tree of the base file and the destination file, before validation. */
    public Map<String, Object> loadRaw(String configFile, Optional<String> destination) {
        destination.filter(d -> !DESTINATION.matcher(d).matches()).ifPresent(d -> {
            throw new DhowException("destination " + ValueRules.show(d)
                    + ": can only include alphanumeric characters, dots, hyphens, and underscores, starting with a letter or a digit");
        });
        Map<String, String> env = new HashMap<>(environment);
        destination.ifPresent(d -> env.put("KAMAL_DESTINATION", d));
        ErbRenderer erb = new ErbRenderer(env, dotenvLoader, workingDir);
        Map<String, Object> merged = readFile(configFile, erb);
        // Otherwise the message would list missing keys without saying which file lacks them.
        if (merged.isEmpty()) throw new DhowException(configFile + ": has no settings (the file is empty or only comments)");
        if (destination.isPresent()) {
            merged = DeepMerge.merge(merged, readFile(destinationFile(configFile, destination.get()), erb));
        }
        return merged;
    }

    /** {@code config/deploy.yml} + {@code staging} → {@code config/deploy.staging.yml} (Ruby's sub_ext). */
    static String destinationFile(String configFile, String destination) {
        int slash = Math.max(configFile.lastIndexOf('/'), configFile.lastIndexOf('\\'));
        int dot = configFile.lastIndexOf('.');
        String stem = dot > slash + 1 ? configFile.substring(0, dot) : configFile;
        return stem + "." + destination + ".yml";
    }

    private Map<String, Object> readFile(String label, ErbRenderer erb) {
        Path path = workingDir.resolve(label);
        if (!Files.isRegularFile(path)) throw new DhowException("Configuration file not found in " + label);
        String text;
        try {
            if (Files.size(path) > YamlReader.MAX_CHARS) {
                throw new DhowException(label + ": file is larger than " + (YamlReader.MAX_CHARS / 1024) + " KiB");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DhowException("Cannot read " + label + ": " + e.getMessage(), e);
        }
        return YamlReader.readMapping(label, erb.render(label, text));
    }
}
