package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    private static List<String> labels(List<Ticks.Tick> ticks) {
        return ticks.stream().map(Ticks.Tick::label).toList();
    }

    @Test
    void niceStep_roundsUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Ticks.niceStep(1));
        assertEquals(2, Ticks.niceStep(1.2));
        assertEquals(5, Ticks.niceStep(2.5));
        assertEquals(10, Ticks.niceStep(7));
        assertEquals(0.05, Ticks.niceStep(0.03), 1e-15);
        assertEquals(200, Ticks.niceStep(101));
    }

    @Test
    void niceStep_nonPositiveOrNaN_rejectedNamingTheValue() {
        assertEquals("a tick step must be a finite number > 0, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> Ticks.niceStep(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ticks.niceStep(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Ticks.niceStep(Double.POSITIVE_INFINITY));
    }

    @Test
    void linear_multiplesOfTheStepWithinTheRange() {
        assertEquals(List.of("0", "100", "200", "300", "400"), labels(Ticks.linear(0, 400, 5)));
        assertEquals(List.of("0.2", "0.4", "0.6", "0.8"), labels(Ticks.linear(0.13, 0.95, 5)));
        assertEquals(List.of("-10", "0", "10"), labels(Ticks.linear(-12, 14, 5)));
    }

    @Test
    void linear_decimalsFollowTheStep() {
        List<Ticks.Tick> t = Ticks.linear(0.9941, 1.0004, 5);
        assertEquals("0.996", t.getFirst().label());
        assertEquals("1.000", t.getLast().label());
        assertEquals(0.002, t.get(1).value() - t.get(0).value(), 1e-9);
    }

    @Test
    void linearStep_givenStep_labelsWithItsDecimals() {
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00"), labels(Ticks.linearStep(0, 1, 0.25)));
        assertEquals(List.of("0", "5", "10", "15"), labels(Ticks.linearStep(0, 15, 5)));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linearStep(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linearStep(0, 1, 1e-6));
    }

    @Test
    void linear_emptyRange_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, 1, 0));
    }

    @Test
    void log_powersOfTen_orAlsoTwoAndFiveWhenFew() {
        assertEquals(List.of("0.1", "1", "10", "100"), labels(Ticks.log(0.05, 300)));
        assertEquals(List.of("2", "5", "10", "20"), labels(Ticks.log(1.5, 30)));
        assertEquals(List.of("1e-03", "0.01", "0.1"), labels(Ticks.log(0.001, 0.1)));
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1));
    }

    @Test
    void time_hoursAndDays_utcLabels() {
        Instant a = Instant.parse("2022-06-01T08:30:00Z");
        assertEquals(List.of("06-01 09:00", "06-01 12:00", "06-01 15:00", "06-01 18:00", "06-01 21:00", "06-02 00:00", "06-02 03:00",
                "06-02 06:00"), labels(Ticks.time(a, Instant.parse("2022-06-02T07:00:00Z"))));
        assertEquals("2022-06-02", Ticks.time(a, Instant.parse("2022-06-08T00:00:00Z")).getFirst().label());
        assertEquals(86_400, Ticks.timeStep(7 * 86_400));
        assertEquals(60, Ticks.timeStep(600));
        assertEquals(365 * 86_400L, Ticks.timeStep(10 * 365 * 86_400L));
        assertThrows(IllegalArgumentException.class, () -> Ticks.time(a, a));
    }
}
