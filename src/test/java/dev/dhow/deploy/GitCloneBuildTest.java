package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.cli.Dhow;
import dev.dhow.cli.Services;
import dev.dhow.cli.Transport;
import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.core.Cmd;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.LocalExecutor;
import dev.dhow.ssh.OutputLine;
import dev.dhow.ssh.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git-clone builds against a real git repository: the build runs in a clone of the last commit. */
class GitCloneBuildTest {
    @TempDir Path tmp;

    static void git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.email=t@example.com", "-c", "user.name=T"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", argv) + ": " + out);
    }

    @Test
    void theImageIsBuiltFromACloneOfTheCommittedTreeWithoutUncommittedFiles() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("myapp"));
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/deploy.yml"), """
                service: clonetest%d
                image: acme/app
                registry: {server: localhost:5999}
                servers: [1.1.1.1]
                builder: {arch: amd64}
                """.formatted(ProcessHandle.current().pid()));
        Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
        git(project, "init", "-q");
        git(project, "add", ".");
        git(project, "commit", "-q", "-m", "first");
        Files.writeString(project.resolve("uncommitted.txt"), "not in the image\n");

        List<String> docker = new ArrayList<>();
        List<Path> buildDirs = new ArrayList<>();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), Verbosity.NORMAL, false);
        LocalExecutor real = new LocalExecutor(console, project);
        Executor local = new Executor() {
            @Override
            public Result stream(String host, Cmd cmd, java.time.Duration limit, Consumer<OutputLine> lines) {
                String c = cmd.redacted();
                if (!c.contains("docker ")) return real.stream(host, cmd, limit, lines);
                docker.add(c);
                if (c.startsWith("cd ")) buildDirs.add(Path.of(c.substring(3, c.indexOf(" &&"))));
                if (c.equals("docker buildx version")) return new Result(host, c, 1, "", "unknown command");
                return new Result(host, c, 0, c.startsWith("docker info") ? "x86_64\n" : "", "");
            }

            @Override public Executor withEnvironment(Map<String, String> env) { return this; }
            @Override public void upload(String host, byte[] content, String remotePath, int mode) { throw new AssertionError(); }
            @Override public int runInteractive(String host, Cmd cmd, java.io.InputStream in, java.io.OutputStream out) { throw new AssertionError(); }
            @Override public dev.dhow.ssh.Tunnel forwardRemote(String h, int r, String lh, int lp) { throw new AssertionError(); }
            @Override public dev.dhow.ssh.Tunnel forwardLocal(String h, int l, String rh, int rp) { throw new AssertionError(); }
        };
        Transport transport = new Transport() {
            @Override public Executor remote(Configuration c, Map<String, String> e, SecretSource s, Console con) { return new RecordingExecutor(); }
            @Override public Executor local(Console con, Path dir) { return local; }
        };
        Map<String, String> env = Map.of("HOME", tmp.toString(), "PATH", System.getenv("PATH"));
        Services services = new Services(transport, Clock.systemUTC(), d -> {}, Optional.of("t@example.com"), Optional.empty());
        StringWriter cliErr = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(cliErr), env, project, services)
                .execute("build", "push", "--version", "v1");
        try {
            assertEquals(0, code, cliErr.toString());
            assertEquals(1, buildDirs.size(), docker.toString());
            Path build = buildDirs.get(0);
            assertTrue(build.toString().contains("/kamal-clones/clonetest"), build.toString());
            assertTrue(build.endsWith("myapp"), build.toString());
            assertTrue(Files.exists(build.resolve("Dockerfile")));
            assertFalse(Files.exists(build.resolve("uncommitted.txt")), "uncommitted files stay out of the build");
            assertTrue(cliErr.toString().contains("Building from a clone of the last commit: uncommitted changes are not in the image"), cliErr.toString());

            // A second build resets the existing clone instead of cloning again.
            Files.writeString(project.resolve("second.txt"), "committed later\n");
            git(project, "add", "second.txt");
            git(project, "commit", "-q", "-m", "second");
            int again = Dhow.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(cliErr), env, project, services)
                    .execute("build", "push", "--version", "v2");
            assertEquals(0, again, cliErr.toString());
            assertTrue(Files.exists(build.resolve("second.txt")), "the clone was brought to the new commit");
        } finally {
            if (!buildDirs.isEmpty()) new ProcessBuilder("rm", "-rf", buildDirs.get(0).getParent().toString()).start().waitFor();
        }
    }
}
