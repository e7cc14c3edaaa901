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
}
