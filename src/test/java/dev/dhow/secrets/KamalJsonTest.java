package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KamalJsonTest {
    @Test
    void dumpsCompactlyInInsertionOrderWithRubysEscapes() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("b/KEY", "line1\nline2\t\"q\" \\ \u0001 é 中文 </script>");
        secrets.put("a", null);

        assertEquals("{\"b/KEY\":\"line1\\nline2\\t\\\"q\\\" \\\\ \\u0001 é 中文 </script>\",\"a\":null}", KamalJson.dump(secrets));
    }

    @Test
    void anEmptyResultIsAnEmptyObject() {
        assertEquals("{}", KamalJson.dump(Map.of()));
    }

    @Test
    void textThatIsNotOneJsonDocumentIsNotParsed() {
        assertEquals(true, KamalJson.parse("a-string-secret").isEmpty());
        assertEquals(true, KamalJson.parse("5432 extra").isEmpty());
        assertEquals(true, KamalJson.parse("").isEmpty());
        assertEquals("5432", KamalJson.parse("5432").orElseThrow().toString());
    }
}
