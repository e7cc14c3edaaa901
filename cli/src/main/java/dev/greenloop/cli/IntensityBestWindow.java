package dev.greenloop.cli;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;

/**
 * The start, on a whole minute, that minimises the mean intensity of a job of fixed length within a
 * window, on one trace (a step function: each point applies until the next).
 *
 * <p>With the running integral {@code F} of the step function, the job's mean from start {@code s} is
 * {@code (F(s+D) − F(s)) / D}, piecewise linear in {@code s} with breaks where {@code s} or {@code s+D}
 * crosses a point boundary; so the minimum over minutes lies at a break rounded down or up to the
 * minute, or at an end of the window. Each candidate costs a binary search: O(n log n) in all.
 */
final class IntensityBestWindow {

    private static final long MINUTE = 60;

    /**
     * @param start the best start
     * @param meanGramsPerKWh the time-weighted mean intensity over [start, start + duration)
     */
    record Choice(Instant start, double meanGramsPerKWh) {
    }

    private final long[] t;
    private final double[] v;
    private final double[] cum;
    private final long end;

    IntensityBestWindow(IntensityTrace trace) {
        int n = trace.size();
        t = trace.epochSeconds();
        v = trace.values();
        end = trace.end().getEpochSecond();
        cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            long next = i + 1 < n ? t[i + 1] : end;
            cum[i + 1] = cum[i] + v[i] * (next - t[i]);
        }
    }

    /** @return the integral of intensity × seconds from the trace's start to {@code x}, within the trace */
    private double integral(long x) {
        int lo = 0;
        int hi = t.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (t[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return cum[lo] + v[lo] * (x - t[lo]);
    }

    /** @return the mean intensity over [start, start + duration); both within the trace */
    double mean(long startEpochSecond, long durationSeconds) {
        return (integral(startEpochSecond + durationSeconds) - integral(startEpochSecond)) / durationSeconds;
    }

    /**
     * @param from the window's start
     * @param to the window's end; the job must finish by then
     * @param duration the job's length, positive
     * @return the earliest of the best minute starts
     * @throws IllegalArgumentException if no whole-minute start fits, or the window is not within the trace
     */
    Choice best(Instant from, Instant to, Duration duration) {
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
        for (int i = 0; i <= t.length; i++) {
            long b = i < t.length ? t[i] : end;
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
        return new Choice(Instant.ofEpochSecond(bestStart), bestMean);
    }
}
