package dev.dhow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CmdTest {
    @Test
    void plainWordsRenderUnquoted() {
        assertEquals("docker ps --filter label=service=app", Cmd.docker("ps", "--filter", "label=service=app").toString());
    }

    @Test
    void wordsWithShellCharactersAreSingleQuoted() {
        assertEquals("docker ps --filter 'name=^kamal-proxy$'", Cmd.docker("ps", "--filter", "name=^kamal-proxy$").toString());
        assertEquals("echo 'it'\\''s'", Cmd.of("echo", "it's").toString());
        assertEquals("echo ''", Cmd.of("echo", "").toString());
    }

    @Test
    void combinatorsJoinWithShellOperators() {
        Cmd a = Cmd.of("mkdir", "-p", ".kamal");
        Cmd b = Cmd.of("touch", ".kamal/x");
        assertEquals("mkdir -p .kamal && touch .kamal/x", Cmd.and(a, b).toString());
        assertEquals("mkdir -p .kamal || touch .kamal/x", Cmd.or(a, b).toString());
        assertEquals("mkdir -p .kamal ; touch .kamal/x", Cmd.chain(a, b).toString());
        assertEquals("docker ps -q | xargs docker stop", Cmd.xargs(Cmd.docker("ps", "-q"), Cmd.docker("stop")).toString());
    }

    @Test
    void secretsAreRedactedInLogsButRenderedForExecution() {
        Cmd cmd = Cmd.docker("run", "-e").appendRaw("X=").appendSecret(new Sensitive("p@ss w\"rd"), true);
        assertEquals("docker run -e X= [REDACTED]", cmd.redacted());
        assertEquals("docker run -e X= \"p@ss w\\\"rd\"", cmd.shellLine());
        assertEquals(cmd.redacted(), cmd.toString());
        assertTrue(cmd.hasSecrets());
    }

    @Test
    void sensitiveToStringIsRedacted() {
        assertEquals("[REDACTED]", new Sensitive("hunter2").toString());
        assertEquals("[REDACTED]", String.valueOf(new Sensitive("hunter2")));
    }

    @Test
    void equalityIsByRendering() {
        assertEquals(Cmd.of("a", "b"), Cmd.of("a").append("b"));
        assertEquals(Cmd.raw("a b"), Cmd.of("a", "b"));
        assertNotEquals(Cmd.of("a", "b c"), Cmd.of("a", "b", "c"));
    }

    @Test
    void doubleQuoteEscapesShellSpecials() {
        assertEquals("\"a \\\"b\\\" \\$c \\`d\\` \\\\e\"", Shell.doubleQuote("a \"b\" $c `d` \\e"));
    }

    @Test
    void underPwdLeavesOnlyThePrefixToTheShell() {
        assertEquals("mkdir -p $PWD/app-db/data", Cmd.builder("mkdir", "-p").part(Cmd.underPwd("app-db/data")).build().toString());
        assertEquals("mkdir -p $PWD/'app-db/my data$(id)'",
                Cmd.builder("mkdir", "-p").part(Cmd.underPwd("app-db/my data$(id)")).build().toString());
    }

    @Test
    void kamalShapesRenderAsKamalWritesThem() {
        Cmd cmd = Cmd.builder("docker", "run")
                .argumentize("--env", Map.of("A", "b c"))
                .argumentize("--env", Map.of("PASS_THROUGH", ""))
                .optionize("cap-add", List.of())
                .optionize("add-host", List.of("a:1", "b:2"))
                .option("target", "abc:80")
                .build();
        assertEquals("docker run --env A=\"b c\" --env PASS_THROUGH --cap-add --add-host \"a:1\" --add-host \"b:2\" --target=\"abc:80\"",
                cmd.toString());
    }

    @Test
    void keysAndOptionNamesFromTheConfigurationAreQuotedToo() {
        Cmd cmd = Cmd.builder("docker", "run")
                .argumentize("--label", Map.of("a;b", "v"))
                .optionize("x $(id)", List.of("v"))
                .build();
        assertEquals("docker run --label 'a;b='\"v\" '--x $(id)' \"v\"", cmd.toString());
    }

    @Test
    void quotingStylesAreEachLiteral() {
        assertEquals("echo 'it'\\''s' \"a \\$b\" \"\\${c}\"", Cmd.builder("echo")
                .quoted("it's", Cmd.Quoting.SINGLE).quoted("a $b", Cmd.Quoting.DOUBLE).quoted("${c}", Cmd.Quoting.KAMAL)
                .build().toString());
    }

    @Test
    void aSecretInsideAJoinedWordIsRedactedAndCounts() {
        Cmd cmd = Cmd.builder("docker", "build", "--secret").part(new Cmd.Joined(List.of(
                new Cmd.Word("id="), new Cmd.Secret(new Sensitive("s3cr3t"), true)))).build();
        assertEquals("docker build --secret id=[REDACTED]", cmd.redacted());
        assertEquals("docker build --secret id=\"s3cr3t\"", cmd.shellLine());
        assertTrue(cmd.hasSecrets());
    }
}
