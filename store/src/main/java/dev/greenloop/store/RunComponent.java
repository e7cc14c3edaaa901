package dev.greenloop.store;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;

/**
 * The energy of one component over a run. Immutable.
 *
 * @param name such as {@code cpu-package-0}, {@code dram-0}, {@code cpu}, {@code memory}
 * @param scope what it covers
 * @param provenance where the figure comes from
 * @param description the hardware path or model behind it
 * @param partOf the component that already includes this one, or empty when it is counted in the total
 * @param energy the best estimate
 * @param min the lower bound (equal to {@code energy} unless modelled)
 * @param max the upper bound (equal to {@code energy} unless modelled)
 * @param processEnergy the share attributed to the measured process tree
 */
public record RunComponent(String name, Scope scope, Provenance provenance, String description, String partOf,
        Energy energy, Energy min, Energy max, Energy processEnergy) {

    /** @return true if this component is added into the run's total */
    public boolean counted() {
        return partOf.isEmpty();
    }
}
