package dev.greenloop.schedule;

import java.util.List;

/**
 * The {@code greedy} policy: one piece, starting where the intensity at the start is lowest among
 * the window start and the trace points up to the latest start, over all allowed zones (the first
 * zone and the earliest start among equals). It looks at the start only, not the whole run.
 */
final class GreedyPlanner implements Planner {

    @Override
    public Run plan(Job job, Window w, List<Curve> curves) {
        int bestZone = 0;
        Starts.Best best = null;
        for (int z = 0; z < curves.size(); z++) {
            Starts.Best s = Starts.lowestAtStart(curves.get(z), w);
            if (best == null || s.integral() < best.integral()) {
                best = s;
                bestZone = z;
            }
        }
        return Run.single(bestZone, best.start(), w.durationSeconds());
    }
}
