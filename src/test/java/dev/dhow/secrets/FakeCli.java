package dev.dhow.secrets;

import dev.dhow.core.Shell;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of fake vendor CLIs (POSIX sh scripts) that append their argv to a log and answer
 * like the real tools; the PATH handed to dhow holds only this directory.
 */
public final class FakeCli {
    private final Path bin;
    private final Path log;
    private final Path stdin;
    private final Map<String, String> extraEnv = new HashMap<>();
    public final StringWriter stderr = new StringWriter();

    public FakeCli(Path tempDir) {
        try {
            this.bin = Files.createDirectories(tempDir.resolve("bin"));
            this.log = tempDir.resolve("calls.log");
            this.stdin = tempDir.resolve("stdin.txt");
            Files.writeString(stdin, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs {@code program} whose behaviour is {@code body} (sh; {@code $*} is the argv). Each call
     * is logged first, prefixed by {@code BW_SESSION=…} when that variable is set.
     */
    public FakeCli install(String program, String body) {
        String script = "#!/bin/sh\n"
                + "export PATH=/usr/bin:/bin\n"
                + "{ printf '%s' \"${BW_SESSION:+BW_SESSION=$BW_SESSION }\"; printf '%s\\037' '" + program + "' \"$@\"; printf '\\n'; } >> \"$FAKE_LOG\"\n"
                + body + "\n";
        try {
            Path file = bin.resolve(program);
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** What the fake CLIs read on stdin, i.e. what the user types at a sign-in prompt. */
    public FakeCli typing(String input) {
        try {
            Files.writeString(stdin, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FakeCli env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PATH", bin.toString());
        env.put("FAKE_LOG", log.toString());
        return env;
    }

    public ProcessRunner runner() {
        return new ProcessRunner(environment(), ProcessBuilder.Redirect.from(stdin.toFile()), stderr);
    }

    public SecretAdapter adapter(String name) {
        return new Adapters(runner(), Timeouts.DEFAULT).lookup(name);
    }

    public ProcessBuilder.Redirect stdin() {
        return ProcessBuilder.Redirect.from(stdin.toFile());
    }

    /** Every recorded call as a shell line, each argument quoted only when needed. */
    public List<String> calls() {
        List<String> calls = new ArrayList<>();
        try {
            if (!Files.exists(log)) return calls;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] words = line.split("\u001f");
                StringBuilder sb = new StringBuilder(words[0]);
                for (int i = 1; i < words.length; i++) sb.append(' ').append(Shell.escape(words[i]));
                calls.add(sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }
}
