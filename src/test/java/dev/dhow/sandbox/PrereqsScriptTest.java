package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** scripts/prereqs says what it found, even when there was nothing to do. */
@Tag("e2e")
class PrereqsScriptTest {
    @Test
    void prereqsSaysTheMachineIsReadyInsteadOfNothing() {
        CommandResult r = Processes.run(List.of("scripts/prereqs"), SandboxScript.findProjectRoot(), Map.of(), Duration.ofMinutes(10));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("prereqs: ready: "), r.toString());
    }
}
