package dev.dhow.cli;

import dev.dhow.output.Console;
import dev.dhow.output.Verbosity;
import dev.dhow.ssh.SshExecutor;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/** What every host-touching command needs: a Console for its verbosity and an SSH executor for the loaded config. */
final class SshSupport {
    private SshSupport() {}

    /** Narration on the command's stderr, results on its stdout, at the verbosity of -v/-q ({@code quiet} forces -q). */
    static Console console(CommandSpec spec, boolean quiet) {
        ConfigContext ctx = ConfigContext.of(spec);
        Verbosity v = quiet || ctx.global().quiet() ? Verbosity.QUIET : ctx.global().verbose() ? Verbosity.VERBOSE : Verbosity.NORMAL;
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), v, false);
    }

    /** An SSH executor for the configuration's ssh/sshkit settings; close it when the command ends. */
    static SshExecutor executor(ConfigContext ctx, Console console) {
        return executor(ctx, console, name -> Optional.empty());
    }

    /** As {@link #executor(ConfigContext, Console)}, with a secret lookup for {@code ssh/key_data} names. */
    static SshExecutor executor(ConfigContext ctx, Console console, Function<String, Optional<String>> secrets) {
        return new SshExecutor(SshSettingsMapper.map(ctx.load(), ctx.environment(), secrets, console), console);
    }
}
