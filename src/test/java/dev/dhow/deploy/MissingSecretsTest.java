package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingSecretsTest {
    @TempDir Path tmp;

    @Test
    void aDeployMissingASecretStopsBeforeTheLockAHookOrAnyHost() throws IOException {
        Harness h = new Harness(tmp, "simple");
        Files.writeString(h.project.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=hunter2-registry\n");
        for (List<String> args : List.of(List.of("deploy", "--skip-push", "--version", "v2"), List.of("redeploy", "--skip-push", "--version", "v2"),
                List.of("rollback", "v1"), List.of("setup", "--skip-push", "--version", "v2"), List.of("deploy", "--dry-run", "--version", "v2"))) {
            assertEquals(1, h.dhow(args.toArray(String[]::new)), args.toString());
            assertEquals("ERROR env/secret/0: Secret 'RAILS_MASTER_KEY' not found in .kamal/secrets\n", h.err, args.toString());
        }
        assertEquals(List.of(), h.remoteLines());
        assertEquals(List.of(), h.local.calls());
    }

    @Test
    void commandsThatNeedNoSecretRunWithoutReadingTheSecretsFiles() throws IOException {
        Harness h = new Harness(tmp, "simple");
        Files.writeString(h.project.resolve(".kamal/secrets"), "RAILS_MASTER_KEY=$(touch secrets-read)\n");
        h.remote.answer("docker ps", "");
        assertEquals(0, h.dhow("app", "containers"), h.err);
        assertTrue(Files.notExists(h.project.resolve("secrets-read")));
    }
}
