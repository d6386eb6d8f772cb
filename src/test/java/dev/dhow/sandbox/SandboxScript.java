package dev.dhow.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drives {@code scripts/sandbox} for one sandbox name: up (parsed into a {@link Sandbox}) and down. */
public final class SandboxScript {
    // The first `up` on a fresh machine debootstraps the host image; later ones take seconds.
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);

    private final Path projectRoot;
    private final String name;
    private final Path stateDir;

    public SandboxScript(Path projectRoot, String name) {
        if (!name.matches("dhow-sandbox(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("sandbox names start with dhow-sandbox: " + name);
        }
        this.projectRoot = projectRoot;
        this.name = name;
        this.stateDir = projectRoot.resolve("target/sandbox").resolve(name);
    }

    /** A script for a sandbox name no other test run uses. */
    public static SandboxScript forTestRun(Path projectRoot) {
        String id = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
        return new SandboxScript(projectRoot, "dhow-sandbox-t" + id.substring(Math.max(0, id.length() - 8)));
    }

    /** The project root: the nearest folder at or above the working directory with scripts/sandbox. */
    public static Path findProjectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/sandbox"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/sandbox not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public String name() {
        return name;
    }

    public Sandbox up(int hosts) {
        CommandResult result = run(List.of("up", Integer.toString(hosts)), UP_TIMEOUT).orThrow();
        return Sandbox.parse(name, result.stdout());
    }

    public CommandResult down() {
        return run(List.of("down"), DOWN_TIMEOUT);
    }

    public CommandResult status() {
        return run(List.of("status"), DOWN_TIMEOUT);
    }

    private CommandResult run(List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>();
        argv.add(projectRoot.resolve("scripts/sandbox").toString());
        argv.addAll(args);
        return Processes.run(argv, projectRoot,
                Map.of("DHOW_SANDBOX_NAME", name, "DHOW_SANDBOX_DIR", stateDir.toString()), timeout);
    }
}
