package dev.greenloop.schedule;

/**
 * Searches start times for a job that runs in one piece. Part of the planning hot path.
 *
 * <p>Why breakpoints suffice: the integral over {@code [s, s + D)} is piecewise linear in {@code s},
 * with kinks only where {@code s} or {@code s + D} crosses a trace point. Its minimum over an
 * interval is therefore at a kink or an end of the interval. Trace points are whole minutes and
 * {@code D} is whole minutes, so every kink is a whole minute: searching the kinks and the window
 * ends gives the exact minimum over all whole-minute starts.
 */
final class Starts {

    private Starts() {
    }

    /** A start and the integral of intensity × hours over the run that begins there. */
    record Best(long start, double integral) {
    }

    /** @return the whole-minute start in {@code w} with the least integral; the earliest among equals */
    static Best exact(Curve c, Window w) {
        long lo = w.lo();
        long hi = w.latestStart();
        long d = w.durationSeconds();
        long bestStart = lo;
        double best = c.integral(lo, lo + d);
        double atHi = c.integral(hi, hi + d);
        if (atHi < best) {
            best = atHi;
            bestStart = hi;
        }
        long[] t = c.t;
        // Kinks from the start crossing a point: t[k] in (lo, hi).
        for (int k = c.index(lo) + 1; k < t.length && t[k] < hi; k++) {
            double f = c.integral(t[k], t[k] + d);
            if (f < best || (f == best && t[k] < bestStart)) {
                best = f;
                bestStart = t[k];
            }
        }
        // Kinks from the end crossing a point: t[k] - d in (lo, hi).
        for (int k = c.index(Math.min(lo + d, c.end() - 1)); k < t.length && t[k] - d < hi; k++) {
            long s = t[k] - d;
            if (s <= lo) {
                continue;
            }
            double f = c.integral(s, t[k]);
            if (f < best || (f == best && s < bestStart)) {
                best = f;
                bestStart = s;
            }
        }
        return new Best(bestStart, best);
    }

    /**
     * @return among the trace points in {@code [lo, latestStart]} (or {@code lo} alone when there
     *     are none), the start with the least integral: the Let's Wait Awhile non-interruptible rule
     */
    static Best atPoints(Curve c, Window w) {
        long hi = w.latestStart();
        long[] t = c.t;
        int k = c.index(w.lo());
        if (t[k] < w.lo()) {
            k++;
        }
        if (k >= t.length || t[k] > hi) {
            return new Best(w.lo(), c.integral(w.lo(), w.lo() + w.durationSeconds()));
        }
        long bestStart = t[k];
        double best = c.integral(t[k], t[k] + w.durationSeconds());
        for (k++; k < t.length && t[k] <= hi; k++) {
            double f = c.integral(t[k], t[k] + w.durationSeconds());
            if (f < best) {
                best = f;
                bestStart = t[k];
            }
        }
        return new Best(bestStart, best);
    }

    /** @return the candidate start (window start or a trace point) where the intensity is lowest; earliest among equals */
    static Best lowestAtStart(Curve c, Window w) {
        long hi = w.latestStart();
        long bestStart = w.lo();
        double best = c.valueAt(w.lo());
        long[] t = c.t;
        for (int k = c.index(w.lo()) + 1; k < t.length && t[k] <= hi; k++) {
            if (c.v[k] < best) {
                best = c.v[k];
                bestStart = t[k];
            }
        }
        return new Best(bestStart, best);
    }
}
