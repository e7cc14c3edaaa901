package dev.greenloop.schedule.live;

import dev.greenloop.core.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A live job's plan: where and when its remaining work runs, and the emissions expected. Immutable.
 *
 * @param zone the zone
 * @param segments run segments in time order, at least one
 * @param grams the estimate on the intensity data planned with, gCO2eq; NaN when the plan is a fallback
 * @param baselineGrams the estimate for running at once in the first allowed zone, gCO2eq; NaN likewise
 * @param plannedAt when it was made
 */
public record LivePlan(String zone, List<Interval> segments, double grams, double baselineGrams, Instant plannedAt) {

    /** @throws IllegalArgumentException if there is no segment */
    public LivePlan {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(plannedAt, "plannedAt");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one segment");
        }
    }

    /** @return when the first segment starts */
    public Instant start() {
        return segments.getFirst().start();
    }

    /** @return whether the two plans run in the same zone at the same times (estimates aside) */
    public boolean sameSchedule(LivePlan other) {
        return other != null && zone.equals(other.zone) && segments.equals(other.segments);
    }

    /** @return the segment that contains {@code t}, if any */
    public java.util.Optional<Interval> segmentAt(Instant t) {
        return segments.stream().filter(s -> !t.isBefore(s.start()) && t.isBefore(s.end())).findFirst();
    }

    /** @return whether some segment starts after {@code t} */
    public boolean hasSegmentAfter(Instant t) {
        return segments.stream().anyMatch(s -> s.start().isAfter(t));
    }
}
