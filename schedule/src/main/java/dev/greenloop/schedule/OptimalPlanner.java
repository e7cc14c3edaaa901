package dev.greenloop.schedule;

import java.util.List;

/**
 * The {@code optimal} policy. Per allowed zone it finds the best placement and keeps the cheapest
 * zone (the first among equals):
 *
 * <ul>
 *   <li>a job in one piece: the exact best whole-minute start ({@link Starts#exact});
 *   <li>an interruptible job without checkpoint overhead or minimum segment: the exact cleanest
 *       pieces ({@link Pieces#cleanest});
 *   <li>an interruptible job with either: the cheaper of the exact one-piece plan and the
 *       {@link Blocks} heuristic, so never worse than not interrupting.
 * </ul>
 */
final class OptimalPlanner implements Planner {

    @Override
    public Run plan(Job job, Window w, List<Curve> curves) {
        Run best = null;
        double bestIntegral = Double.POSITIVE_INFINITY;
        for (int z = 0; z < curves.size(); z++) {
            Curve c = curves.get(z);
            Run r;
            double integral;
            if (Planner.freelySplittable(job)) {
                r = new Run(z, Pieces.cleanest(c, w));
                integral = r.grams(c, 1000.0);
            } else {
                Starts.Best s = Starts.exact(c, w);
                r = Run.single(z, s.start(), w.durationSeconds());
                integral = s.integral();
                if (job.interruptible()) {
                    long[] split = Blocks.plan(c, w, job.minSegmentMinutes() * 60L, job.checkpointMinutes() * 60L);
                    if (split != null) {
                        Run alt = new Run(z, split);
                        double altIntegral = alt.grams(c, 1000.0);
                        if (altIntegral < integral) {
                            r = alt;
                            integral = altIntegral;
                        }
                    }
                }
            }
            if (integral < bestIntegral) {
                best = r;
                bestIntegral = integral;
            }
        }
        return best;
    }
}
