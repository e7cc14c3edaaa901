package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyLabelTest {

    @Test
    void of_boundaries_inclusiveUpperBounds() {
        double ref = 0.05;
        assertEquals(EnergyLabel.A, EnergyLabel.of(0, ref));
        assertEquals(EnergyLabel.A, EnergyLabel.of(0.2 * ref, ref));
        assertEquals(EnergyLabel.B, EnergyLabel.of(Math.nextUp(0.2 * ref), ref));
        assertEquals(EnergyLabel.B, EnergyLabel.of(0.4 * ref, ref));
        assertEquals(EnergyLabel.C, EnergyLabel.of(0.6 * ref, ref));
        assertEquals(EnergyLabel.D, EnergyLabel.of(0.8 * ref, ref));
        assertEquals(EnergyLabel.E, EnergyLabel.of(ref, ref), "fp32 against itself");
        assertEquals(EnergyLabel.F, EnergyLabel.of(Math.nextUp(ref), ref));
        assertEquals(EnergyLabel.F, EnergyLabel.of(1.5 * ref, ref));
        assertEquals(EnergyLabel.G, EnergyLabel.of(Math.nextUp(1.5 * ref), ref));
        assertEquals(EnergyLabel.G, EnergyLabel.of(100 * ref, ref));
    }

    @Test
    void of_badReference_throwsNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> EnergyLabel.of(1, 0));
        assertTrue(e.getMessage().contains("reference energy per query 0.0 J"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnergyLabel.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> EnergyLabel.of(-1, 1));
    }
}
