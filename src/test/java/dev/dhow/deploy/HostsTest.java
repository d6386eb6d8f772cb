package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.Cmd;
import dev.dhow.ssh.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostsTest {
    final RecordingExecutor executor = new RecordingExecutor();
    final Cancellation cancellation = new Cancellation();
    final StepLimits limits = new StepLimits(Duration.ofSeconds(120), Duration.ofSeconds(900), Duration.ofSeconds(180),
            Duration.ofSeconds(3600), Duration.ofSeconds(3600), Duration.ofSeconds(900));
    final Hosts hosts = new Hosts(executor, limits, cancellation, dev.dhow.ssh.Fleet.newPool());

    @Test
    void aRemoteRunThatFailsThrowsAnErrorNamingHostAndCommand() {
        executor.fail("docker stop", 1, "Error: No such container: app-web-v1");
        CommandFailed e = assertThrows(CommandFailed.class, () -> hosts.run("10.0.0.1", Cmd.docker("stop", "app-web-v1")));
        assertEquals("host 10.0.0.1: command failed (exit 1): docker stop app-web-v1\nError: No such container: app-web-v1", e.getMessage());
        assertEquals(1, e.result().exitCode());
    }

    @Test
    void captureHandsAnExpectedFailureBackAsAResult() {
        executor.fail("docker network create", 1, "network with name kamal already exists");
        Result r = hosts.capture("10.0.0.1", Cmd.docker("network", "create", "kamal"));
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("already exists"));
    }

    @Test
    void everyCommandRunsWithinTheLimitOfItsKind() {
        hosts.run("h", Cmd.of("true"));
        hosts.run("h", Cmd.docker("pull", "app:v1"), StepLimits.Step.PULL);
        hosts.capture("h", Cmd.of("logs"), StepLimits.Step.FOLLOW);
        assertEquals(List.of(Duration.ofSeconds(120), Duration.ofSeconds(900), Duration.ZERO), executor.limits());
    }

    @Test
    void afterASignalNoForwardStepStartsButUndoStepsStillDo() {
        cancellation.signal("INT");
        InterruptedRun e = assertThrows(InterruptedRun.class, () -> hosts.run("h", Cmd.docker("run", "app")));
        assertEquals("Interrupted (SIGINT): stopped before docker run app", e.getMessage());
        assertEquals(130, e.exitCode());
        hosts.unwinding().run("h", Cmd.docker("stop", "app"));
        assertEquals(List.of("h: docker stop app"), executor.calls().stream().map(Object::toString).toList());
    }

    @Test
    void anInterruptNamesTheStepNotItsAuditLineOrAWholePipeline() {
        assertEquals("docker tag app:v2 app:latest", Hosts.brief(
                "mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [me] Tagging app:v2 as the latest image\" >> .kamal/app-audit.log && docker tag app:v2 app:latest"));
        String pipeline = "docker container start kamal-proxy || echo " + "x".repeat(200);
        assertEquals(100, Hosts.brief(pipeline).length());
        assertTrue(Hosts.brief(pipeline).endsWith("…"));
    }

    @Test
    void aSignalOnceTheUndoHasBegunSkipsTheRestButTheLockIsStillReleased() {
        cancellation.signal("TERM");
        cancellation.undoing();
        cancellation.signal("INT");
        assertEquals(Cancellation.Stage.ABANDONED, cancellation.stage());
        InterruptedRun e = assertThrows(InterruptedRun.class, () -> hosts.unwinding().run("h", Cmd.docker("stop", "app")));
        assertEquals(143, e.exitCode(), "the first signal names the exit code");
        hosts.essential().run("h", Cmd.of("rm", "-r", ".kamal/lock-app"));
        assertEquals(List.of("h: rm -r .kamal/lock-app"), executor.calls().stream().map(Object::toString).toList());
    }

    @Test
    void aSecondSignalBeforeTheUndoBeginsRepeatsTheFirst() {
        cancellation.signal("INT");
        assertEquals(Cancellation.Stage.STOPPING, cancellation.signal("INT"));
        hosts.unwinding().run("h", Cmd.docker("stop", "app"));
        assertEquals(1, executor.calls().size());
    }
}
