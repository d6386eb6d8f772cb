package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void starMatchesAnyText() {
        assertTrue(Glob.compile("1.1.1.*").matches("1.1.1.10"));
        assertTrue(Glob.compile("web*").matches("web"));
        assertFalse(Glob.compile("web*").matches("workers"));
    }

    @Test
    void dotsAndOtherCharactersAreLiteral() {
        assertFalse(Glob.compile("1.1.1.1").matches("1x1x1x1"));
        assertTrue(Glob.compile("a+b(c)").matches("a+b(c)"));
    }

    @Test
    void questionMarkClassesAndEscapes() {
        assertTrue(Glob.compile("web-?").matches("web-1"));
        assertFalse(Glob.compile("web-?").matches("web-12"));
        assertTrue(Glob.compile("web-[0-3]").matches("web-2"));
        assertFalse(Glob.compile("web-[!0-3]").matches("web-2"));
        assertTrue(Glob.compile("a\\*").matches("a*"));
        assertFalse(Glob.compile("a\\*").matches("ab"));
    }

    @Test
    void bracesAreAlternatives() {
        Glob g = Glob.compile("{web,jobs}-*");
        assertTrue(g.matches("web-1"));
        assertTrue(g.matches("jobs-2"));
        assertFalse(g.matches("cron-1"));
        assertTrue(Glob.compile("1.1.1.{1,{2,3}}").matches("1.1.1.3"));
        assertTrue(Glob.compile("a,b").matches("a,b"));
    }
}
