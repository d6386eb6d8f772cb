package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.secrets.FakeCli;
import dev.dhow.secrets.Timeouts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecretsFetchCommandTest {
    @TempDir Path tmp;

    private record Run(int exitCode, String out, String err) {}

    private Run run(FakeCli cli, String... args) {
        return run(new SecretsFetchCommand(cli.environment(), cli.stdin(), Timeouts.DEFAULT), args);
    }

    private Run run(SecretsFetchCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // What Dhow's root handler does with a user error: one ERROR line, no stack trace.
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("ERROR " + ex.getMessage());
            return ex instanceof DhowException de ? de.exitCode() : ExitCode.INTERNAL;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTheSecretsAsKamalsJsonObject() {
        Run r = run(new FakeCli(tmp), "foo", "bar", "baz", "--account", "myaccount", "--adapter", "test");

        assertEquals(0, r.exitCode());
        assertEquals("{\"foo\":\"oof\",\"bar\":\"rab\",\"baz\":\"zab\"}\n", r.out());
    }

    @Test
    void inlinePrintsTheShellEscapedJsonWithoutNewline() {
        Run r = run(new FakeCli(tmp), "-a", "test", "--account", "x", "--from", "my vault", "--inline", "foo");

        assertEquals("\\{\\\"my\\ vault/foo\\\":\\\"oof/tluav\\ ym\\\"\\}", r.out());
    }

    @Test
    void anAdapterThatNeedsAnAccountSaysSoInKamalsWords() {
        Run r = run(new FakeCli(tmp), "foo", "--adapter", "test");

        assertEquals(ExitCode.FAILURE, r.exitCode());
        assertEquals("", r.out());
        assertEquals("ERROR No value provided for required options '--account'\n", r.err());
    }

    @Test
    void theAdapterOptionIsRequired() {
        Run r = run(new FakeCli(tmp), "foo");

        assertTrue(r.exitCode() != 0);
        assertTrue(r.err().contains("--adapter"), r.err());
    }

    @Test
    void anUnknownAdapterIsOneErrorLine() {
        Run r = run(new FakeCli(tmp), "-a", "keepass", "foo");

        assertEquals(ExitCode.FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("ERROR Unknown secrets adapter: keepass (known: 1password,"), r.err());
    }

    @Test
    void aMissingCliIsOneErrorLineWithoutStackTrace() {
        Run r = run(new FakeCli(tmp), "-a", "lastpass", "--account", "me@example.com", "SECRET1");

        assertEquals("ERROR lastpass: the 'lpass' command is not installed (install the LastPass CLI: https://github.com/lastpass/lastpass-cli)\n",
                r.err());
    }

    @Test
    void runsTheVendorCliFromTheInjectedPathAndShowsItsPromptsOnStderr() {
        FakeCli cli = new FakeCli(tmp).install("op", """
                case "$*" in
                  "--version") echo 2.30.0 ;;
                  "account get --account my.1password.com") exit 1 ;;
                  "signin --account my.1password.com --force --raw")
                    printf 'Enter the password for me@example.com at my.1password.com: ' >&2; read -r pw; echo 'TOKEN' ;;
                  "item get MyItem --vault MyVault --format json --account my.1password.com --session TOKEN --fields label=KAMAL_REGISTRY_PASSWORD,label=RAILS_MASTER_KEY")
                    echo '[{"label":"KAMAL_REGISTRY_PASSWORD","value":"reg pw","reference":"op://MyVault/MyItem/KAMAL_REGISTRY_PASSWORD"},{"label":"RAILS_MASTER_KEY","value":"mk","reference":"op://MyVault/MyItem/RAILS_MASTER_KEY"}]' ;;
                  *) exit 9 ;;
                esac
                """).typing("hunter2\n");

        Run r = run(cli, "--adapter", "1password", "--account", "my.1password.com", "--from", "MyVault/MyItem",
                "KAMAL_REGISTRY_PASSWORD", "RAILS_MASTER_KEY");

        assertEquals("{\"MyVault/MyItem/KAMAL_REGISTRY_PASSWORD\":\"reg pw\",\"MyVault/MyItem/RAILS_MASTER_KEY\":\"mk\"}\n", r.out());
        assertEquals("Enter the password for me@example.com at my.1password.com: ", r.err());
        assertEquals(4, cli.calls().size());
    }

    @Test
    void errorsNeverContainTheRestToken() {
        SecretsFetchCommand command = new SecretsFetchCommand(
                Map.of("VAULT_ADDR", "http://127.0.0.1:1", "VAULT_TOKEN", "hvs.TopSecretToken"), ProcessBuilder.Redirect.PIPE, Timeouts.DEFAULT);

        Run r = run(command, "-a", "vault", "--from", "secret/app", "KEY");

        assertEquals(ExitCode.FAILURE, r.exitCode());
        assertEquals("ERROR vault: could not connect to http://127.0.0.1:1 (connection refused)\n", r.err());
        assertFalse(r.err().contains("TopSecret"));
        assertEquals(List.of(), List.of(r.out()).stream().filter(s -> !s.isEmpty()).toList());
    }
}
