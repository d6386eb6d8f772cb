package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.config.Builder;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitVersionTest {
    @TempDir Path dir;

    static Builder builder(Optional<String> context) {
        return new Builder(List.of("amd64"), Optional.empty(), true, Optional.empty(), Optional.empty(), context,
                "Dockerfile", Optional.empty(), Map.of(), List.of(), Optional.empty(), "docker-container", Optional.empty(), Optional.empty());
    }

    void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", args));
    }

    String head() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    void commit() throws IOException, InterruptedException {
        git("init", "-q");
        Files.writeString(dir.resolve("a.txt"), "a");
        git("add", "a.txt");
        git("commit", "-q", "-m", "first");
    }

    @Test
    void declaredVersionWins() {
        assertEquals("v1", new GitVersion(dir).resolve(Optional.of("v1"), Map.of("VERSION", "env"), () -> builder(Optional.empty())));
    }

    @Test
    void versionEnvironmentVariableComesNext() {
        assertEquals("env", new GitVersion(dir).resolve(Optional.empty(), Map.of("VERSION", "env"), () -> builder(Optional.empty())));
    }

    @Test
    void outsideGitItIsAnError() {
        assertFalse(new GitVersion(dir).used());
        DhowException e = assertThrows(DhowException.class, () -> new GitVersion(dir).resolve(Optional.empty(), Map.of(), () -> builder(Optional.empty())));
        assertEquals("Can't use commit hash as version, no git repository found in " + dir.toAbsolutePath(), e.getMessage());
    }

    @Test
    void cleanTreeGivesTheCommit() throws Exception {
        commit();
        assertTrue(new GitVersion(dir).used());
        assertEquals(head(), new GitVersion(dir).resolve(Optional.empty(), Map.of(), () -> builder(Optional.of("."))));
    }

    @Test
    void dirtyTreeAddsUncommittedSuffixOnlyForWorkingTreeBuilds() throws Exception {
        commit();
        Files.writeString(dir.resolve("a.txt"), "changed");
        String version = new GitVersion(dir).resolve(Optional.empty(), Map.of(), () -> builder(Optional.of(".")));
        assertTrue(version.matches(head() + "_uncommitted_[0-9a-f]{16}"), version);
        // A git-clone build (no context) ignores local changes.
        assertEquals(head(), new GitVersion(dir).resolve(Optional.empty(), Map.of(), () -> builder(Optional.empty())));
    }
}
