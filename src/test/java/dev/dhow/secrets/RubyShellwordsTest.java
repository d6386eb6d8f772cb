package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RubyShellwordsTest {
    @Test
    void escapesEverythingButRubysSafeCharacters() {
        assertEquals("\\{\\\"foo\\\":\\\"o\\ o\\$f\\'\\\"\\}", RubyShellwords.escape("{\"foo\":\"o o$f'\"}"));
        assertEquals("a-b_c.d,e:f+g/h@i", RubyShellwords.escape("a-b_c.d,e:f+g/h@i"));
    }

    @Test
    void newlinesAreQuotedAndMultibyteCharactersEscapedWhole() {
        assertEquals("a'\n'b", RubyShellwords.escape("a\nb"));
        assertEquals("\\é\\😀", RubyShellwords.escape("é😀"));
    }

    @Test
    void theEmptyStringIsTwoQuotes() {
        assertEquals("''", RubyShellwords.escape(""));
    }

    @Test
    void aRealShellReadsTheEscapedJsonBackAsOneWordUnchanged() throws Exception {
        String json = KamalJson.dump(java.util.Map.of("Vault/Item/KEY", "a b\"c'$HOME `id` \\ é\nline2 *"));

        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + RubyShellwords.escape(json)).start();
        String seen = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, sh.waitFor());
        assertEquals(json, seen);
    }
}
