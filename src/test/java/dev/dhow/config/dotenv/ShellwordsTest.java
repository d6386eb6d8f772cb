package dev.dhow.config.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShellwordsTest {
    private static List<String> split(String line) {
        return Shellwords.split(line).orElseThrow();
    }

    @Test
    void wordsSplitOnWhitespace() {
        assertEquals(List.of("kamal", "secrets", "extract", "A"), split("  kamal  secrets\textract A  "));
        assertEquals(List.of(), split("   "));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("a b\\n$x", "c"), split("'a b\\n$x' c"));
    }

    @Test
    void doubleQuotesUnescapeOnlyShellSpecials() {
        assertEquals(List.of("a \"b\" $ ` \\ \\n"), split("\"a \\\"b\\\" \\$ \\` \\\\ \\n\""));
    }

    @Test
    void backslashEscapesTheNextCharacterOutsideQuotes() {
        assertEquals(List.of("{\"K\":\"a b\"}", "x"), split("\\{\\\"K\\\":\\\"a\\ b\\\"\\} x"));
    }

    @Test
    void adjacentPartsJoinIntoOneWord() {
        assertEquals(List.of("abc d"), split("a'b'\"c d\""));
    }

    @Test
    void anUnmatchedQuoteGivesNoWords() {
        assertEquals(Optional.empty(), Shellwords.split("a 'b"));
        assertEquals(Optional.empty(), Shellwords.split("a \"b"));
        assertEquals(Optional.empty(), Shellwords.split("a \"b\\"));
    }

    @Test
    void escapeBackslashesEverythingButSafeCharacters() {
        assertEquals("\\{\\\"a\\\":\\\"b\\ c\\$\\(x\\)\\\"\\}", Shellwords.escape("{\"a\":\"b c$(x)\"}"));
        assertEquals("safe_-.,:+/@", Shellwords.escape("safe_-.,:+/@"));
        assertEquals("\\中\\文", Shellwords.escape("中文"));
        assertEquals("a'\n'b", Shellwords.escape("a\nb"));
        assertEquals("''", Shellwords.escape(""));
    }

    @Test
    void escapedTextSplitsBackToTheOriginal() {
        String json = "{\"V/I/KEY1\":\"p@ss w0rd$1 (x)\",\"K2\":\"中文 'q' \\\"d\\\"\"}";
        assertEquals(List.of("extract", json), split("extract " + Shellwords.escape(json)));
    }
}
