package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .kamal/secrets of Kamal's 1Password guide, resolved by a real dhow process whose PATH holds
 * a fake {@code op}: the inline {@code $(kamal secrets fetch …)} runs in-process, the fetch really
 * calls {@code op}, and the extracts pick the values out of its JSON.
 */
class OnePasswordGuideEndToEndTest {
    @TempDir Path project;

    @Test
    void kamalGuideSecretsFileResolvesThroughTheOnePasswordAdapter() throws Exception {
        Path bin = Files.createDirectories(project.resolve("fakebin"));
        Path log = project.resolve("op-calls.log");
        write(bin.resolve("op"), """
                #!/bin/sh
                echo "op $*" >> "%s"
                case "$*" in
                  "--version") echo 2.30.0 ;;
                  "account get --account my-account") echo 'URL: my.1password.com' ;;
                  "item get Item --vault Vault --format json --account my-account --fields label=KEY1,label=KEY2")
                    echo '[{"id":"a","type":"CONCEALED","label":"KEY1","value":"s3cr3t one","reference":"op://Vault/Item/KEY1"},'
                    echo ' {"id":"b","type":"CONCEALED","label":"KEY2","value":"two$\\"quoted\\"","reference":"op://Vault/Item/KEY2"}]' ;;
                  *) echo "[ERROR] unexpected: $*" >&2; exit 1 ;;
                esac
                """.formatted(log));
        Files.setPosixFilePermissions(bin.resolve("op"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(project.resolve(".kamal/secrets"), """
                SECRETS=$(kamal secrets fetch --adapter 1password --account my-account --from Vault/Item KEY1 KEY2)
                KEY1=$(kamal secrets extract KEY1 ${SECRETS})
                KEY2=$(kamal secrets extract KEY2 ${SECRETS})
                """);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Dhow.class.getName(), "secrets", "print")
                .directory(project.toFile());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);

        assertEquals(0, p.exitValue(), err);
        List<String> lines = out.lines().toList();
        assertEquals("KEY1=s3cr3t one", lines.stream().filter(l -> l.startsWith("KEY1=")).findFirst().orElseThrow());
        assertEquals("KEY2=two$\"quoted\"", lines.stream().filter(l -> l.startsWith("KEY2=")).findFirst().orElseThrow());
        assertEquals(List.of("op --version", "op account get --account my-account",
                "op item get Item --vault Vault --format json --account my-account --fields label=KEY1,label=KEY2"),
                Files.readAllLines(log));
        assertFalse(err.contains("s3cr3t"), err);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
