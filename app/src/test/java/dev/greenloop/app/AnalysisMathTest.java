package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis' arithmetic on hand-made minute series, each expected number worked out by hand in a comment. */
class AnalysisMathTest {

    /** 2026-03-02 is a Monday. */
    static final long MONDAY = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final long MIN = 60_000;

    /** Whole minutes from {@code start}, each at its power (NaN: no samples). */
    static MinuteSeries minutes(long start, double... watts) {
        int n = watts.length;
        long[] s = new long[n];
        double[] sec = new double[n];
        double[] j = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = start + i * MIN;
            sec[i] = 60;
            j[i] = Double.isNaN(watts[i]) ? 0 : watts[i] * 60;
            c[i] = Double.isNaN(watts[i]) ? 0 : 60;
        }
        return new MinuteSeries("node", "node", "measured", s, sec, j, c);
    }

    @Test
    void quantile_interpolatesBetweenClosestRanks() {
        double[] x = {10, 20, 30, 40};
        // h = 3 × 0.1 = 0.3: 10 + 0.3 × 10; h = 3 × 0.9 = 2.7: 30 + 0.7 × 10.
        assertEquals(13, AnalysisMath.quantile(x, 4, 0.10), 1e-9);
        assertEquals(37, AnalysisMath.quantile(x, 4, 0.90), 1e-9);
        assertEquals(10, AnalysisMath.quantile(x, 1, 0.90), 1e-9);
        assertTrue(Double.isNaN(AnalysisMath.quantile(x, 0, 0.5)));
    }

    @Test
    void hourOfWeek_mondayMidnightUtcIsZero() {
        assertEquals(0, AnalysisMath.hourOfWeek(MONDAY + 30 * MIN));
        assertEquals(167, AnalysisMath.hourOfWeek(MONDAY - 50 * MIN));
        assertEquals(29, AnalysisMath.hourOfWeek(Instant.parse("2026-03-03T05:59:59Z").toEpochMilli()));
        // Every 37 minutes over three years, before and after 1970 too, as java.time counts it.
        for (long ms = MONDAY - 3L * 365 * 86_400_000; ms < MONDAY; ms += 37 * MIN) {
            java.time.ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(java.time.ZoneOffset.UTC);
            assertEquals((t.getDayOfWeek().getValue() - 1) * 24 + t.getHour(), AnalysisMath.hourOfWeek(ms), t.toString());
        }
        java.time.ZonedDateTime before = Instant.parse("1969-12-29T13:10:00Z").atZone(java.time.ZoneOffset.UTC);
        assertEquals(13, AnalysisMath.hourOfWeek(before.toInstant().toEpochMilli()), "a Monday before 1970");
    }

    @Test
    void baseline_meanAndPercentilesPerSlot_minutesWithoutSamplesLeftOut() {
        // Monday 00:00-00:05: 10, 20, no samples, 30, 40 W; a week later at 01:00 (slot 1): 100 W.
        MinuteSeries first = minutes(MONDAY, 10, 20, Double.NaN, 30, 40);
        MinuteSeries second = minutes(MONDAY + 7 * 24 * 60 * MIN + 60 * MIN, 100);
        MinuteSeries both = new MinuteSeries("node", "node", "measured", concat(first.startMs(), second.startMs()),
                concat(first.seconds(), second.seconds()), concat(first.joules(), second.joules()),
                concat(first.coveredSeconds(), second.coveredSeconds()));
        List<PowerAnalysis.Slot> slots = AnalysisMath.baseline(both);
        assertEquals(168, slots.size());
        assertEquals(new PowerAnalysis.Slot(0, 4, 25, 13, 37), round(slots.get(0)));
        assertEquals(new PowerAnalysis.Slot(1, 1, 100, 100, 100), round(slots.get(1)));
        assertEquals(0, slots.get(2).minutes());
        assertTrue(Double.isNaN(slots.get(2).meanWatts()));
    }

    @Test
    void hourly_meanOverCoveredSecondsBesideTheSlot() {
        // Monday 00:58, 00:59 at 60 and 120 W (hour 00: mean 90), 01:00 at 30 W (hour 01).
        MinuteSeries s = minutes(MONDAY + 58 * MIN, 60, 120, 30);
        List<PowerAnalysis.Slot> baseline = AnalysisMath.baseline(minutes(MONDAY - 7 * 24 * 60 * MIN, 45));
        List<PowerAnalysis.HourVsBaseline> hours = AnalysisMath.hourly(s, baseline);
        assertEquals(2, hours.size());
        assertEquals(Instant.ofEpochMilli(MONDAY), hours.get(0).hour());
        assertEquals(90, hours.get(0).meanWatts(), 1e-9);
        assertEquals(120, hours.get(0).coveredSeconds(), 1e-9);
        assertEquals(45, hours.get(0).baselineMeanWatts(), 1e-9);
        assertEquals(30, hours.get(1).meanWatts(), 1e-9);
        assertTrue(Double.isNaN(hours.get(1).baselineMeanWatts()), "no baseline for slot 1");
    }

    @Test
    void union_mergesOverlapsAndDropsEmpty_overlapCountsInside() {
        long[][] u = AnalysisMath.union(List.of(new long[] {30, 40}, new long[] {5, 20}, new long[] {0, 10}, new long[] {50, 50}));
        assertEquals(2, u.length);
        assertArrayEquals(new long[] {0, 20}, u[0]);
        assertArrayEquals(new long[] {30, 40}, u[1]);
        assertEquals(10, AnalysisMath.overlap(u, 15, 35)); // 15..20 and 30..35
        assertEquals(0, AnalysisMath.overlap(u, 20, 30));
        assertEquals(30, AnalysisMath.overlap(u, -5, 100));
    }

    @Test
    void split_activeIdleFloorAndWaste() {
        // Minutes at 100, 100, 50, 40 W; work covers 0..90 s: minute 0 all active, minute 1 half, minutes 2 and 3 idle.
        MinuteSeries s = minutes(MONDAY, 100, 100, 50, 40);
        long[][] work = AnalysisMath.union(List.of(new long[] {MONDAY, MONDAY + 90_000}));
        PowerAnalysis.Split split = AnalysisMath.split(s, work, 0, 4);
        assertEquals(6000 + 3000, split.activeJoules(), 1e-9);
        assertEquals(3000 + 3000 + 2400, split.idleJoules(), 1e-9);
        assertEquals(90, split.activeSeconds(), 1e-9);
        assertEquals(150, split.idleSeconds(), 1e-9);
        // Minutes without work: 40 and 50 W; p10 = 40 + 0.1 × 10 = 41 W.
        assertEquals(41, split.idleFloorWatts(), 1e-9);
        // Above 41 W outside work: minute 1's idle half 3000 − 41 × 30 = 1770, minute 2 3000 − 2460 = 540, minute 3 none.
        assertEquals(2310, split.idleWasteJoules(), 1e-9);
        assertEquals(8400.0 / 17400, split.idleShare(), 1e-12);
    }

    @Test
    void split_withoutIdleMinutes_hasNoFloorNorWaste() {
        MinuteSeries s = minutes(MONDAY, 100, 100);
        PowerAnalysis.Split split = AnalysisMath.split(s, AnalysisMath.union(List.of(new long[] {MONDAY, MONDAY + 120_000})), 0, 2);
        assertEquals(12000, split.activeJoules(), 1e-9);
        assertEquals(0, split.idleShare(), 1e-12);
        assertTrue(Double.isNaN(split.idleFloorWatts()));
        assertTrue(Double.isNaN(split.idleWasteJoules()));
    }

    private static PowerAnalysis.Slot round(PowerAnalysis.Slot s) {
        return new PowerAnalysis.Slot(s.slot(), s.minutes(), r(s.meanWatts()), r(s.p10Watts()), r(s.p90Watts()));
    }

    private static double r(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
