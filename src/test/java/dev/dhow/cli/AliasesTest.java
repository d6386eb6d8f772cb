package dev.dhow.cli;

import static dev.dhow.cli.AccessoryCommandTest.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.deploy.Harness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aliases:} from deploy.yml: expansion with the remaining arguments, and aliases that may not exist. */
class AliasesTest {
    @TempDir Path tmp;

    @Test
    void consoleExpandsToAnInteractiveExecInTheRunningContainer() {
        Harness h = harness(tmp, "accessories");
        h.inputTerminal = true;
        h.remote.answer("1.1.1.1", "echo ${line#app-web-}", "v7\n");

        assertEquals(0, h.dhow("console"), h.err);

        assertEquals(List.of("1.1.1.1: docker exec -it app-web-v7 bin/rails console (interactive)"),
                h.remoteLines().stream().filter(l -> l.endsWith("(interactive)")).toList());
    }

    @Test
    void theRemainingArgumentsFollowTheExpansionAndOptionsBeforeTheAliasStillApply() {
        Harness h = harness(tmp, "accessories");
        h.inputTerminal = true;
        h.remote.answer("echo ${line#app-web-}", "v7\n");

        assertEquals(0, h.dhow("-h", "1.1.1.2", "console", "-e", "RAILS_ENV:test"), h.err);

        assertEquals(List.of("1.1.1.2: docker exec -it --env RAILS_ENV=\"test\" app-web-v7 bin/rails console (interactive)"),
                h.remoteLines().stream().filter(l -> l.endsWith("(interactive)")).toList());
    }

    @Test
    void anAliasCanRunAnAccessoryCommand() {
        Harness h = harness(tmp, "accessories");
        h.inputTerminal = true;

        assertEquals(0, h.dhow("mysql"), h.err);

        assertEquals(List.of("1.1.1.5: docker exec -it app-mysql mysql -u root (interactive)"), h.remoteLines());
    }

    @Test
    void consoleWithoutATerminalFailsAtOnceInsteadOfHanging() {
        Harness h = harness(tmp, "accessories");

        assertEquals(1, h.dhow("console"));

        assertTrue(h.err.contains("ERROR dhow app exec -i needs a terminal"), h.err);
        assertEquals(List.of(), h.remoteLines());
    }

    @Test
    void anAliasMayCarryOptionsOfTheCommandItNames() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.3", "--follow", "working\n");

        assertEquals(0, h.dhow("logs", "-r", "workers"), h.err);

        assertTrue(h.out.contains("[1.1.1.3] working\n"), h.out);
    }

    @Test
    void anUnknownCommandThatIsNoAliasIsStillAnError() {
        Harness h = harness(tmp, "accessories");

        assertEquals(2, h.dhow("consol"), "a usage error");

        assertTrue(h.err.contains("ERROR Unmatched argument at index 0: 'consol'"), h.err);
        assertTrue(h.remote.calls().isEmpty());
    }

    @Test
    void anUnknownCommandWithABrokenConfigShowsTheConfigError() {
        Harness h = harness(tmp, "accessories");

        assertEquals(2, h.dhow("-c", "config/missing.yml", "console"));
        assertTrue(h.err.contains("ERROR Unmatched argument at index 2: 'console'"), "no config file, no aliases: " + h.err);

        assertEquals(1, h.dhow("-d", "nowhere", "console"));
        assertTrue(h.err.contains("nowhere"), "the destination file is missing: " + h.err);
    }

    @Test
    void helpListsTheAliasesOfTheCurrentApp() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("help"), h.err);

        assertTrue(h.out.contains("""
                Aliases (from config/deploy.yml):
                  console  app exec -i --reuse "bin/rails console"
                  mysql    accessory exec mysql -i --reuse "mysql -u root"
                  logs     app logs -f
                """), h.out);
        assertTrue(h.out.indexOf("Aliases (from") > h.out.indexOf("Commands:"), h.out);
        assertTrue(h.remote.calls().isEmpty());
    }

    @Test
    void helpOutsideAnAppListsNoAliases() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("-c", "config/no-such-file.yml", "help"), h.err);

        assertTrue(h.out.contains("Commands:") && !h.out.contains("Aliases"), h.out);
    }

    @Test
    void anAliasNamedLikeABuiltInCommandIsAConfigurationError() {
        Harness h = harness(tmp, "alias_shadows_builtin");

        assertEquals(1, h.dhow("app", "details"));

        assertTrue(h.err.contains("aliases/completion: Alias 'completion' conflicts with a built-in command."), h.err);
        assertTrue(h.remote.calls().isEmpty());
    }
}
