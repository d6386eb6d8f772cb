package dev.dhow.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a rendered command line through a real POSIX shell ({@code sh -c}) in a scratch home directory, with the
 * programs it calls (docker, mkdir, find, ssh…) replaced by a stub on PATH that records its argv, so a test can see
 * exactly which arguments the shell made of the line. The stub prints {@code STUB_STDOUT} when set and exits with
 * {@code STUB_EXIT} (default 0); {@code mkdir} also creates the directory so later redirections work; {@code xargs}
 * records its standard input as a last {@code <stdin>…} argument.
 */
final class StubbedShell {
    static final List<String> STUBBED = List.of("docker", "mkdir", "chmod", "chown", "rm", "find", "cp", "xargs", "grep",
            "head", "tail", "cat", "base64", "stat", "ls", "wc", "tr", "awk", "pack", "ssh", "git", "kill", "sudo", "id",
            "curl", "wget");

    /** One program call: its name and arguments. */
    record Call(String program, List<String> args) {}

    /** What one run produced. */
    record Run(List<Call> calls, String stdout, String stderr, Path home) {}

    private final String shell;
    private final Path home;
    private final Path bin;
    private final Path log;

    StubbedShell(String shell, Path scratch) throws IOException {
        this.shell = shell;
        this.home = Files.createDirectories(scratch.resolve("home")).toRealPath();
        this.bin = Files.createDirectories(scratch.resolve("bin"));
        this.log = scratch.resolve("calls");
        String realMkdir = Stream.of("/bin/mkdir", "/usr/bin/mkdir").filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow();
        Path stub = bin.resolve("stub");
        // one file per call: the stages of a pipeline run at the same time
        Files.writeString(stub, """
                #!/bin/sh
                name=${0##*/}
                { printf '%s\\0' "$name"; for a; do printf '%s\\0' "$a"; done
                  if [ "$name" = xargs ]; then
                    printf '<stdin>%s\\0' "$(while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done)"
                  fi; } > "$STUB_LOG/$$"
                if [ "$name" = mkdir ]; then exec REAL_MKDIR "$@"; fi
                if [ -n "$STUB_STDOUT" ]; then printf '%s\\n' "$STUB_STDOUT"; fi
                exit "${STUB_EXIT:-0}"
                """.replace("REAL_MKDIR", realMkdir));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : STUBBED) Files.createSymbolicLink(bin.resolve(name), stub);
    }

    Path home() {
        return home;
    }

    /** Runs {@code line} as {@code <shell> -c line} in the home directory (which is also $HOME). */
    Run run(String line, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Files.createDirectory(log);
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", line).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("STUB_LOG", log.toString());
        env.remove("STUB_STDOUT");
        env.remove("STUB_EXIT");
        env.putAll(extraEnv);
        Path out = log.resolveSibling("stdout");
        Path err = log.resolveSibling("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + line);
        }
        return new Run(calls(), Files.readString(out), Files.readString(err), home);
    }

    private List<Call> calls() throws IOException {
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.toList()) {
                String[] fields = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\0", -1);
                // the record ends with a NUL, so the last field is empty
                List<String> argv = List.of(fields).subList(0, fields.length - 1);
                calls.add(new Call(argv.get(0), List.copyOf(argv.subList(1, argv.size()))));
            }
        }
        return calls;
    }

    /** Names of files anywhere under the home directory. */
    List<String> fileNames() throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            return paths.map(p -> p.getFileName().toString()).toList();
        }
    }

    static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) env.put(keysAndValues[i], keysAndValues[i + 1]);
        return env;
    }
}
