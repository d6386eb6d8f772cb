package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SecretsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The real command line, with `secrets` pointed at a fixture folder instead of the current directory. */
    private int run(Path workingDirectory, String... args) {
        CommandLine cl = Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("PATH", System.getenv("PATH")), workingDirectory);
        return cl.execute(args);
    }

    private int run(String... args) {
        return run(Path.of("."), args);
    }

    @Test
    void extractPrintsTheValueOfTheNamedKey() {
        assertEquals(0, run("secrets", "extract", "foo", "{\"foo\":\"oof\", \"bar\":\"rab\"}"));
        assertEquals("oof\n", out.toString());
    }

    @Test
    void extractFallsBackToTheFirstKeyEndingInSlashName() {
        assertEquals(0, run("secrets", "extract", "foo", "{\"abc/foo\":\"oof\", \"def/foo\":\"second\", \"foo2\":\"x\"}"));
        assertEquals("oof\n", out.toString());
    }

    @Test
    void extractInlinePrintsTheBareValue() {
        assertEquals(0, run("secrets", "extract", "foo", "{\"foo\":\"two words\"}", "--inline"));
        assertEquals("two words", out.toString());
    }

    @Test
    void extractOfAMissingSecretFails() {
        assertEquals(1, run("secrets", "extract", "nope", "{\"foo\":\"oof\", \"nope/x\":\"y\"}"));
        assertEquals("ERROR Could not find secret nope\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void extractOfInvalidJsonFailsWithoutEchoingIt() {
        assertEquals(1, run("secrets", "extract", "foo", "{\"foo\":\"hunter2\""));
        assertEquals("ERROR Could not extract secret foo: the secrets are not valid JSON\n", err.toString());
        assertFalse(err.toString().contains("hunter2"));
    }

    @Test
    void printShowsTheMergedSecretsAsKeyValueLines() {
        assertEquals(0, run(Path.of("src/test/resources/secrets/destinations"), "secrets", "print"));
        assertEquals("SECRET=plain\nSHARED=shared\nONLY_PLAIN=1\nFROM_COMMON=[]\n", out.toString());
    }

    @Test
    void printReadsTheDestinationFileGivenWithD() {
        Path dir = Path.of("src/test/resources/secrets/destinations");
        assertEquals(0, run(dir, "secrets", "print", "-d", "staging"));
        assertEquals("SECRET=staging\nSHARED=shared\n", out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run(dir, "-d", "staging", "secrets", "print"));
        assertEquals("SECRET=staging\nSHARED=shared\n", out.toString());
    }

    @Test
    void printRunsInlineSecretsCommandsInProcess() {
        assertEquals(0, run(Path.of("src/test/resources/secrets/print_inline"), "secrets", "print"));
        assertEquals("SECRETS=\\{\\\"KEY1\\\":\\\"one\\\",\\\"vault/KEY2\\\":\\\"two\\ words\\\"\\}\n"
                + "KEY1=one\nKEY2=two words\n", out.toString());
    }

    @Test
    void printWarnsAboutAValueLeftEmptyByAnUnsetVariable() {
        assertEquals(0, run(Path.of("src/test/resources/secrets/print_unset_variable"), "secrets", "print"));
        assertEquals("KAMAL_REGISTRY_PASSWORD=\nDB_URL=postgres://app:@db/app\nPLAIN=1\n", out.toString());
        assertEquals("WARN KAMAL_REGISTRY_PASSWORD is empty (.kamal/secrets line 2: $KAMAL_REGISTRY_PASSWORD is not set)\n",
                err.toString());
    }

    @Test
    void printOfAFailingInlineCommandReportsBothErrors() {
        assertEquals(1, run(Path.of("src/test/resources/secrets/print_failing"), "secrets", "print"));
        assertEquals("ERROR Could not find secret MISSING\n"
                + "ERROR The command `kamal secrets extract` for KEY1 in .kamal/secrets line 2 failed\n", err.toString());
    }

    @Test
    void secretsAloneListsItsSubcommands() {
        assertEquals(0, run("secrets"));
        assertTrue(out.toString().contains("extract"), out.toString());
        assertTrue(out.toString().contains("print"), out.toString());
    }
}
