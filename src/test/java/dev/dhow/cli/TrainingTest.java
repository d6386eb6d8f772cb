package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrainingTest {
    @Test
    void theWarmUpRunsEveryStepOverRealSshAndLeavesNoTemporaryFiles() throws IOException {
        long before = warmupDirs();
        // Training.run throws when any step (init, config, server exec over the loopback SSH server) exits non-zero.
        assertDoesNotThrow(Training::run);
        assertEquals(before, warmupDirs());
    }

    private static long warmupDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("dhow-warmup")).count();
        }
    }
}
