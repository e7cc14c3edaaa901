package dev.greenloop.store;

import dev.greenloop.core.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where and when a job is planned to run, and the emissions the plan expects. Immutable.
 *
 * @param zone the zone it is planned in
 * @param segments its run segments, in time order; at least one
 * @param plannedGrams the plan's estimate, gCO2eq, on the intensity data it was planned with
 * @param baselineGrams the estimate for running at once in the first allowed zone, gCO2eq
 * @param plannedAt when the plan was made
 */
public record JobPlan(String zone, List<Interval> segments, double plannedGrams, double baselineGrams, Instant plannedAt) {

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if there is no segment
     */
    public JobPlan {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(plannedAt, "plannedAt");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one segment");
        }
    }
}
