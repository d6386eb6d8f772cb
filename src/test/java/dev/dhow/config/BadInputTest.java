package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each folder under {@code config/bad-input} is a project (config/deploy.yml, maybe a
 * destination file and secrets files, {@code destination} naming the {@code -d} value) and {@code expected.txt},
 * the whole message dhow must give. Each is loaded through the real loader, then its secrets are checked as a
 * deploy would on first use; nothing touches the network.
 */
class BadInputTest {
    static final Path CORPUS = Path.of("src/test/resources/config/bad-input");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static String messageFor(Path project) throws IOException {
        Path destinationFile = project.resolve("destination");
        Optional<String> destination = Files.exists(destinationFile) ? Optional.of(Files.readString(destinationFile).strip()) : Optional.empty();
        DhowException e = assertThrows(DhowException.class, () -> {
            Configuration config = new ConfigLoader(project, Map.of(), p -> Map.of()).load("config/deploy.yml", destination);
            DotenvParser parser = new DotenvParser(Map.of(), InProcessCommands.none(), project);
            new ReferencedSecrets(config, new SecretsFiles(config.paths().secretsPath(), destination.orElse(null), project, parser)).keys();
        });
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsExpectedMessage(String name) throws IOException {
        Path project = CORPUS.resolve(name);
        String expected = Files.readString(project.resolve("expected.txt")).strip();
        String message = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> messageFor(project), name + " took a second or more");
        assertEquals(expected, message);
    }

    @Test
    void theWholeCorpusTakesWellUnderASecondPerCase() throws IOException {
        List<String> names = cases().toList();
        for (String name : names) messageFor(CORPUS.resolve(name)); // warm up the classes and the JIT once
        long start = System.nanoTime();
        for (String name : names) messageFor(CORPUS.resolve(name));
        long perCaseMicros = (System.nanoTime() - start) / 1000 / names.size();
        assertTrue(names.size() >= 60, "the corpus has " + names.size() + " cases");
        assertTrue(perCaseMicros < 100_000, "a case takes " + perCaseMicros + " µs on average");
    }
}
