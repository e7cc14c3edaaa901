package dev.greenloop.schedule;

import java.util.List;

/**
 * The Let's Wait Awhile strategies (Wiesner, Behnke, Scheinert, Gontarska, Thamsen: "Let's Wait
 * Awhile: How Temporal Workload Shifting Can Reduce Carbon Emissions in the Cloud", Middleware
 * 2021), as baselines. They work on whole trace steps:
 *
 * <ul>
 *   <li>a job in one piece starts at the trace point in its window whose run has the lowest mean
 *       forecast intensity ({@link Starts#atPoints});
 *   <li>an interruptible job runs in the cleanest steps of its window ({@link Pieces#cleanest}).
 *       The paper has no checkpoint overhead or minimum segment, so a job with either runs in one piece.
 * </ul>
 *
 * Over several zones the cheapest is kept; the paper shifts in time only.
 */
final class LwaPlanner implements Planner {

    @Override
    public Run plan(Job job, Window w, List<Curve> curves) {
        Run best = null;
        double bestIntegral = Double.POSITIVE_INFINITY;
        for (int z = 0; z < curves.size(); z++) {
            Curve c = curves.get(z);
            Run r;
            if (Planner.freelySplittable(job)) {
                r = new Run(z, Pieces.cleanest(c, w));
            } else {
                r = Run.single(z, Starts.atPoints(c, w).start(), w.durationSeconds());
            }
            double integral = r.grams(c, 1000.0);
            if (integral < bestIntegral) {
                best = r;
                bestIntegral = integral;
            }
        }
        return best;
    }
}
