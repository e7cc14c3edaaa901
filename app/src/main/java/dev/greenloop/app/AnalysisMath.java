package dev.greenloop.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The computations of {@link PowerAnalysis} on minute series, free of any store: hour-of-week statistics, hourly means,
 * the idle/active split, quantiles and unions of work intervals. Everything here is exact arithmetic on its input, so
 * its tests check hand-computed numbers.
 */
final class AnalysisMath {

    /** Hours in a week: the baseline's slots, Monday 00:00–01:00 UTC is slot 0. */
    static final int HOURS_OF_WEEK = 168;
    /** The quantile of the power without work taken as the idle floor. */
    static final double IDLE_FLOOR_QUANTILE = 0.10;

    private static final long HOUR_MS = 3_600_000;
    private static final long DAY_MS = 86_400_000;

    private AnalysisMath() {
    }

    /** @return the hour-of-week slot of {@code ms} in UTC: 0 is Monday 00:00–01:00, 167 is Sunday 23:00–24:00 */
    static int hourOfWeek(long ms) {
        // Arithmetic rather than a ZonedDateTime per minute: 1970-01-01 (epoch day 0) was a Thursday, day 3 of a week
        // that starts on Monday.
        long day = Math.floorDiv(ms, DAY_MS);
        int weekday = (int) Math.floorMod(day + 3, 7);
        return weekday * 24 + (int) (Math.floorMod(ms, DAY_MS) / HOUR_MS);
    }

