package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    @Test
    void linesSplitAcrossWritesAreJoinedAndCrlfIsTrimmed() {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter("h", false, l -> lines.add(l.text()));
        byte[] a = "one\r\ntw".getBytes(StandardCharsets.UTF_8);
        byte[] b = "o\n\nthree".getBytes(StandardCharsets.UTF_8);
        s.write(a, 0, a.length);
        s.write(b, 0, b.length);
        assertEquals(List.of("one", "two", ""), lines);
        s.close();
        assertEquals(List.of("one", "two", "", "three"), lines);
        assertEquals("one\r\ntwo\n\nthree", s.text());
    }

    @Test
    void multiByteCharactersSplitBetweenWritesSurvive() {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter("h", true, l -> lines.add(l.text()));
        byte[] all = "héllo ✓\n".getBytes(StandardCharsets.UTF_8);
        for (byte x : all) s.write(x);
        assertEquals(List.of("héllo ✓"), lines);
    }
}
