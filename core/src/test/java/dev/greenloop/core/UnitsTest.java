package dev.greenloop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void energy_fromMicrojoulesAndKWh_convertsExactly() {
        assertEquals(1.5, Energy.ofMicrojoules(1_500_000).joules());
        assertEquals(3_600_000, Energy.ofKilowattHours(1).joules());
        assertEquals(0.5, Energy.ofJoules(1_800_000).kilowattHours());
    }

    @Test
    void energy_negative_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Energy.ofJoules(-1));
        assertThrows(IllegalArgumentException.class, () -> Energy.ofJoules(5).minus(Energy.ofJoules(6)));
        assertThrows(IllegalArgumentException.class, () -> Energy.ofJoules(Double.NaN));
    }

    @Test
    void format_usesSiPrefixes() {
        assertEquals("12.3 J", Units.formatEnergy(Energy.ofJoules(12.3)));
        assertEquals("4.56 kJ", Units.formatEnergy(Energy.ofJoules(4560)));
        assertEquals("850 mW", Units.formatPower(Power.ofWatts(0.85)));
        assertEquals("0 J", Units.formatEnergy(Energy.ZERO));
        assertEquals("1.20 kg", Units.formatEmissions(Emissions.ofGrams(1200)));
        assertEquals("12.0 mg", Units.formatEmissions(Emissions.ofGrams(0.012)));
    }

    @Test
    void formatEnergy_belowTheCountersMicrojoule_isZeroNotARoundingLeftover() {
        // 3.54e-12 J is what total - process leaves when the process took the whole node: not a figure to print.
        assertEquals("0 J", Units.formatEnergy(Energy.ofJoules(3.54e-12)));
        assertEquals("15.3 µJ", Units.formatEnergy(Energy.ofJoules(15.3e-6)));
        assertEquals("1.00 µJ", Units.formatEnergy(Energy.ofJoules(1e-6)));
    }

    @Test
    void formatEmissions_smallAndZero_fitTheValue() {
        assertEquals("0 g", Units.formatEmissions(Emissions.ZERO));
        assertEquals("600 µg", Units.formatEmissions(Emissions.ofGrams(0.0006)));
        assertEquals("1.04 mg", Units.formatEmissions(Emissions.ofGrams(0.00104)));
        assertEquals("3.00 g", Units.formatEmissions(Emissions.ofGrams(3)));
    }

    @Test
    void provenance_weakest_prefersModelled() {
        assertEquals(Provenance.MODELLED, Provenance.MEASURED.weakest(Provenance.MODELLED));
        assertEquals(Provenance.DERIVED, Provenance.DERIVED.weakest(Provenance.MEASURED));
        assertEquals(Provenance.MEASURED, Provenance.fromLabel("measured"));
        assertThrows(IllegalArgumentException.class, () -> Provenance.fromLabel("guessed"));
    }

    @Test
    void scope_labels_roundTrip() {
        for (Scope s : Scope.values()) {
            assertEquals(s, Scope.fromLabel(s.label()));
        }
        assertEquals(true, Scope.CORE.isBreakdown());
        assertEquals(false, Scope.CPU_PACKAGE.isBreakdown());
    }
}
