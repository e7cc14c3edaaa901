package dev.greenloop.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code threshold} policy, in the job's first allowed zone: run while the intensity is below
 * the threshold, and regardless once the work left needs all the time left before the deadline.
 * A job in one piece (or one with checkpoint overhead or a minimum segment) starts at the first
 * window start or trace point below the threshold, or at the latest start when there is none.
 */
final class ThresholdPlanner implements Planner {

    private final double threshold;

    ThresholdPlanner(double thresholdGramsPerKWh) {
        this.threshold = thresholdGramsPerKWh;
    }

    @Override
    public Run plan(Job job, Window w, List<Curve> curves) {
        Curve c = curves.get(0);
        if (!Planner.freelySplittable(job)) {
            return Run.single(0, firstBelow(c, w), w.durationSeconds());
        }
        List<long[]> spans = new ArrayList<>();
        long remaining = w.durationSeconds();
        for (int k = c.index(w.lo()); remaining > 0; k++) {
            long a = Math.max(c.t[k], w.lo());
            long b = Math.min(c.t[k + 1], w.hiEnd());
            long slack = (w.hiEnd() - a) - remaining;
            long idle = c.v[k] < threshold ? 0 : Math.min(b - a, slack);
            long run = Math.min(b - a - idle, remaining);
            if (run > 0) {
                spans.add(new long[] {a + idle, a + idle + run});
                remaining -= run;
            }
        }
        long[] from = new long[spans.size()];
        long[] to = new long[spans.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = spans.get(i)[0];
            to[i] = spans.get(i)[1];
        }
        return new Run(0, Pieces.merge(from, to));
    }

    private long firstBelow(Curve c, Window w) {
        long hi = w.latestStart();
        if (c.valueAt(w.lo()) < threshold) {
            return w.lo();
        }
        for (int k = c.index(w.lo()) + 1; k < c.v.length && c.t[k] <= hi; k++) {
            if (c.v[k] < threshold) {
                return c.t[k];
            }
        }
        return hi;
    }
}
