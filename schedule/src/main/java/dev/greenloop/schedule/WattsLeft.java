package dev.greenloop.schedule;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The information battery's budget in one zone: the watts left in every whole minute from
 * {@code origin}, and the best placement of a job where every minute it runs has room for its power.
 * Part of {@link BatteryFiller}'s hot path.
 */
final class WattsLeft {

    /** Tolerance on watts left, against the rounding of repeated subtraction. */
    static final double EPS = 1e-6;

    private final long origin;
    private final double[] left;

    WattsLeft(long origin, long end, double budget) {
        this.origin = origin;
        this.left = new double[Math.toIntExact((end - origin) / 60)];
        Arrays.fill(left, budget);
    }

    private int minute(long epochSecond) {
        return (int) ((epochSecond - origin) / 60);
    }

    /** @return the job's best placement where every minute it runs has room for its power, or null */
    long[] place(Job job, Window w, Curve c) {
        int from = minute(w.lo());
        int to = minute(w.hiEnd());
        int d = (int) (w.durationSeconds() / 60);
        double need = job.powerWatts() - EPS;
        if (Planner.freelySplittable(job)) {
            return cleanest(c, w, from, to, d, need);
        }
        // blocked[k]: how many minutes of [from, from + k) lack room.
        int[] blocked = new int[to - from + 1];
        for (int m = from; m < to; m++) {
            blocked[m - from + 1] = blocked[m - from] + (left[m] < need ? 1 : 0);
        }
        // cum[k]: the integral from the window's start to minute from + k, walked once instead of searched per start.
        double[] cum = new double[to - from + 1];
        int k = c.index(w.lo());
        for (int m = from; m < to; m++) {
            long s = origin + m * 60L;
            while (c.t[k + 1] <= s) {
                k++;
            }
            cum[m - from + 1] = cum[m - from] + c.v[k] / 60.0;
        }
        int bestStart = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int m = from; m + d <= to; m++) {
            if (blocked[m + d - from] - blocked[m - from] > 0) {
                continue;
            }
            double f = cum[m + d - from] - cum[m - from];
            if (bestStart < 0 || f < best - 1e-9 * Math.abs(best)) {
                best = f;
                bestStart = m;
            }
        }
        long s = origin + bestStart * 60L;
        return bestStart < 0 ? null : new long[] {s, s + d * 60L};
    }

    /** The cleanest {@code d} minutes with room, taken per trace piece in order of intensity, then time. */
    private long[] cleanest(Curve c, Window w, int from, int to, int d, double need) {
        int first = c.index(w.lo());
        int last = c.index(w.hiEnd() - 1);
        int[] pieces = IntStream.rangeClosed(first, last).boxed()
                .sorted(Comparator.comparingDouble(k -> c.v[k])).mapToInt(Integer::intValue).toArray();
        boolean[] chosen = new boolean[to - from];
        int remaining = d;
        for (int k : pieces) {
            long a = Math.max(c.t[k], w.lo());
            long b = Math.min(c.t[k + 1], w.hiEnd());
            for (long s = a; s < b && remaining > 0; s += 60) {
                int m = minute(s);
                if (left[m] >= need) {
                    chosen[m - from] = true;
                    remaining--;
                }
            }
            if (remaining == 0) {
                break;
            }
        }
        if (remaining > 0) {
            return null;
        }
        long[] out = new long[2 * d];
        int n = 0;
        for (int k = 0; k < chosen.length; k++) {
            if (!chosen[k]) {
                continue;
            }
            long s = origin + (from + k) * 60L;
            if (n > 0 && out[n - 1] == s) {
                out[n - 1] = s + 60;
            } else {
                out[n++] = s;
                out[n++] = s + 60;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Subtracts {@code watts} over every minute of {@code bounds} (as {@link Run#bounds()}); negative watts give them back. */
    void take(long[] bounds, double watts) {
        for (int i = 0; i < bounds.length; i += 2) {
            for (int m = minute(bounds[i]); m < minute(bounds[i + 1]); m++) {
                left[m] -= watts;
            }
        }
    }
}
