package dev.greenloop.schedule;

import java.util.Arrays;

/**
 * The cleanest-pieces rule for a job that may be split freely: cut the window at trace points, take
 * the pieces in order of increasing intensity until the run time is covered (the last one in part,
 * from its start), and merge what touches. With no checkpoint overhead and no minimum segment,
 * every whole minute of the window is interchangeable apart from its intensity, so this is the
 * exact minimum (a fractional-knapsack argument with equal weights).
 */
final class Pieces {

    private Pieces() {
    }

    /** @return the segments, as {@link Run#bounds()}, and nothing else */
    static long[] cleanest(Curve c, Window w) {
        long lo = w.lo();
        long hi = w.hiEnd();
        int first = c.index(lo);
        int last = c.index(hi - 1);
        int n = last - first + 1;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = first + i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(c.v[a], c.v[b]));
        long[] takeFrom = new long[n];
        long[] takeTo = new long[n];
        long remaining = w.durationSeconds();
        for (int i = 0; i < n && remaining > 0; i++) {
            int k = order[i];
            long a = Math.max(c.t[k], lo);
            long b = Math.min(c.t[k + 1], hi);
            long take = Math.min(b - a, remaining);
            takeFrom[k - first] = a;
            takeTo[k - first] = a + take;
            remaining -= take;
        }
        return merge(takeFrom, takeTo);
    }

    /** Merges per-piece spans (empty where {@code from == to}) given in time order into segments. */
    static long[] merge(long[] from, long[] to) {
        long[] out = new long[from.length * 2];
        int m = 0;
        for (int i = 0; i < from.length; i++) {
            if (to[i] <= from[i]) {
                continue;
            }
            if (m > 0 && out[m - 1] == from[i]) {
                out[m - 1] = to[i];
            } else {
                out[m++] = from[i];
                out[m++] = to[i];
            }
        }
        return Arrays.copyOf(out, m);
    }
}
