package dev.greenloop.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a planner places jobs in time and zone. See docs/schedule.md for what each one guarantees. */
public enum Policy {
    /** Start at once (the first whole minute at or after submit), in the first allowed zone: the baseline. */
    AGNOSTIC,
    /**
     * The least emissions under the job's deadline and zones, on the planning trace. Exact for jobs
     * that run in one piece and for interruptible jobs without checkpoint overhead or minimum segment;
     * a heuristic, never worse than the best single piece, for interruptible jobs that have either.
     */
    OPTIMAL,
    /** Start where the intensity at the start is lowest (a scan over whole minutes and trace points). */
    GREEDY,
    /** Run while the intensity is below a threshold; run regardless once the deadline requires it. */
    THRESHOLD,
    /**
     * The Let's Wait Awhile strategies (Wiesner et al., Middleware 2021), working on whole trace
     * steps: a job in one piece starts at the trace point of lowest mean intensity over its run; an
     * interruptible job runs in the cleanest steps of its window.
     */
    LWA;

    /** @return the name users type, such as {@code optimal} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a label, any case
     * @return the policy
     * @throws IllegalArgumentException naming the text and the accepted labels
     */
    public static Policy parse(String text) {
        for (Policy p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '%s'; use one of %s".formatted(text,
                Arrays.stream(values()).map(Policy::label).collect(Collectors.joining(", "))));
    }
}
