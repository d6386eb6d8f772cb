package dev.dhow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void plainValuesAreDoubleQuoted() {
        assertEquals("\"10m\"", Shell.kamalQuote("10m"));
        assertEquals("\"\"", Shell.kamalQuote(""));
    }

    @Test
    void quotesAndBackslashesAreEscapedLikeRubyDump() {
        assertEquals("\"more-secret'\\\"\"", Shell.kamalQuote("more-secret'\""));
        assertEquals("\"a\\\\b\"", Shell.kamalQuote("a\\b"));
    }

    @Test
    void controlCharactersStayLiteralInsteadOfRubyEscapes() {
        // Kamal writes "line1\nline2", which a shell passes on as a backslash and an n
        assertEquals("\"line1\nline2\ttab\u001b\u0001\"", Shell.kamalQuote("line1\nline2\ttab\u001b\u0001"));
    }

    @Test
    void everyDollarIsEscapedBracedExpansionsToo() {
        // Kamal leaves ${HOME} to the remote shell; dhow passes it through as written
        assertEquals("\"\\$HOME and \\${HOME}\"", Shell.kamalQuote("$HOME and ${HOME}"));
        assertEquals("\"\\`id\\`\"", Shell.kamalQuote("`id`"));
    }

    @Test
    void hashIsNeverEscapedSoItArrivesAsWritten() {
        // Kamal's \#{x} would reach the container with its backslash
        assertEquals("\"#tag #{x} #\\$y #@z\"", Shell.kamalQuote("#tag #{x} #$y #@z"));
    }

    @Test
    void nonAsciiRunsAreKeptVerbatimAndAsciiRunsQuotedSeparately() {
        assertEquals("中文\" mixed \\\"\"é\"\\\"\"", Shell.kamalQuote("中文 mixed \"é\""));
    }

    @Test
    void singleQuotingClosesAndReopensAroundApostrophes() {
        assertEquals("'it'\\''s $x'", Shell.singleQuote("it's $x"));
    }

    @Test
    void insideDoubleQuotesEscapesOnlyWhatDoubleQuotesInterpret() {
        assertEquals("a\\\"b\\$c\\`d\\\\e|f'g", Shell.insideDoubleQuotes("a\"b$c`d\\e|f'g"));
    }
}
