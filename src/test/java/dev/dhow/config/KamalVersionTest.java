package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KamalVersionTest {
    @Test
    void comparesSegmentsNumerically() {
        assertTrue(KamalVersion.compare("2.10.0", "2.9.9") > 0);
        assertEquals(0, KamalVersion.compare("2.12", "2.12.0"));
        assertTrue(KamalVersion.compare("1.3.0", "2.0") < 0);
    }

    @Test
    void satisfiesUpToTheCompatibleVersion() {
        assertTrue(KamalVersion.satisfies("2.12.0"));
        assertTrue(KamalVersion.satisfies("2.0"));
        assertFalse(KamalVersion.satisfies("2.12.1"));
        assertFalse(KamalVersion.satisfies("3.0.0.beta1"));
    }
}
