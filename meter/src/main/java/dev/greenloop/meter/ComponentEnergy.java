package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;

import dev.greenloop.core.Energy;
import java.util.Objects;

/**
 * The energy of one component over a measurement, split into idle and dynamic power, and the part of the
 * dynamic power attributed to the measured process tree. Immutable.
 *
 * <p>Energy is conserved: {@code processEnergy + otherDynamic() + idleEnergy = energy}, where
 * {@link #otherDynamic()} is the dynamic energy of everything else on the node.
 *
 * @param component which component
 * @param energy the best estimate of the component's energy over the measurement
 * @param min the lower bound (equal to {@code energy} unless modelled)
 * @param max the upper bound (equal to {@code energy} unless modelled)
 * @param processEnergy the share of the dynamic energy attributed to the measured process tree; never idle power
 * @param idleEnergy the part of {@code energy} that is the component's idle power, attributed to no process
 * @param idleRule how {@code idleEnergy} was estimated
 */
public record ComponentEnergy(Component component, Energy energy, Energy min, Energy max, Energy processEnergy,
        Energy idleEnergy, IdleRule idleRule) {

    /** @throws NullPointerException if any part is null */
    public ComponentEnergy {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(processEnergy, "processEnergy");
        Objects.requireNonNull(idleEnergy, "idleEnergy");
        Objects.requireNonNull(idleRule, "idleRule");
    }

    /** @return the energy above idle: {@code energy - idleEnergy} */
    public Energy dynamicEnergy() {
        return Energy.ofJoules(Math.max(0, energy.joules() - idleEnergy.joules()));
    }

    /** @return the dynamic energy not attributed to the process tree: other processes' */
    public Energy otherDynamic() {
        return Energy.ofJoules(Math.max(0, dynamicEnergy().joules() - processEnergy.joules()));
    }
}
