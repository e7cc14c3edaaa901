package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of variant techniques that the lab and {@link Transforms#parse} share. */
class TransformFamilyTest {

    @Test
    void families_registeredInOrder() {
        assertEquals(List.of("int8-pc", "int4", "lowrank-R", "pruned-P"), Transforms.families().stream().map(TransformFamily::pattern).toList());
    }

    @Test
    void transform_nameIsTheVariantName() {
        for (TransformFamily f : Transforms.families()) {
            double p = f.pattern().endsWith("-R") ? 0.5 : f.pattern().endsWith("-P") ? 30 : 0;
            assertEquals(f.name(p), f.transform(p).name(), f.pattern());
            assertEquals(f.name(p), Transforms.parse(f.name(p)).name(), f.pattern());
        }
    }

    @Test
    void checkParameter_labRangesAreStricterThanParse() {
        assertEquals("lowrank-1.0", Transforms.parse("lowrank-1").name());
        TransformFamily lowRank = Transforms.families().get(2);
        assertThrows(IllegalArgumentException.class, () -> lowRank.checkParameter(1));
        TransformFamily pruned = Transforms.families().get(3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pruned.checkParameter(12.5)).getMessage().contains("12.5"));
        assertThrows(IllegalArgumentException.class, () -> Transforms.families().getFirst().checkParameter(3));
    }

    @Test
    void parse_unknown_listsEveryForm() {
        assertEquals("unknown variant 'int3': use int8-pc, int8-pc-rr, int4, int4-zp, int4-bN, lowrank-R (0 < R <= 1), pruned-P, pruned-ffn-P"
                + " or pruned-heads-P (0 <= P < 100)", assertThrows(IllegalArgumentException.class, () -> Transforms.parse("int3")).getMessage());
    }

    @Test
    void of_familyWithoutParameter() {
        TransformFamily f = TransformFamily.of("int8-pc-copy", "a copy", () -> Transforms.int8PerChannel(false));
        assertEquals("int8-pc-copy", f.name(0));
        assertTrue(f.parse("int8-pc-copy").isPresent());
        assertTrue(f.parse("int8-pc").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> f.transform(1));
    }
}
