package dev.greenloop.carbon;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A time series of carbon intensity for one zone: each point applies from its timestamp until the
 * next; the last one for one step (the trace's most common spacing). Immutable; lookups are a
 * binary search.
 *
 * <p>Built from arrays that must be strictly increasing in time, with no step longer than
 * {@link #MAX_GAP_FACTOR} times the most common one (a gap), and finite values ≥ 0; anything else
 * is rejected with an {@link InvalidTraceException} naming the offending point.
 */
public final class IntensityTrace implements IntensityTimeline {

    /**
     * A step more than this many times the trace's most common step is a gap. Up to twice is
     * accepted: one missing point, whose predecessor then applies until the next point (the
     * Let's Wait Awhile German trace has two such points in a year of 15-minute data), and shorter
     * steps are fine (the GB trace mixes 30- and 15-minute data).
     */
    public static final double MAX_GAP_FACTOR = 2.0;

    private final CarbonSignal signal;
    private final long[] epochSeconds;
    private final double[] values;
    private final long stepSeconds;

    private IntensityTrace(CarbonSignal signal, long[] epochSeconds, double[] values, long stepSeconds) {
        this.signal = signal;
        this.epochSeconds = epochSeconds;
        this.values = values;
        this.stepSeconds = stepSeconds;
    }

    /**
     * @param signal what the values mean (its zone is the trace's zone)
     * @param epochSeconds point start times, UTC seconds since the epoch, strictly increasing; copied
     * @param gramsPerKWh values, one per time, finite and ≥ 0; copied
     * @param origin where the points came from, for messages, such as a file name; point {@code i}
     *     is described as {@code origin + " point " + (i + 1)} unless {@code lines} is given
     * @param lines the source line of each point, for messages; may be null
     * @throws InvalidTraceException for fewer than two points, unsorted or duplicate times, gaps, or bad values
     */
    public static IntensityTrace of(CarbonSignal signal, long[] epochSeconds, double[] gramsPerKWh, String origin, int[] lines) {
        int n = epochSeconds.length;
        if (n != gramsPerKWh.length) {
            throw new IllegalArgumentException("times and values differ in length: %d and %d".formatted(n, gramsPerKWh.length));
        }
        if (n < 2) {
            throw new InvalidTraceException("%s: a trace needs at least two points, found %d".formatted(origin, n));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(gramsPerKWh[i]) || gramsPerKWh[i] < 0) {
                throw new InvalidTraceException("%s: intensity %s is not a number >= 0 gCO2eq/kWh".formatted(where(origin, lines, i), gramsPerKWh[i]));
            }
            if (i > 0 && epochSeconds[i] <= epochSeconds[i - 1]) {
                String what = epochSeconds[i] == epochSeconds[i - 1] ? "repeats the timestamp" : "goes back in time from";
                throw new InvalidTraceException("%s: %s %s of the previous point; sort the trace and remove duplicates"
                        .formatted(where(origin, lines, i), what, Instant.ofEpochSecond(epochSeconds[i - 1])));
            }
        }
        long step = commonStep(epochSeconds);
        for (int i = 1; i < n; i++) {
            long gap = epochSeconds[i] - epochSeconds[i - 1];
            if (gap > step * MAX_GAP_FACTOR) {
                throw new InvalidTraceException("%s: gap of %s after %s in a trace with a %s step; fill the missing points"
                        .formatted(where(origin, lines, i), Duration.ofSeconds(gap), Instant.ofEpochSecond(epochSeconds[i - 1]),
                                Duration.ofSeconds(step)));
            }
        }
        return new IntensityTrace(signal, epochSeconds.clone(), gramsPerKWh.clone(), step);
    }

    private static String where(String origin, int[] lines, int i) {
        return lines != null ? origin + " line " + lines[i] : origin + " point " + (i + 1);
    }

    /** The most common spacing between consecutive points. */
    private static long commonStep(long[] t) {
        long[] steps = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            steps[i - 1] = t[i] - t[i - 1];
        }
        Arrays.sort(steps);
        long best = steps[0];
        int bestRun = 0;
        for (int i = 0; i < steps.length; ) {
            int j = i;
            while (j < steps.length && steps[j] == steps[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = steps[i];
            }
            i = j;
        }
        return best;
    }

    @Override
    public IntensityPoint at(Instant instant) {
        int i = indexAt(instant);
        if (i < 0) {
            throw new NoSuchElementException("the %s trace covers %s to %s, not %s".formatted(signal.zone(), start(), end(), instant));
        }
        return new IntensityPoint(new Interval(time(i), pointEnd(i)), CarbonIntensity.ofGramsPerKWh(values[i]));
    }

    /** @return the index of the point covering {@code instant}, or -1 outside the trace */
    public int indexAt(Instant instant) {
        long s = instant.getEpochSecond();
        if (s < epochSeconds[0] || !instant.isBefore(end())) {
            return -1;
        }
        int i = Arrays.binarySearch(epochSeconds, s);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public CarbonSignal signal() {
        return signal;
    }

    /** @return the zone */
    public String zone() {
        return signal.zone();
    }

    /** @return the number of points */
    public int size() {
        return values.length;
    }

    /** @return when point {@code i} starts */
    public Instant time(int i) {
        return Instant.ofEpochSecond(epochSeconds[i]);
    }

    /** @return point {@code i}'s start, in seconds since the epoch */
    public long epochSecond(int i) {
        return epochSeconds[i];
    }

    /** @return point {@code i}'s value, gCO2eq/kWh */
    public double value(int i) {
        return values[i];
    }

    /** @return when point {@code i} stops applying: the next point's start, or one step after the last */
    public Instant pointEnd(int i) {
        return i + 1 < epochSeconds.length ? time(i + 1) : Instant.ofEpochSecond(epochSeconds[i] + stepSeconds);
    }

    /** @return the trace's most common step */
    public Duration step() {
        return Duration.ofSeconds(stepSeconds);
    }

    /** @return the first instant covered */
    public Instant start() {
        return time(0);
    }

    /** @return the first instant after the trace */
    public Instant end() {
        return pointEnd(epochSeconds.length - 1);
    }

    /** @return a copy of the values */
    public double[] values() {
        return values.clone();
    }

    /** @return a copy of the start times, seconds since the epoch */
    public long[] epochSeconds() {
        return epochSeconds.clone();
    }
}
