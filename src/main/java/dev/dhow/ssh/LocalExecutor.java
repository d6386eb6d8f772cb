package dev.dhow.ssh;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import dev.dhow.core.Sensitive;
import dev.dhow.output.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Runs commands on this machine with {@code sh -c} (builds, local hooks); the host name is only a label. */
public final class LocalExecutor implements Executor {
    private final Console console;
    private final Path workingDirectory;
    // Builds may take long; what bounds a local command is the limit its caller passes.
    private static final Duration FOREVER = Duration.ofDays(365);

    private final java.util.Map<String, String> extraEnvironment;
    private final Optional<java.util.Map<String, String>> exactEnvironment;

    public LocalExecutor(Console console, Path workingDirectory) {
        this(console, workingDirectory, java.util.Map.of(), Optional.empty());
    }

    private LocalExecutor(Console console, Path workingDirectory, java.util.Map<String, String> extraEnvironment,
                          Optional<java.util.Map<String, String>> exactEnvironment) {
        this.console = console;
        this.workingDirectory = workingDirectory;
        this.extraEnvironment = java.util.Map.copyOf(extraEnvironment);
        this.exactEnvironment = exactEnvironment.map(java.util.Map::copyOf);
    }

    @Override
    public Executor withEnvironment(java.util.Map<String, String> env) {
        java.util.Map<String, String> merged = new java.util.HashMap<>(extraEnvironment);
        merged.putAll(env);
        return new LocalExecutor(console, workingDirectory, merged, exactEnvironment);
    }

    @Override
    public Executor withExactEnvironment(java.util.Map<String, String> env) {
        return new LocalExecutor(console, workingDirectory, java.util.Map.of(), Optional.of(env));
    }

    @Override
    public Result stream(String host, Cmd cmd, Duration limit, Consumer<OutputLine> lines) {
        console.command(host, cmd.redacted());
        LineSplitter out = new LineSplitter(host, false, lines);
        LineSplitter err = new LineSplitter(host, true, lines);
        LocalProcess.Spec spec = LocalProcess.Spec.shell(cmd.shellLine(), limit.isZero() ? FOREVER : limit)
                .in(workingDirectory).extraEnv(extraEnvironment)
                .input(new LocalProcess.Bytes(cmd.stdin().map(Sensitive::value).orElse("").getBytes(StandardCharsets.UTF_8)))
                .describedAs(cmd.redacted())
                .onLine(line -> write(out, line + "\n"))
                .showErrorsOn(text -> write(err, text));
        if (exactEnvironment.isPresent()) spec = spec.environment(exactEnvironment.get());
        LocalProcess.Outcome outcome;
        try {
            outcome = LocalProcess.run(spec);
        } catch (DhowException e) {
            throw new DhowException("local: " + e.getMessage(), e);
        }
        out.close();
        err.close();
        return new Result(host, cmd.redacted(), outcome.exitCode(), outcome.stdout(), outcome.stderr());
    }

    private static void write(LineSplitter to, String text) {
        try {
            to.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the splitter writes to memory
        }
    }

    private static Thread copy(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // process ended
            }
        }, "dhow-local-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void upload(String host, byte[] content, String remotePath, int mode) {
        Path target = workingDirectory.resolve(remotePath);
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".dhow-upload");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, permissions(mode));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DhowException("local: cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < 9; bit++) if ((mode & (1 << bit)) != 0) s.add(order[bit]);
        return s;
    }

    @Override
    public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) {
        console.command(host, cmd.redacted());
        Process p = LocalProcess.start(LocalProcess.Spec.shell(cmd.shellLine(), FOREVER).in(workingDirectory)
                .errors(LocalProcess.Errors.MERGE).describedAs(cmd.redacted()));
        Thread o = copy(p.getInputStream(), out);
        Thread i = new Thread(() -> {
            try (OutputStream pin = p.getOutputStream()) {
                in.transferTo(pin);
            } catch (IOException ignored) {
                // process ended
            }
        }, "dhow-local-input");
        i.setDaemon(true);
        i.start();
        try {
            int exit = p.waitFor();
            o.join();
            return exit;
        } catch (InterruptedException e) {
            LocalProcess.kill(p);
            Thread.currentThread().interrupt();
            throw new DhowException("local: interrupted while running " + cmd.redacted());
        }
    }

    @Override
    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        throw new DhowException("local: port forwarding needs an SSH host");
    }

    @Override
    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        throw new DhowException("local: port forwarding needs an SSH host");
    }
}
