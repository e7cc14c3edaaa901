package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VariantTest {

    @Test
    void parse_namesRoundTrip() {
        for (String n : new String[] {"fp32", "int8", "int8-pc", "int4", "static", "lowrank-0.5", "lowrank-0.25", "pruned-30"}) {
            assertEquals(n, Variant.parse(n).name());
        }
        assertEquals(Variant.INT8, Variant.parse(" INT8 "));
    }

    @Test
    void built_everyKind() {
        for (Variant.Kind k : Variant.Kind.values()) {
            assertTrue(k.built(), k.pattern());
        }
        assertTrue(Variant.parse("pruned-30").built());
    }

    @Test
    void parse_badValues_nameThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variant.parse("fp16")).getMessage().contains("'fp16'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variant.parse("lowrank-1.5")).getMessage().contains("1.5"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("pruned-0"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("pruned-12.5"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("lowrank-x"));
    }

    @Test
    void kinds_listedInOrder_transformsFromTheOnnxRegistry() {
        assertEquals(java.util.List.of("fp32", "int8", "int8-pc", "int4", "lowrank-R", "pruned-P", "static", "tfidf", "cascade"),
                Variant.Kind.values().stream().map(Variant.Kind::pattern).toList());
        for (Variant.Kind k : Variant.Kind.values()) {
            boolean published = k == Variant.Kind.FP32 || k == Variant.Kind.INT8 || k == Variant.Kind.STATIC || k == Variant.Kind.TFIDF
                    || k == Variant.Kind.CASCADE;
            assertEquals(!published, k.family().isPresent(), k.pattern());
        }
        assertEquals("lowrank-0.5", Variant.parse("lowrank-0.5").kind().family().orElseThrow().transform(0.5).name());
        assertEquals("pruned-30", Variant.parse("pruned-30").kind().family().orElseThrow().transform(30).name());
    }

    @Test
    void parse_unknown_listsEveryForm() {
        assertEquals("unknown variant 'fp16'; one of fp32, int8, int8-pc, int4, lowrank-R (0 < R < 1), pruned-P (1..99), static, tfidf, cascade",
                assertThrows(IllegalArgumentException.class, () -> Variant.parse("fp16")).getMessage());
    }
}
