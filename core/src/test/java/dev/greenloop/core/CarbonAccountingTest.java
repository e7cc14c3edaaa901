package dev.greenloop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarbonAccountingTest {

    private static final CarbonSignal SIGNAL = new CarbonSignal("XX", "average", "lifecycle", "actual", "test");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** 100 g/kWh in even hours, 300 g/kWh in odd hours, each point an hour long. */
    private static final IntensityTimeline HOURLY = new IntensityTimeline() {
        @Override
        public IntensityPoint at(Instant instant) {
            Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
            long h = hour.getEpochSecond() / 3600;
            return new IntensityPoint(new Interval(hour, hour.plus(Duration.ofHours(1))),
                    CarbonIntensity.ofGramsPerKWh(h % 2 == 0 ? 100 : 300));
        }

        @Override
        public CarbonSignal signal() {
            return SIGNAL;
        }
    };

    private static IntensityTimeline constant(double g) {
        return new IntensityTimeline() {
            @Override
            public IntensityPoint at(Instant instant) {
                return new IntensityPoint(new Interval(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")), CarbonIntensity.ofGramsPerKWh(g));
            }

            @Override
            public CarbonSignal signal() {
                return SIGNAL;
            }
        };
    }

    @Test
    void account_oneKWhAtConstantIntensity_givesIntensityTimesPue() {
        var slice = new EnergySlice(new Interval(T0, T0.plusSeconds(60)), Energy.ofKilowattHours(1));
        CarbonAccount a = CarbonAccounting.account(List.of(slice), constant(400), 1.5);
        assertEquals(600, a.emissions().grams(), 1e-9);
        assertEquals(400, a.meanIntensity().gramsPerKWh(), 1e-9);
        assertEquals(1, a.hours().size());
    }

    @Test
    void account_sliceAcrossHourBoundary_splitsEnergyByTimeAndUsesEachHoursIntensity() {
        // 2 kWh from 10:30 to 11:30: 1 kWh at 100 g (hour 10 is even... epoch hour parity decides)
        Instant start = T0.plus(Duration.ofMinutes(30));
        var slice = new EnergySlice(new Interval(start, start.plus(Duration.ofHours(1))), Energy.ofKilowattHours(2));
        CarbonAccount a = CarbonAccounting.account(List.of(slice), HOURLY, 1.0);
        assertEquals(2, a.hours().size());
        double first = HOURLY.at(start).intensity().gramsPerKWh();
        double second = HOURLY.at(start.plus(Duration.ofHours(1))).intensity().gramsPerKWh();
        assertEquals(first + second, a.emissions().grams(), 1e-9);
        assertEquals(1, a.hours().get(0).energy().kilowattHours(), 1e-12);
        assertEquals(T0, a.hours().get(0).hourStart());
        assertEquals(200, a.meanIntensity().gramsPerKWh(), 1e-9);
    }

    @Test
    void account_intensityPointShorterThanHour_cutsAtPointBoundaries() {
        IntensityTimeline halfHourly = new IntensityTimeline() {
            @Override
            public IntensityPoint at(Instant instant) {
                Instant h = instant.truncatedTo(ChronoUnit.HOURS);
                boolean second = !instant.isBefore(h.plus(Duration.ofMinutes(30)));
                Instant s = second ? h.plus(Duration.ofMinutes(30)) : h;
                return new IntensityPoint(new Interval(s, s.plus(Duration.ofMinutes(30))), CarbonIntensity.ofGramsPerKWh(second ? 500 : 0));
            }

            @Override
            public CarbonSignal signal() {
                return SIGNAL;
            }
        };
        var slice = new EnergySlice(new Interval(T0, T0.plus(Duration.ofHours(1))), Energy.ofKilowattHours(1));
        CarbonAccount a = CarbonAccounting.account(List.of(slice), halfHourly, 1.0);
        assertEquals(250, a.emissions().grams(), 1e-9);
        assertEquals(1, a.hours().size());
        assertEquals(250, a.hours().get(0).intensity().gramsPerKWh(), 1e-9);
    }

    @Test
    void account_emptyInterval_chargesEnergyAtThatInstant() {
        var slice = new EnergySlice(new Interval(T0, T0), Energy.ofKilowattHours(1));
        CarbonAccount a = CarbonAccounting.account(List.of(slice), constant(50), 1.0);
        assertEquals(50, a.emissions().grams(), 1e-9);
    }

    @Test
    void account_noSlices_isZero() {
        CarbonAccount a = CarbonAccounting.account(List.of(), constant(50), 1.2);
        assertEquals(0, a.emissions().grams());
        assertEquals(0, a.hours().size());
    }

    @Test
    void account_pueBelowOne_isRejectedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> CarbonAccounting.account(List.of(), constant(1), 0.9));
        assertEquals(true, e.getMessage().contains("0.9"));
    }
}
