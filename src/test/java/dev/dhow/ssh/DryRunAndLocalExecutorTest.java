package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dhow.core.Cmd;
import dev.dhow.core.Sensitive;
import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunAndLocalExecutorTest {
    @TempDir Path tmp;
    final StringWriter out = new StringWriter();
    final Console console = new Console(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Verbosity.NORMAL, false);

    @Test
    void dryRunPrintsEachHostsCommandsRedactedAndConnectsToNothing() {
        DryRunExecutor dry = new DryRunExecutor(console);
        Cmd login = Cmd.of("docker", "login", "-u", "me", "--password-stdin").withStdin(new Sensitive("pw"));
        Cmd run = Cmd.of("docker", "run").appendSecret(new Sensitive("TOKEN=abc"), true);
        new Fleet(1).run(List.of("no-such-host-1.invalid", "no-such-host-2.invalid"), h -> {
            dry.run(h, login).check();
            dry.upload(h, "A=1".getBytes(StandardCharsets.UTF_8), ".kamal/apps/app/env/roles/web.env", 0600);
            return dry.run(h, run).check();
        }).check();
        assertEquals(List.of(
                new DryRunExecutor.Step("no-such-host-1.invalid", "docker login -u me --password-stdin"),
                new DryRunExecutor.Step("no-such-host-1.invalid", "upload 3 bytes to .kamal/apps/app/env/roles/web.env (mode 0600)"),
                new DryRunExecutor.Step("no-such-host-1.invalid", "docker run [REDACTED]"),
                new DryRunExecutor.Step("no-such-host-2.invalid", "docker login -u me --password-stdin"),
                new DryRunExecutor.Step("no-such-host-2.invalid", "upload 3 bytes to .kamal/apps/app/env/roles/web.env (mode 0600)"),
                new DryRunExecutor.Step("no-such-host-2.invalid", "docker run [REDACTED]")), dry.steps());
        assertEquals("[no-such-host-1.invalid] docker login -u me --password-stdin\n", out.toString().lines().findFirst().get() + "\n");
    }

    @Test
    void localExecutorRunsWithShInTheWorkingDirectoryAndFeedsStdin() {
        LocalExecutor local = new LocalExecutor(console, tmp);
        Result r = local.run("localhost", Cmd.raw("pwd; cat; exit 2").withStdin(new Sensitive("in")));
        assertEquals(2, r.exitCode());
        assertEquals(tmp.toAbsolutePath() + "\nin", r.stdout());
    }

    @Test
    void localUploadAppliesTheMode() throws Exception {
        LocalExecutor local = new LocalExecutor(console, tmp);
        local.upload("localhost", "x".getBytes(StandardCharsets.UTF_8), "f.env", 0640);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("f.env"))));
    }
}
