package dev.greenloop.schedule;

import java.util.Arrays;

/**
 * A heuristic for interruptible jobs with a minimum segment length {@code L} or a checkpoint
 * overhead {@code c} per resumption: cut the window into blocks of {@code max(L, 1 min)} (the last
 * one takes the remainder), take blocks in order of increasing mean intensity until they cover the
 * run time plus {@code c} for every segment after the first, then trim the excess from the end of a
 * segment that stays at least {@code L} long. Every segment is at least {@code L} long, and the
 * result ends within the window; it is not guaranteed optimal.
 */
final class Blocks {

    private Blocks() {
    }

    /** @return the segments as {@link Run#bounds()}, or null when the rule finds none */
    static long[] plan(Curve c, Window w, long minSegmentSeconds, long overheadSeconds) {
        long block = Math.max(minSegmentSeconds, 60);
        int nb = (int) ((w.hiEnd() - w.lo()) / block);
        if (nb < 1) {
            return null;
        }
        long[] from = new long[nb];
        long[] to = new long[nb];
        double[] mean = new double[nb];
        Integer[] order = new Integer[nb];
        for (int j = 0; j < nb; j++) {
            from[j] = w.lo() + j * block;
            to[j] = j == nb - 1 ? w.hiEnd() : from[j] + block;
            mean[j] = c.integral(from[j], to[j]) / (to[j] - from[j]);
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mean[a], mean[b]));
        boolean[] taken = new boolean[nb];
        long covered = 0;
        int segments = 0;
        long needed = w.durationSeconds();
        for (int i = 0; i < nb && covered < needed; i++) {
            int j = order[i];
            taken[j] = true;
            covered += to[j] - from[j];
            segments += 1 - (j > 0 && taken[j - 1] ? 1 : 0) - (j + 1 < nb && taken[j + 1] ? 1 : 0);
            needed = w.durationSeconds() + overheadSeconds * (segments - 1);
        }
        if (covered < needed) {
            return null;
        }
        long[] f = new long[nb];
        long[] t = new long[nb];
        for (int j = 0; j < nb; j++) {
            if (taken[j]) {
                f[j] = from[j];
                t[j] = to[j];
            }
        }
        long[] bounds = Pieces.merge(f, t);
        return trim(c, bounds, covered - needed, Math.max(minSegmentSeconds, 60));
    }

    /** Cuts {@code excess} from the end of the segment whose tail is dirtiest among those that stay long enough. */
    private static long[] trim(Curve c, long[] bounds, long excess, long minLength) {
        if (excess == 0) {
            return bounds;
        }
        int best = -1;
        double dirtiest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i + 1] - bounds[i] - excess >= minLength) {
                double tail = c.integral(bounds[i + 1] - excess, bounds[i + 1]);
                if (tail > dirtiest) {
                    dirtiest = tail;
                    best = i;
                }
            }
        }
        if (best < 0) {
            return null;
        }
        long[] out = bounds.clone();
        out[best + 1] -= excess;
        return out;
    }
}
