package dev.greenloop.carbon;

import java.util.Arrays;

/**
 * The prefix-sum core of every window search over a step function (intensity per interval): the running
 * integral at each point boundary, and the integral up to any instant with one binary search. Shared by
 * {@link BestWindow} and the scheduler's planners. A measured hot path (bench/schedule-100k.sh): static
 * methods over arrays, no allocation per call, no checks beyond those documented.
 *
 * <p>The arrays: {@code t} holds the point starts in ascending order and, last, the end of the last point
 * (seconds since the epoch); {@code v} holds one value per point ({@code v.length == t.length - 1}); point
 * {@code i} applies on {@code [t[i], t[i+1])}. {@code secondsPerUnit} is the time unit of the integral in
 * seconds: {@code 1} for value × seconds, {@code 3600} for value × hours.
 */
public final class StepIntegral {

    private StepIntegral() {
    }

    /**
     * @return {@code cum} with {@code cum[i]} the integral from {@code t[0]} to {@code t[i]}; {@code t.length} long
     * @throws IllegalArgumentException if {@code t.length != v.length + 1}
     */
    public static double[] prefixSums(long[] t, double[] v, double secondsPerUnit) {
        if (t.length != v.length + 1) {
            throw new IllegalArgumentException("%d boundaries for %d points; expected one more boundary than points".formatted(t.length, v.length));
        }
        double[] cum = new double[t.length];
        for (int i = 0; i < v.length; i++) {
            cum[i + 1] = cum[i] + v[i] * (t[i + 1] - t[i]) / secondsPerUnit;
        }
        return cum;
    }

    /** @return the index of the point covering {@code s}, for {@code t[0] <= s < t[t.length - 1]}; the last point at the end */
    public static int index(long[] t, long s) {
        int i = Arrays.binarySearch(t, s);
        return i >= 0 ? Math.min(i, t.length - 2) : -i - 2;
    }

    /**
     * @param cum the {@link #prefixSums} of {@code t} and {@code v} in the same unit
     * @return the integral from {@code t[0]} to {@code s}, for {@code t[0] <= s}; at or after the end, the whole integral
     */
    public static double cumulative(long[] t, double[] v, double[] cum, double secondsPerUnit, long s) {
        if (s >= t[t.length - 1]) {
            return cum[v.length];
        }
        int i = index(t, s);
        return cum[i] + v[i] * (s - t[i]) / secondsPerUnit;
    }
}
