package dev.dhow.config.envfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) env.put(keysAndValues[i], keysAndValues[i + 1]);
        return env;
    }

    @Test
    void oneLinePerEntryInOrderEndingWithANewline() {
        assertEquals("foo=bar\nbaz=haz\n", EnvFile.render(env("foo", "bar", "baz", "haz")));
    }

    @Test
    void anEmptyEnvIsASingleNewline() {
        assertEquals("\n", EnvFile.render(Map.of()));
    }

    @Test
    void quotesHashesDollarsAndBackticksStayBare() {
        assertEquals("A=x\"y z\nC=#hash $dollar `tick`\nD=#{bar} #$foo #@x\n",
                EnvFile.render(env("A", "x\"y z", "C", "#hash $dollar `tick`", "D", "#{bar} #$foo #@x")));
    }

    @Test
    void newlinesTabsAndBackslashesAreEscaped() {
        assertEquals("B=line1\\nline2\\ttab\\rcr\nE=hello\\\\nthere\nF=a\\\\b\n",
                EnvFile.render(env("B", "line1\nline2\ttab\rcr", "E", "hello\\nthere", "F", "a\\b")));
    }

    @Test
    void otherControlCharactersUseRubyDumpEscapes() {
        assertEquals("A=\\e[0m\\a\\b\\f\\v\\x00\\x01\\x1F\\x7F\n",
                EnvFile.render(env("A", "\u001b[0m\u0007\b\f\u000b\u0000\u0001\u001f\u007f")));
    }

    @Test
    void nonAsciiTextIsKeptVerbatim() {
        assertEquals("D=中文\nE=你好 \"欢迎\" 😃 {smile}\\n\n",
                EnvFile.render(env("D", "中文", "E", "你好 \"欢迎\" 😃 {smile}\n")));
    }

    @Test
    void backslashBeforeQuoteOrHashFollowsKamalsUndoingOfEscapes() {
        // Kamal dumps, then turns \" into " and \# into #, which also eats a doubled backslash's second half.
        assertEquals("A=\\\\\"\nB=\\#x\nC=\\\\#{y}\n", EnvFile.render(env("A", "\\\"", "B", "\\#x", "C", "\\#{y}")));
    }
}
