package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    static final String FILE = "config/deploy.yml";

    @Test
    void syntaxErrorsNameFileLineAndColumn() {
        DhowException e = assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, "service: app\nservers: [a, b\nimage: x\n"));
        assertTrue(e.getMessage().matches("config/deploy\\.yml:\\d+:\\d+: .+"), e.getMessage());
        DhowException tab = assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, "service: app\n  bad: : :\n"));
        assertTrue(tab.getMessage().startsWith("config/deploy.yml:2:"), tab.getMessage());
    }

    @Test
    void duplicateKeysAreRefusedWithTheirLine() {
        DhowException e = assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, "service: a\nimage: b\nservice: c\n"));
        assertTrue(e.getMessage().startsWith("config/deploy.yml:3:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("service"), e.getMessage());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*" + prev))).append("]\n");
        }
        DhowException e = assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, yaml.toString()));
        assertTrue(e.getMessage().startsWith("config/deploy.yml"), e.getMessage());
    }

    @Test
    void oversizedFilesAreRefused() {
        String big = "x: \"" + "a".repeat(YamlReader.MAX_CHARS) + "\"\n";
        DhowException e = assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, big));
        assertEquals("config/deploy.yml: file is larger than 1024 KiB", e.getMessage());
    }

    @Test
    void topLevelMustBeAHash() {
        assertEquals("config/deploy.yml: the top level should be a hash of settings",
                assertThrows(DhowException.class, () -> YamlReader.readMapping(FILE, "- a\n- b\n")).getMessage());
        assertEquals(Map.of(), YamlReader.readMapping(FILE, "# only a comment\n"));
    }

    @Test
    void mergeKeysWorkLikeRuby() {
        Map<String, Object> m = YamlReader.readMapping(FILE, """
                x-base: &base
                  a: 1
                  b: 2
                env:
                  <<: *base
                  b: 3
                """);
        assertEquals(Map.of("a", 1, "b", 3), m.get("env"));
        assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) m.get("env")).keySet()));
    }

    @Test
    void scalarsAreTypedLikeRubyYaml() {
        Map<String, Object> m = YamlReader.readMapping(FILE, """
                a: yes
                b: off
                c: 40_000_000
                d: 0600
                e: "0600"
                f: 1.5
                g: 2.12.0
                h: ~
                i: 'no'
                j: 0x1f
                k: 123456789012
                l: 99999999999999999999999
                m: :verbose
                """);
        assertEquals(true, m.get("a"));
        assertEquals(false, m.get("b"));
        assertEquals(40_000_000, m.get("c"));
        assertEquals(384, m.get("d"));
        assertEquals("0600", m.get("e"));
        assertEquals(1.5, m.get("f"));
        assertEquals("2.12.0", m.get("g"));
        assertEquals(null, m.get("h"));
        assertEquals("no", m.get("i"));
        assertEquals(31, m.get("j"));
        assertEquals(123456789012L, m.get("k"));
        assertEquals(new BigInteger("99999999999999999999999"), m.get("l"));
        assertEquals(":verbose", m.get("m"));
    }

    @Test
    void nonStringKeysBecomeStrings() {
        Map<String, Object> m = YamlReader.readMapping(FILE, "servers: [{1.1.1.1: a}]\n80: port\n");
        assertEquals("port", m.get("80"));
    }
}
