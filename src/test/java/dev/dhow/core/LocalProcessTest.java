package dev.dhow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {
    @TempDir Path tmp;

    @Test
    void theTimeLimitFiresOnAProgramThatWritesNothingAndNeverExits() {
        long start = System.nanoTime();
        DhowException e = assertThrows(DhowException.class,
                () -> LocalProcess.run(LocalProcess.Spec.shell("sleep 1000", Duration.ofMillis(500))));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("sh -c sleep 1000 did not finish within 500 ms and was stopped", e.getMessage());
        assertTrue(tookMillis < 5000, "stopped after " + tookMillis + " ms");
    }

    @Test
    void theTimeLimitFiresOnAProgramThatKeepsWriting() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        assertThrows(DhowException.class, () -> LocalProcess.run(
                LocalProcess.Spec.shell("while true; do echo tick; sleep 0.05; done", Duration.ofMillis(600)).onLine(seen::add)));

        assertFalse(seen.isEmpty(), "lines arrived while it ran");
    }

    @Test
    void aStoppedProgramTakesItsChildrenWithIt() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        assertThrows(DhowException.class, () -> LocalProcess.run(
                LocalProcess.Spec.shell("sleep 1000 & echo $! > " + pidFile + "; wait", Duration.ofMillis(800))));

        long child = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(child).ifPresent(h -> h.onExit().join());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the background child is gone");
    }

    @Test
    void anInterruptedCallerStopsTheProgram() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                LocalProcess.run(LocalProcess.Spec.shell("sleep 1000", Duration.ofSeconds(60)));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);

        assertFalse(caller.isAlive());
        assertEquals("interrupted while running sh -c sleep 1000", failure.get().getMessage());
    }

    @Test
    void secretsNeverReachAMessage() {
        DhowException e = assertThrows(DhowException.class, () -> LocalProcess.run(
                LocalProcess.Spec.of(List.of("/no/such/program", "--token", "hunter22"), Duration.ofSeconds(5)).redacting(List.of("hunter22"))));

        assertTrue(e.getMessage().startsWith("cannot run /no/such/program --token [REDACTED]: "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter22"));
    }

    @Test
    void aDescriptionReplacesTheArgvInMessages() {
        DhowException e = assertThrows(DhowException.class, () -> LocalProcess.run(
                LocalProcess.Spec.shell("sleep 5", Duration.ofMillis(200)).describedAs("the command for SECRET_X")));

        assertEquals("the command for SECRET_X did not finish within 200 ms and was stopped", e.getMessage());
    }

    @Test
    void inputOutputErrorsAndEnvironmentReachTheProgram() {
        LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.shell("cat; echo \"$GREETING\" >&2; exit 3", Duration.ofSeconds(10))
                .input(new LocalProcess.Bytes("in\n".getBytes(StandardCharsets.UTF_8)))
                .environment(Map.of("GREETING", "hello", "PATH", System.getenv("PATH"))));

        assertEquals(new LocalProcess.Outcome(3, "in\n", "hello\n"), outcome);
    }

    @Test
    void mergedErrorsArriveAsLinesInOrder() {
        List<String> lines = new ArrayList<>();
        LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.shell("echo one; echo two >&2; printf three", Duration.ofSeconds(10))
                .errors(LocalProcess.Errors.MERGE).onLine(lines::add));

        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("one\ntwo\nthree", outcome.stdout());
    }

    @Test
    void shownErrorsArriveBeforeTheirNewlineAndWholeCharactersOnly() {
        StringBuilder shown = new StringBuilder();
        LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.shell("printf 'Passwört: ' >&2", Duration.ofSeconds(10))
                .showErrorsOn(shown::append));

        assertEquals("Passwört: ", shown.toString());
        assertEquals("Passwört: ", outcome.stderr());
    }

    @Test
    void aUtf8CharacterSplitAcrossReadsIsHeldBack() {
        byte[] umlaut = "ö".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, LocalProcess.completeUtf8Prefix(new byte[] {'a', umlaut[0]}));
        assertEquals(3, LocalProcess.completeUtf8Prefix(new byte[] {'a', umlaut[0], umlaut[1]}));
        assertEquals(2, LocalProcess.completeUtf8Prefix(new byte[] {'a', 'b'}));
    }
}
