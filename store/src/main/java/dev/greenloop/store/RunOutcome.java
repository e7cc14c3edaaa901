package dev.greenloop.store;

import java.time.Instant;
import java.util.List;

/**
 * How a run ended and what it used. Immutable.
 *
 * @param endedAt when measurement stopped, UTC
 * @param exitCode the command's exit code (0 for in-process tracking that ended normally, 1 when it threw)
 * @param components every component, counted and breakdown; the counted ones add up to the total
 * @param carbon the run's emissions
 */
public record RunOutcome(Instant endedAt, int exitCode, List<RunComponent> components, RunCarbon carbon) {

    /** Copies the list. */
    public RunOutcome {
        components = List.copyOf(components);
    }
}
