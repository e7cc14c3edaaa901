package dev.greenloop.store;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.util.Objects;
import java.util.Optional;

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
 * @param processEnergy the share attributed to the measured process tree: its CPU-time share of the dynamic
 *     energy, never idle power (runs stored before idle was split may hold a share of the whole)
 * @param idle the split into idle and dynamic power, when known: {@code measure} knows it; runs read back
 *     from the store do not, since it is not stored
 */
public record RunComponent(String name, Scope scope, Provenance provenance, String description, String partOf,
        Energy energy, Energy min, Energy max, Energy processEnergy, Optional<Idle> idle) {

    /**
     * The idle part of a component's energy: what it draws when the node does nothing, attributed to no process.
     *
     * @param energy the idle energy, at most the component's energy
     * @param rule how it was estimated: {@code model-constant}, {@code cpu-usage-ratio}, {@code not-split}
     * @param from where it comes from: {@code model}, {@code measurement} or {@code none}
     */
    public record Idle(Energy energy, String rule, String from) {

        /** @throws NullPointerException if any part is null */
        public Idle {
            Objects.requireNonNull(energy, "energy");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(from, "from");
        }
    }

    /** @throws NullPointerException if {@code idle} is null */
    public RunComponent {
        Objects.requireNonNull(idle, "idle");
    }

    /** A component whose idle part is not known (as read back from the store). */
    public RunComponent(String name, Scope scope, Provenance provenance, String description, String partOf,
            Energy energy, Energy min, Energy max, Energy processEnergy) {
        this(name, scope, provenance, description, partOf, energy, min, max, processEnergy, Optional.empty());
    }

    /** @return the energy above idle, when the split is known */
    public Optional<Energy> dynamicEnergy() {
        return idle.map(i -> Energy.ofJoules(Math.max(0, energy.joules() - i.energy().joules())));
    }

    /** @return true if this component is added into the run's total */
    public boolean counted() {
        return partOf.isEmpty();
    }
}
