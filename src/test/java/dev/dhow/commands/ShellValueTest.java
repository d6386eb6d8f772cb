package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellValueTest {
    @Test
    void plainValuesAreDoubleQuoted() {
        assertEquals("\"10m\"", ShellValue.quote("10m"));
        assertEquals("\"\"", ShellValue.quote(""));
    }

    @Test
    void quotesAndBackslashesAreEscapedLikeRubyDump() {
        assertEquals("\"more-secret'\\\"\"", ShellValue.quote("more-secret'\""));
        assertEquals("\"a\\\\b\"", ShellValue.quote("a\\b"));
        assertEquals("\"line1\\nline2\\ttab\\e\\x01\"", ShellValue.quote("line1\nline2\ttab\u001b\u0001"));
    }

    @Test
    void dollarIsEscapedUnlessItStartsABracedExpansion() {
        assertEquals("\"\\$HOME and ${HOME}\"", ShellValue.quote("$HOME and ${HOME}"));
        assertEquals("\"\\`id\\`\"", ShellValue.quote("`id`"));
    }

    @Test
    void hashIsEscapedOnlyWhereRubyWouldInterpolate() {
        assertEquals("\"#tag \\#{x} \\#\\$y \\#@z\"", ShellValue.quote("#tag #{x} #$y #@z"));
    }

    @Test
    void nonAsciiRunsAreKeptVerbatimAndAsciiRunsQuotedSeparately() {
        assertEquals("中文\" mixed \\\"\"é\"\\\"\"", ShellValue.quote("中文 mixed \"é\""));
    }
}
