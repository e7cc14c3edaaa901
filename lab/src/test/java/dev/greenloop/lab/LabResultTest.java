package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LabResultTest {

    static LabResult.Row row(String variant, double joules, double cosine) {
        Profile p = new Profile("l", 10, 1, 0.001, joules, Provenance.MODELLED, 1.5, 2.5, 10, 100, 1, 2e6, 12, 0, 1000, OptionalLong.empty());
        Quality q = new Quality(10, OptionalDouble.of(cosine), OptionalDouble.of(cosine), OptionalDouble.empty(), 9, OptionalDouble.empty(), 0);
        return new LabResult.Row(variant, RunnerSettings.tuned(), p, q, EnergyLabel.of(joules, 0.01));
    }

    @Test
    void reference_isTheFirstRow_rowsFoundByName() {
        LabResult r = new LabResult("m", 10, false, List.of(row("fp32", 0.01, 1), row("int8", 0.004, 0.99)));
        assertEquals("fp32", r.reference().variant());
        LabResult.Row int8 = r.rows().get(1);
        assertEquals(int8, r.row(int8.name()).orElseThrow());
        assertTrue(int8.name().startsWith("int8 "), int8.name());
        assertTrue(r.row("nothing").isEmpty());
    }

    @Test
    void construct_withoutFp32First_throws() {
        assertThrows(IllegalArgumentException.class, () -> new LabResult("m", 10, false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabResult("m", 10, false, List.of(row("int8", 0.004, 0.99))));
    }
}
