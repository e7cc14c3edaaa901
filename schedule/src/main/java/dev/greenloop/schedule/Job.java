package dev.greenloop.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A deferrable job: what it needs (a duration at a constant power) and where and when it may run.
 * Immutable.
 *
 * @param id the job's name, unique within a job file
 * @param submit the earliest instant it may start (starts fall on whole minutes at or after it)
 * @param durationMinutes how long it runs, in whole minutes, ≥ 1
 * @param deadline the instant by which it must have finished, after {@code submit}
 * @param powerWatts the constant power it draws while running, ≥ 0
 * @param interruptible whether it may be split into several run segments
 * @param checkpointMinutes extra run time each resumption costs (segments after the first), ≥ 0;
 *     0 for a job that is not interruptible
 * @param minSegmentMinutes the shortest run segment allowed, ≥ 0; 0 means any length
 * @param zones the grid zones it may run in, in order of preference; empty means any zone simulated
 * @param precompute whether it is <em>precomputable</em> work for the information battery (batch
 *     embeddings of a corpus, a cache warm-up): {@code submit} is then the earliest moment its inputs
 *     are available and {@code deadline} the horizon by which its result is needed; it is compared
 *     with computing it on demand, just before that horizon (see docs/information-battery.md)
 */
public record Job(String id, Instant submit, int durationMinutes, Instant deadline, double powerWatts,
                  boolean interruptible, int checkpointMinutes, int minSegmentMinutes, List<String> zones,
                  boolean precompute) {

    /**
     * The largest power a job may draw that job files and {@code schedule submit --power} accept, in watts: 1 MW,
     * about 1,400 GPUs at 700 W. A larger figure is a unit mistake (mW, kW); a bigger workload is several jobs.
     */
    public static final double MAX_POWER_WATTS = 1_000_000;

    /** The longest run time and submit-to-deadline window job files accept, in minutes: 10 years (3,653 days). */
    public static final int MAX_MINUTES = 3653 * 24 * 60;

    /**
     * @throws IllegalArgumentException if the duration is not positive, the deadline is not after
     *     the submit time, the power is negative or not finite, or an overhead or segment length is negative
     * @throws NullPointerException if a reference is null
     */
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(submit, "submit");
        Objects.requireNonNull(deadline, "deadline");
        zones = List.copyOf(zones);
        if (durationMinutes < 1) {
            throw new IllegalArgumentException("job %s: duration %d min is not ≥ 1".formatted(id, durationMinutes));
        }
        if (!deadline.isAfter(submit)) {
            throw new IllegalArgumentException("job %s: deadline %s is not after submit time %s".formatted(id, deadline, submit));
        }
        if (!Double.isFinite(powerWatts) || powerWatts < 0) {
            throw new IllegalArgumentException("job %s: power %s W is not a number ≥ 0".formatted(id, powerWatts));
        }
        if (checkpointMinutes < 0 || minSegmentMinutes < 0) {
            throw new IllegalArgumentException("job %s: checkpoint overhead %d min and minimum segment %d min must be ≥ 0"
                    .formatted(id, checkpointMinutes, minSegmentMinutes));
        }
    }

    /** An ordinary deferrable job, not precomputable; see the canonical constructor. */
    public Job(String id, Instant submit, int durationMinutes, Instant deadline, double powerWatts,
               boolean interruptible, int checkpointMinutes, int minSegmentMinutes, List<String> zones) {
        this(id, submit, durationMinutes, deadline, powerWatts, interruptible, checkpointMinutes, minSegmentMinutes, zones, false);
    }

    /** A job that runs in one piece, in any of {@code zones}. */
    public static Job of(String id, Instant submit, int durationMinutes, Instant deadline, double powerWatts, List<String> zones) {
        return new Job(id, submit, durationMinutes, deadline, powerWatts, false, 0, 0, zones);
    }

    /**
     * A precomputable job in one piece, in any of {@code zones}.
     *
     * @param inputsReady the earliest moment it can be computed
     * @param neededBy the moment its result is needed, after {@code inputsReady}
     */
    public static Job precomputable(String id, Instant inputsReady, int durationMinutes, Instant neededBy, double powerWatts,
                                    List<String> zones) {
        return new Job(id, inputsReady, durationMinutes, neededBy, powerWatts, false, 0, 0, zones, true);
    }

    /** @return the run time as a duration */
    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }
}
