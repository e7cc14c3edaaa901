package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A component's power over a period in steps: each step's energy (samples split over steps by overlap, so the steps'
 * joules add up to the period's) and its mean power over the step.
 */
public record PowerSeries(String component, Scope scope, Provenance provenance, List<Step> steps) {

    /**
     * @param start the step's start; it lasts the series' step length (the last step may end at the period's end)
     * @param seconds the step's length
     * @param joules the energy of the samples in the step, by overlap
     * @param watts {@code joules / seconds covered by samples}; NaN when no sample covers the step
     */
    public record Step(Instant start, double seconds, double joules, double watts) {
    }
}
