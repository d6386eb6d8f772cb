package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees: dhow run as its own process, once in a pseudo-terminal (util-linux {@code script}) and once
 * with its output going to files, on a dry-run deploy (which needs no host).
 */
class TerminalOutputTest {
    @TempDir Path tmp;
    Path project;

    @BeforeEach
    void project() throws IOException {
        project = tmp.resolve("project");
        Path from = Path.of("src/test/resources/deploy/simple");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = project.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + System.getProperty("java.class.path")
                + " dev.dhow.cli.Dhow deploy --skip-push --version v2 --dry-run";
    }

    String run(List<String> argv, List<String> env) throws Exception {
        return run(argv, env, 0);
    }

    String run(List<String> argv, List<String> env, int exit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("GITHUB_ACTIONS");
        pb.environment().remove("GITLAB_CI");
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().put("HOME", tmp.toString());
        for (String kv : env) pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(exit, p.exitValue(), out);
        return out;
    }

    @Test
    void onATerminalThereIsColourAndASummary() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives the pseudo-terminal");
        String out = run(List.of("/usr/bin/script", "-qec", java(), "/dev/null"), List.of());
        assertTrue(out.contains("\u001B["), "colour on a terminal: " + out);
        assertTrue(out.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").contains("Deployed v2 in "), out);
        assertTrue(out.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").contains("  web: 1.1.1.1, 1.1.1.2"), out);
    }

    @Test
    void noColourWhenNotOnATerminalOrWhenNoColorIsSet() throws Exception {
        Path stdout = tmp.resolve("stdout.txt");
        String viaFile = run(List.of("sh", "-c", java() + " > " + stdout + " 2>&1; cat " + stdout), List.of());
        assertFalse(viaFile.contains("\u001B"), "no escape code in a file: " + viaFile);
        assertTrue(viaFile.contains("Deployed v2 in "), viaFile);

        String noColor = run(List.of("/usr/bin/script", "-qec", java(), "/dev/null"), List.of("NO_COLOR=1"));
        List<String> escapes = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m").matcher(noColor);
        while (m.find()) escapes.add(m.group());
        assertEquals(List.of(), escapes, "NO_COLOR keeps colour off on a terminal: " + noColor);
    }

    @Test
    void removeWithNobodyToAnswerSaysHowToConfirmInsteadOfJustAborted() throws Exception {
        String cmd = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + System.getProperty("java.class.path")
                + " dev.dhow.cli.Dhow remove";
        String out = run(List.of("sh", "-c", cmd + " < /dev/null"), List.of(), 1);
        assertTrue(out.contains("Aborted: nothing answered the question (standard input gave no answer). Pass -y to proceed without it"), out);
    }
}
