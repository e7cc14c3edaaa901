package dev.greenloop.schedule;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.StepIntegral;
import java.util.Random;

/**
 * The hot path of planning: one zone's intensity as a step function with its running integral
 * (prefix sums of intensity × hours, carbon's {@link StepIntegral}, the core of {@code BestWindow} too), so
 * that the integral over any span costs one or two binary searches. Point {@code i} applies on {@code [t[i], t[i+1])}; {@code t[n]} is the trace's end.
 */
final class Curve {

    final String zone;
    /** Point start times and, last, the end: seconds since the epoch, whole minutes. */
    final long[] t;
    /** Intensity of each point, gCO2eq/kWh. */
    final double[] v;
    /** {@code cum[i]}: the integral of intensity × hours from {@code t[0]} to {@code t[i]} ({@link StepIntegral}). */
    private final double[] cum;

    private static final double SECONDS_PER_HOUR = 3600.0;

    private Curve(String zone, long[] t, double[] v) {
        this.zone = zone;
        this.t = t;
        this.v = v;
        this.cum = StepIntegral.prefixSums(t, v, SECONDS_PER_HOUR);
    }

    /**
     * @throws InvalidJobException if a point does not start on a whole minute (the planners' grid)
     */
    static Curve of(IntensityTrace trace) {
        int n = trace.size();
        long[] t = new long[n + 1];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = trace.epochSecond(i);
            v[i] = trace.value(i);
        }
        t[n] = trace.end().getEpochSecond();
        for (long s : t) {
            if (s % 60 != 0) {
                throw new InvalidJobException("trace for %s: point at %s is not on a whole minute; the planners work in minutes"
                        .formatted(trace.zone(), java.time.Instant.ofEpochSecond(s)));
            }
        }
        return new Curve(trace.zone(), t, v);
    }

    /** For tests: a curve from raw points; {@code t} has one more entry than {@code v}. */
    static Curve of(String zone, long[] t, double[] v) {
        return new Curve(zone, t.clone(), v.clone());
    }

    /**
     * @return the same times with each value multiplied by {@code max(0, 1 + sd × N(0, 1))}, one
     *     draw per point in time order from {@code random}
     */
    Curve withNoise(double sd, Random random) {
        double[] noisy = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            noisy[i] = v[i] * Math.max(0, 1 + sd * random.nextGaussian());
        }
        return new Curve(zone, t, noisy);
    }

    long start() {
        return t[0];
    }

    long end() {
        return t[t.length - 1];
    }

    /** @return the index of the point covering {@code s}, for {@code start() <= s < end()} */
    int index(long s) {
        return StepIntegral.index(t, s);
    }

    /** @return the integral from the start to {@code s}, gCO2eq/kWh × h; {@code s} within the curve */
    double cumulative(long s) {
        return StepIntegral.cumulative(t, v, cum, SECONDS_PER_HOUR, s);
    }

    /** @return the integral of intensity × hours over {@code [a, b)} */
    double integral(long a, long b) {
        return cumulative(b) - cumulative(a);
    }

    /** @return the intensity at {@code s} */
    double valueAt(long s) {
        return v[index(s)];
    }

    /** @return grams emitted drawing {@code powerWatts} over {@code [a, b)} */
    double grams(double powerWatts, long a, long b) {
        return powerWatts / 1000.0 * integral(a, b);
    }
}
