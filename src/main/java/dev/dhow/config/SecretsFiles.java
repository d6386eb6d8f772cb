package dev.dhow.config;

import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets of one destination, read the way Kamal reads them: {@code <secrets_path>-common}, then
 * {@code <secrets_path>} (or {@code <secrets_path>.<destination>}), later files overriding earlier ones.
 * Files are read on first use, once: their commands may prompt the user.
 */
public final class SecretsFiles implements SecretSource {
    /** Kamal's default {@code secrets_path}. */
    public static final String DEFAULT_PATH = ".kamal/secrets";

    private final String secretsPath;
    private final String destination;
    private final Path workingDirectory;
    private final DotenvParser parser;
    private Map<String, String> secrets; // guarded by this

    /**
     * @param secretsPath      {@code secrets_path} from the configuration, as written (errors name files by it)
     * @param destination      the {@code -d} destination, or null for none
     * @param workingDirectory what relative secrets paths are relative to (the directory dhow runs in)
     * @param parser           parses each file, running its commands
     */
    public SecretsFiles(String secretsPath, String destination, Path workingDirectory, DotenvParser parser) {
        this.secretsPath = secretsPath;
        this.destination = destination;
        this.workingDirectory = workingDirectory;
        this.parser = parser;
    }

    /** The files Kamal would look at, in reading order, whether they exist or not. */
    public List<String> fileNames() {
        return List.of(secretsPath + "-common", destination == null ? secretsPath : secretsPath + "." + destination);
    }

    /** The files that exist, in reading order. */
    public List<String> existingFiles() {
        return fileNames().stream().filter(f -> Files.isRegularFile(workingDirectory.resolve(f))).toList();
    }

    @Override
    public Optional<String> find(String key) {
        return Optional.ofNullable(toMap().get(key));
    }

    @Override
    public Set<String> keys() {
        return toMap().keySet();
    }

    /** The value of {@code key}; a missing key is an error naming every file looked at. */
    public String require(String key) {
        return find(key).orElseThrow(() -> {
            List<String> existing = existingFiles();
            if (existing.isEmpty()) {
                return new DhowException("Secret '" + key + "' not found, no secret files ("
                        + String.join(", ", fileNames()) + ") provided");
            }
            return new DhowException("Secret '" + key + "' not found in " + String.join(", ", existing));
        });
    }

    @Override
    public synchronized List<String> loadedValues() {
        return secrets == null ? List.of() : List.copyOf(secrets.values());
    }

    /**
     * Why {@code key} may have come out empty: the unset {@code $VARIABLE}s its value referred to, in the file
     * that defined it last (reading the files if that has not happened yet).
     */
    public List<DotenvParser.UnsetVariable> unsetVariables(String key) {
        toMap();
        List<DotenvParser.UnsetVariable> all = parser.unsetVariables().stream().filter(u -> u.key().equals(key)).toList();
        if (all.isEmpty()) return all;
        String lastFile = all.get(all.size() - 1).file();
        return all.stream().filter(u -> u.file().equals(lastFile)).toList();
    }

    /**
     * Why {@code key} is empty, when unset variables are the reason: e.g. {@code .kamal/secrets line 3:
     * $KAMAL_REGISTRY_PASSWORD is not set}, several joined by commas.
     */
    public Optional<String> whyEmpty(String key) {
        return unsetVariables(key).stream().map(DotenvParser.UnsetVariable::describe).reduce((a, b) -> a + ", " + b);
    }

    /** Every secret, merged in file order (what {@code dhow secrets print} shows). */
    public synchronized Map<String, String> toMap() {
        if (secrets == null) {
            Map<String, String> merged = new LinkedHashMap<>();
            // Each file is parsed on its own: $VAR in one file sees its own earlier keys and the environment only.
            for (String file : existingFiles()) {
                String text = read(file);
                List<Integer> unreadable = DotenvParser.unreadableLines(text);
                if (!unreadable.isEmpty()) {
                    // The line is not shown: it may hold a secret.
                    throw new ConfigurationException(unreadable.stream().map(n -> file + " line " + n
                            + ": is not KEY=value (names are letters, digits, _ and .), a comment or blank").toList());
                }
                merged.putAll(parser.parse(text, file));
            }
            secrets = Collections.unmodifiableMap(merged);
        }
        return secrets;
    }

    private String read(String file) {
        try {
            return Files.readString(workingDirectory.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DhowException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
