package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepMergeTest {
    static Map<String, Object> yaml(String text) {
        return YamlReader.readMapping("t", text);
    }

    @Test
    void hashesMergeRecursivelyAndTheOverlayWins() {
        assertEquals(yaml("a: {b: 1, c: {d: 2, e: 9}}\nf: 1"),
                DeepMerge.merge(yaml("a: {b: 1, c: {d: 1}}\nf: 1"), yaml("a: {c: {d: 2, e: 9}}")));
    }

    @Test
    void arraysAreReplacedNotConcatenated() {
        assertEquals(List.of("c"), DeepMerge.merge(yaml("a: [a, b]"), yaml("a: [c]")).get("a"));
    }

    @Test
    void scalarsAndTypeChangesAreReplaced() {
        assertEquals(Map.of("a", 2, "b", List.of(1), "c", "x"),
                DeepMerge.merge(yaml("a: 1\nb: {x: 1}\nc: [1]"), yaml("a: 2\nb: [1]\nc: x")));
    }

    @Test
    void nullInTheOverlayReplacesToo() {
        Map<String, Object> merged = DeepMerge.merge(yaml("a: {b: 1}"), yaml("a: ~"));
        assertEquals(null, merged.get("a"));
    }

    @Test
    void theBaseIsNotChanged() {
        Map<String, Object> base = yaml("a: {b: 1}");
        DeepMerge.merge(base, yaml("a: {b: 2}"));
        assertEquals(yaml("a: {b: 1}"), base);
    }
}
