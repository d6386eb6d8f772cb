package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.Accessory;
import dev.dhow.config.ConfigLoader;
import dev.dhow.config.Configuration;
import dev.dhow.config.MountPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every project under {@code config-examples/} is a working example: {@code dhow config} accepts it (and each
 * {@code config/deploy.<destination>.yml} overlay with {@code -d}), its {@code .kamal/secrets} files give a value to
 * every secret the configuration names, and every accessory file it uploads is there. A new folder is picked up
 * without touching this class.
 */
class ConfigExamplesTest {
    private static final Path EXAMPLES = Path.of("config-examples").toAbsolutePath();
    private static final Pattern OVERLAY = Pattern.compile("deploy\\.(.+)\\.yml");
    private static final String NO_DESTINATION = "(none)";

    /** One case per example and destination: the base file alone, then each overlay. */
    static Stream<Arguments> examplesAndDestinations() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String example = dir.getFileName().toString();
                cases.add(Arguments.of(example, NO_DESTINATION));
                try (Stream<Path> files = Files.list(dir.resolve("config"))) {
                    for (Path f : files.sorted().toList()) {
                        Matcher m = OVERLAY.matcher(f.getFileName().toString());
                        if (m.matches()) cases.add(Arguments.of(example, m.group(1)));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -d {1}")
    @MethodSource("examplesAndDestinations")
    void examplePassesDhowConfigWithoutAWord(String example, String destination) {
        Run r = run(example, destination, "config", "--version", "1");
        assertEquals(0, r.exitCode(), example + ": " + r.err());
        assertEquals("", r.err(), example);
        assertTrue(r.out().startsWith("---\n:roles:\n"), r.out());
    }

    @ParameterizedTest(name = "{0} -d {1}")
    @MethodSource("examplesAndDestinations")
    void everySecretTheExampleNamesHasAValueInItsSecretsFiles(String example, String destination) {
        Run r = run(example, destination, "secrets", "print");
        assertEquals(0, r.exitCode(), example + ": " + r.err());
        Map<String, String> values = new LinkedHashMap<>();
        r.out().lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1));
        });
        List<String> missing = load(example, destination).referencedSecretKeys().stream()
                .filter(k -> values.getOrDefault(k, "").isBlank())
                .toList();
        assertEquals(List.of(), missing, example + " names secrets its .kamal/secrets files do not set");
    }

    @ParameterizedTest(name = "{0} -d {1}")
    @MethodSource("examplesAndDestinations")
    void everyAccessoryFileTheExampleUploadsExists(String example, String destination) {
        Path dir = EXAMPLES.resolve(example);
        List<String> absent = new ArrayList<>();
        for (Accessory a : load(example, destination).accessories()) {
            for (MountPath file : a.files()) {
                if (!Files.isRegularFile(dir.resolve(file.local()))) absent.add(a.name() + ": " + file.local());
            }
        }
        assertEquals(List.of(), absent, example);
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String example, String destination, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        if (!destination.equals(NO_DESTINATION)) argv.addAll(List.of("-d", destination));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // An empty environment: an example must not depend on the variables of whoever runs the tests.
        int code = Dhow.newCommandLine(new PrintWriter(out), new PrintWriter(err), Map.of(), EXAMPLES.resolve(example))
                .execute(argv.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Configuration load(String example, String destination) {
        Path dir = EXAMPLES.resolve(example);
        Optional<String> dest = destination.equals(NO_DESTINATION) ? Optional.empty() : Optional.of(destination);
        return new ConfigLoader(dir, Map.of(), ConfigContext.dotenvLoader(Map.of(), dir)).load("config/deploy.yml", dest);
    }
}
