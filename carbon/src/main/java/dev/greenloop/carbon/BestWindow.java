package dev.greenloop.carbon;

import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The best window for a job of fixed length: the whole-minute start, within an earliest start and a latest end,
 * with the lowest time-weighted mean intensity on a trace (a step function: each point applies until the next);
 * and, across zones, the zone whose best window is lowest. What the Carbon Aware SDK's best-window query answers.
 *
 * <p>With the running integral {@code F} of the step function, the job's mean from start {@code s} is
 * {@code (F(s+D) − F(s)) / D}, piecewise linear in {@code s} with breaks where {@code s} or {@code s+D}
 * crosses a point boundary; so the minimum over minutes lies at a break rounded down or up to the
 * minute, or at an end of the window. Each candidate costs a binary search: O(n log n) in all. The prefix
 * sums are {@link StepIntegral}'s, the core the scheduler's planners use too.
 * Instances are immutable and thread-safe.
 */
public final class BestWindow {

    private static final long MINUTE = 60;

    /**
     * @param zone the trace's zone
     * @param signal the trace's signal
     * @param start the best start, on a whole minute
     * @param meanGramsPerKWh the time-weighted mean intensity over [start, start + duration)
     */
    public record Choice(String zone, CarbonSignal signal, Instant start, double meanGramsPerKWh) {

        /** @throws NullPointerException if an argument is null */
        public Choice {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(start, "start");
        }
    }

    private final IntensityTrace trace;
    /** Point starts and, last, the trace's end: seconds since the epoch. */
    private final long[] t;
    private final double[] v;
    /** {@link StepIntegral#prefixSums} in gCO2eq/kWh × seconds. */
    private final double[] cum;
    private final long end;

    private BestWindow(IntensityTrace trace) {
        this.trace = trace;
        int n = trace.size();
        t = java.util.Arrays.copyOf(trace.epochSeconds(), n + 1);
        end = trace.end().getEpochSecond();
        t[n] = end;
        v = trace.values();
        cum = StepIntegral.prefixSums(t, v, 1);
    }

    /**
     * @param trace the intensity over time (prefix sums are computed once, O(n))
     * @return a search over it
     * @throws NullPointerException if {@code trace} is null
     */
    public static BestWindow on(IntensityTrace trace) {
        return new BestWindow(Objects.requireNonNull(trace, "trace"));
    }

    /** @return the integral of intensity × seconds from the trace's start to {@code x}, within the trace */
    private double integral(long x) {
        return StepIntegral.cumulative(t, v, cum, 1, x);
    }

    /**
     * @param start the job's start, within the trace
     * @param duration the job's length, positive, ending within the trace
     * @return the time-weighted mean intensity over [start, start + duration), gCO2eq/kWh
     * @throws IllegalArgumentException if the duration is not positive or the span is not within the trace
     */
    public double mean(Instant start, Duration duration) {
        long s = start.getEpochSecond();
        long d = duration.toSeconds();
        if (d <= 0 || s < t[0] || s + d > end) {
            throw new IllegalArgumentException("%s for %s is not a positive span within the trace, which covers %s to %s"
                    .formatted(start, duration, trace.start(), trace.end()));
        }
        return mean(s, d);
    }

    private double mean(long startEpochSecond, long durationSeconds) {
        return (integral(startEpochSecond + durationSeconds) - integral(startEpochSecond)) / durationSeconds;
    }

    /**
     * @param from the earliest start
     * @param to the latest end; the job must finish by then
     * @param duration the job's length, positive
     * @return the earliest of the best whole-minute starts, with its mean
     * @throws IllegalArgumentException if no whole-minute start fits, or the window is not within the trace
     */
    public Choice best(Instant from, Instant to, Duration duration) {
        long d = duration.toSeconds();
        long first = Math.ceilDiv(from.getEpochSecond(), MINUTE) * MINUTE;
        long last = Math.floorDiv(to.getEpochSecond() - d, MINUTE) * MINUTE;
        if (d <= 0 || first > last) {
            throw new IllegalArgumentException("no whole-minute start for a %s job fits between %s and %s".formatted(duration, from, to));
        }
        if (first < t[0] || last + d > end) {
            throw new IllegalArgumentException("the window %s to %s is not within the trace, which covers %s to %s"
                    .formatted(from, to, Instant.ofEpochSecond(t[0]), Instant.ofEpochSecond(end)));
        }
        long bestStart = first;
        double bestMean = mean(first, d);
        double lastMean = mean(last, d);
        if (lastMean < bestMean) {
            bestStart = last;
            bestMean = lastMean;
        }
        for (int i = 0; i < t.length; i++) {
            long b = t[i];
            for (long s : new long[] {b, b - d}) {
                long down = Math.floorDiv(s, MINUTE) * MINUTE;
                for (long c : new long[] {down, down + MINUTE}) {
                    if (c >= first && c <= last) {
                        double m = mean(c, d);
                        if (m < bestMean || (m == bestMean && c < bestStart)) {
                            bestMean = m;
                            bestStart = c;
                        }
                    }
                }
            }
        }
        return new Choice(trace.zone(), trace.signal(), Instant.ofEpochSecond(bestStart), bestMean);
    }

    /**
     * @param choices the best window of each zone, in order
     * @return the one with the lowest mean; the first of equals
     * @throws IllegalArgumentException if {@code choices} is empty
     */
    public static Choice lowest(List<Choice> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no zones to choose from");
        }
        Choice best = choices.getFirst();
        for (Choice c : choices) {
            if (c.meanGramsPerKWh() < best.meanGramsPerKWh()) {
                best = c;
            }
        }
        return best;
    }
}
