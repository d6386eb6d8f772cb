package dev.dhow.secrets;

import dev.dhow.config.dotenv.Shellwords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InlineFetchEscapingTest {
    @Test
    void escapesEverythingButRubysSafeCharacters() {
        assertEquals("\\{\\\"foo\\\":\\\"o\\ o\\$f\\'\\\"\\}", Shellwords.escape("{\"foo\":\"o o$f'\"}"));
        assertEquals("a-b_c.d,e:f+g/h@i", Shellwords.escape("a-b_c.d,e:f+g/h@i"));
    }

    @Test
    void newlinesAreQuotedAndMultibyteCharactersEscapedWhole() {
        assertEquals("a'\n'b", Shellwords.escape("a\nb"));
        assertEquals("\\é\\😀", Shellwords.escape("é😀"));
    }

    @Test
    void theEmptyStringIsTwoQuotes() {
        assertEquals("''", Shellwords.escape(""));
    }

    @Test
    void aRealShellReadsTheEscapedJsonBackAsOneWordUnchanged() throws Exception {
        String json = KamalJson.dump(java.util.Map.of("Vault/Item/KEY", "a b\"c'$HOME `id` \\ é\nline2 *"));

        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + Shellwords.escape(json)).start();
        String seen = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, sh.waitFor());
        assertEquals(json, seen);
    }
}
