package dev.dhow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
