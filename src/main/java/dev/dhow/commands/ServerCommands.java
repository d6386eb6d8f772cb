package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;

/** Commands on the server's Kamal state directory ({@code .kamal}). */
public final class ServerCommands {
    private final Configuration config;

    public ServerCommands(Configuration config) {
        this.config = config;
    }

    /** {@code mkdir -p .kamal}. */
    public Cmd ensureRunDirectory() {
        return Shells.mkdirP(config.paths().runDirectory());
    }

    /** {@code rm -r .kamal/apps/<svc-dest>}. */
    public Cmd removeAppDirectory() {
        return Shells.rmR(config.appDirectory());
    }

    /** {@code ls .kamal/apps | wc -l}. */
    public Cmd appDirectoryCount() {
        return Cmd.pipe(Cmd.of("ls", config.paths().runDirectory() + "/apps"), Cmd.of("wc", "-l"));
    }
}