    /**
     * The {@code p}-quantile of the values by linear interpolation between closest ranks (Hyndman and Fan's type 7, as
     * R's default, NumPy's {@code linear} and Excel's {@code PERCENTILE.INC}): for sorted {@code x} of {@code n} values,
     * {@code h = (n-1)p}, result {@code x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])}.
     *
     * @param sorted ascending values; not changed
     * @return NaN when there are none
     */
    static double quantile(double[] sorted, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The hour-of-week baseline of a series: for each of the {@value #HOURS_OF_WEEK} slots, the minute powers of every
     * step that starts in it (and has samples), their mean, 10th and 90th percentiles ({@link #quantile}).
     *
     * @return {@value #HOURS_OF_WEEK} slots, in slot order
     */
    static List<PowerAnalysis.Slot> baseline(MinuteSeries s) {
        int[] counts = new int[HOURS_OF_WEEK];
        int[] slotOf = new int[s.size()];
        for (int i = 0; i < s.size(); i++) {
            slotOf[i] = -1;
            if (Double.isFinite(s.watts(i))) {
                slotOf[i] = hourOfWeek(s.startMs()[i]);
                counts[slotOf[i]]++;
            }
        }
        double[][] values = new double[HOURS_OF_WEEK][];
        for (int k = 0; k < HOURS_OF_WEEK; k++) {
            values[k] = new double[counts[k]];
        }
        int[] filled = new int[HOURS_OF_WEEK];
        for (int i = 0; i < s.size(); i++) {
            if (slotOf[i] >= 0) {
                values[slotOf[i]][filled[slotOf[i]]++] = s.watts(i);
            }
        }
        List<PowerAnalysis.Slot> out = new ArrayList<>(HOURS_OF_WEEK);
        for (int k = 0; k < HOURS_OF_WEEK; k++) {
            double[] v = values[k];
            Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            out.add(new PowerAnalysis.Slot(k, v.length, v.length == 0 ? Double.NaN : sum / v.length, quantile(v, v.length, 0.10),
                    quantile(v, v.length, 0.90)));
        }
        return List.copyOf(out);
    }

    /**
     * The series' mean power per UTC hour ({@code Σ joules / Σ covered seconds} of the steps that start in the hour)
     * beside the baseline's slot of that hour; hours without samples are left out.
     */
    static List<PowerAnalysis.HourVsBaseline> hourly(MinuteSeries s, List<PowerAnalysis.Slot> baseline) {
        List<PowerAnalysis.HourVsBaseline> out = new ArrayList<>();
        int i = 0;
        while (i < s.size()) {
            long hour = Math.floorDiv(s.startMs()[i], HOUR_MS) * HOUR_MS;
            double joules = 0;
            double covered = 0;
            for (; i < s.size() && s.startMs()[i] < hour + HOUR_MS; i++) {
                joules += s.joules()[i];
                covered += s.coveredSeconds()[i];
            }
            if (covered > 0) {
                PowerAnalysis.Slot slot = baseline.get(hourOfWeek(hour));
                out.add(new PowerAnalysis.HourVsBaseline(Instant.ofEpochMilli(hour), slot.slot(), joules / covered, covered, slot.meanWatts(),
                        slot.p10Watts(), slot.p90Watts()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Merges work spans into disjoint intervals, sorted.
     *
     * @param spans {@code [startMs, endMs)} pairs, in any order; empty ones are dropped
     */
    static long[][] union(List<long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans.stream().filter(a -> a[1] > a[0]).toList());
        sorted.sort(Comparator.comparingLong(a -> a[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] a : sorted) {
            if (!out.isEmpty() && a[0] <= out.getLast()[1]) {
                out.getLast()[1] = Math.max(out.getLast()[1], a[1]);
            } else {
                out.add(new long[] {a[0], a[1]});
            }
        }
        return out.toArray(new long[0][]);
    }

    /** @return milliseconds of {@code [a, b)} inside the disjoint sorted intervals */
    static long overlap(long[][] union, long a, long b) {
        int lo = 0;
        int hi = union.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (union[mid][1] <= a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long total = 0;
        for (int k = lo; k < union.length && union[k][0] < b; k++) {
            total += Math.min(b, union[k][1]) - Math.max(a, union[k][0]);
        }
        return total;
    }

    /**
     * Splits steps {@code [lo, hi)} of a series into active (inside work) and idle (outside), each step's energy and
     * covered time in proportion to how much of it work overlaps (power is taken as even within a step). The idle floor
     * is the {@value #IDLE_FLOOR_QUANTILE}-quantile of the power of the steps with samples and no work at all; the idle
     * waste is, over the idle part of every step, the energy above that floor: {@code Σ max(0, idleJoules − floor ×
     * idleCoveredSeconds)}.
     */
    static PowerAnalysis.Split split(MinuteSeries s, long[][] work, int lo, int hi) {
        double active = 0;
        double idle = 0;
        double activeSeconds = 0;
        double idleSeconds = 0;
        double[] idleOnly = new double[hi - lo];
        int n = 0;
        double[] fraction = new double[hi - lo];
        for (int i = lo; i < hi; i++) {
            if (s.coveredSeconds()[i] <= 0) {
                continue;
            }
            long a = s.startMs()[i];
            long b = s.endMs(i);
            double f = b > a ? (double) overlap(work, a, b) / (b - a) : 0;
            fraction[i - lo] = f;
            active += s.joules()[i] * f;
            idle += s.joules()[i] * (1 - f);
            activeSeconds += s.coveredSeconds()[i] * f;
            idleSeconds += s.coveredSeconds()[i] * (1 - f);
            if (f == 0) {
                idleOnly[n++] = s.watts(i);
            }
        }
        Arrays.sort(idleOnly, 0, n);
        double floor = quantile(idleOnly, n, IDLE_FLOOR_QUANTILE);
        double waste = Double.NaN;
        if (n > 0) {
            waste = 0;
            for (int i = lo; i < hi; i++) {
                double f = fraction[i - lo];
                if (s.coveredSeconds()[i] > 0 && f < 1) {
                    waste += Math.max(0, s.joules()[i] * (1 - f) - floor * s.coveredSeconds()[i] * (1 - f));
                }
            }
        }
        return new PowerAnalysis.Split(s.name(), active, idle, activeSeconds, idleSeconds, floor, waste);
    }
}
