package dev.greenloop.schedule;

import java.util.List;

/** Places one job, given its window and the planning curves of the zones it may use, in order. */
interface Planner {

    /**
     * @param job the job
     * @param w its window, which fits and lies within every curve
     * @param curves one per allowed zone, in the job's order of preference; never empty
     * @return where and when it runs, ending by {@code w.hiEnd()}
     */
    Run plan(Job job, Window w, List<Curve> curves);

    static Planner of(Policy policy, double thresholdGramsPerKWh) {
        return switch (policy) {
            case AGNOSTIC -> (job, w, curves) -> Run.single(0, w.lo(), w.durationSeconds());
            case OPTIMAL -> new OptimalPlanner();
            case GREEDY -> new GreedyPlanner();
            case THRESHOLD -> new ThresholdPlanner(thresholdGramsPerKWh);
            case LWA -> new LwaPlanner();
        };
    }

    /** @return whether {@code job} may be split under the exact cleanest-pieces rule (no overhead, no minimum) */
    static boolean freelySplittable(Job job) {
        return job.interruptible() && job.checkpointMinutes() == 0 && job.minSegmentMinutes() <= 1;
    }
}
