package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFilesTest {
    private static final Path DESTINATIONS = Path.of("src/test/resources/secrets/destinations");
    private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"));

    private static SecretsFiles secrets(Path dir, String secretsPath, String destination) {
        return new SecretsFiles(secretsPath, destination, dir, new DotenvParser(ENV, InProcessCommands.none(), dir));
    }

    @Test
    void withoutDestinationTheCommonFileThenThePlainFileAreRead() {
        SecretsFiles files = secrets(DESTINATIONS, ".kamal/secrets", null);
        assertEquals(Optional.of("plain"), files.find("SECRET"));
        assertEquals(Optional.of("shared"), files.find("SHARED"));
        assertEquals(Optional.of("1"), files.find("ONLY_PLAIN"));
        assertEquals(List.of("SECRET", "SHARED", "ONLY_PLAIN", "FROM_COMMON"), List.copyOf(files.keys()));
    }

    @Test
    void withDestinationTheDestinationFileReplacesThePlainFile() {
        SecretsFiles files = secrets(DESTINATIONS, ".kamal/secrets", "staging");
        assertEquals(Map.of("SECRET", "staging", "SHARED", "shared"), files.toMap());
        assertEquals(List.of(".kamal/secrets-common", ".kamal/secrets.staging"), files.fileNames());
    }

    @Test
    void aDestinationWithoutItsOwnFileGetsOnlyTheCommonFile() {
        assertEquals(Map.of("SECRET", "common", "SHARED", "shared"), secrets(DESTINATIONS, ".kamal/secrets", "nodest").toMap());
    }

    @Test
    void variablesDoNotReachAcrossFiles() {
        // Kamal parses each file on its own: the plain file cannot see SHARED from the common file.
        assertEquals(Optional.of("[]"), secrets(DESTINATIONS, ".kamal/secrets", null).find("FROM_COMMON"));
    }

    @Test
    void aCustomSecretsPathIsUsedForBothFiles() {
        SecretsFiles files = secrets(Path.of("src/test/resources/secrets/custom_path"), "custom/path/secrets", null);
        assertEquals(Map.of("COMMON", "shared", "SECRET", "override"), files.toMap());
    }

    @Test
    void aMissingSecretNamesTheFilesThatWereRead() {
        DhowException e = assertThrows(DhowException.class, () -> secrets(DESTINATIONS, ".kamal/secrets", null).require("NOPE"));
        assertEquals("Secret 'NOPE' not found in .kamal/secrets-common, .kamal/secrets", e.getMessage());
        e = assertThrows(DhowException.class, () -> secrets(DESTINATIONS, ".kamal/secrets", "nodest").require("NOPE"));
        assertEquals("Secret 'NOPE' not found in .kamal/secrets-common", e.getMessage());
    }

    @Test
    void aMissingSecretWithNoFilesNamesTheFilesLookedFor(@TempDir Path dir) {
        DhowException e = assertThrows(DhowException.class, () -> secrets(dir, ".kamal/secrets", "dest").require("SECRET"));
        assertEquals("Secret 'SECRET' not found, no secret files (.kamal/secrets-common, .kamal/secrets.dest) provided", e.getMessage());
    }

    @Test
    void requireReturnsTheValue() {
        assertEquals("plain", secrets(DESTINATIONS, ".kamal/secrets", null).require("SECRET"));
    }

    @Test
    void filesAreReadOnFirstUseAndOnlyOnce(@TempDir Path dir) throws IOException {
        SecretsFiles files = secrets(dir, ".kamal/secrets", null);
        Files.createDirectories(dir.resolve(".kamal"));
        // Created after construction: reading must wait until the first lookup.
        Files.writeString(dir.resolve(".kamal/secrets"), "A=$(echo run >> runs.log; echo first)\n");
        assertEquals(Optional.of("first"), files.find("A"));
        Files.writeString(dir.resolve(".kamal/secrets"), "A=second\n");
        assertEquals(Optional.of("first"), files.find("A"));
        assertEquals(List.of("A"), List.copyOf(files.keys()));
        assertEquals("run\n", Files.readString(dir.resolve("runs.log")));
    }
}
