package dev.greenloop.schedule;

import dev.greenloop.core.Interval;
import java.util.List;

/**
 * Where and when one job ran in a simulation. Immutable.
 *
 * @param job the job
 * @param zone the zone it ran in
 * @param segments its run segments, in time order, disjoint and not touching; their total is the
 *     job's duration plus any checkpoint overhead
 * @param grams its emissions on the real trace, gCO2eq
 * @param baselineGrams the emissions of the {@link Policy#AGNOSTIC} placement on the real trace
 */
public record Placement(Job job, String zone, List<Interval> segments, double grams, double baselineGrams) {

    /** Copies the segment list. */
    public Placement {
        segments = List.copyOf(segments);
    }

    /** @return whether the last segment ends after the job's deadline */
    public boolean missedDeadline() {
        return segments.getLast().end().isAfter(job.deadline());
    }
}
