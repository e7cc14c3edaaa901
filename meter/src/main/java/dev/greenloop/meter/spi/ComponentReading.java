package dev.greenloop.meter.spi;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import java.util.Objects;
import java.util.Optional;

/**
 * The cumulative energy of one component since its source was opened. For measured and derived
 * components {@code min == energy == max}; a modelled component gives the range its model allows.
 * Immutable.
 *
 * @param energy the best estimate
 * @param min the lowest the true value plausibly is
 * @param max the highest the true value plausibly is
 * @param downgrade present when this reading is weaker than its component's usual provenance: a
 *     GPU energy counter that has not ticked yet in a window shorter than its update period, read
 *     as power × time ({@code derived}); a measurement is labelled by its last reading
 * @param idle present when the source knows how much of {@code energy} (cumulative, best estimate) is the
 *     component's idle power, the power it draws when the node does nothing: a power model's constant
 *     term. Empty for counters, whose idle part the sampler estimates (see docs/attribution.md)
 */
public record ComponentReading(Energy energy, Energy min, Energy max, Optional<Provenance> downgrade, Optional<Energy> idle) {

    /** @throws IllegalArgumentException unless {@code min <= energy <= max} and {@code idle <= energy} */
    public ComponentReading {
        Objects.requireNonNull(downgrade, "downgrade");
        Objects.requireNonNull(idle, "idle");
        if (min.compareTo(energy) > 0 || energy.compareTo(max) > 0) {
            throw new IllegalArgumentException("reading must satisfy min <= energy <= max, was %s <= %s <= %s"
                    .formatted(min.joules(), energy.joules(), max.joules()));
        }
        if (idle.isPresent() && idle.get().compareTo(energy) > 0) {
            throw new IllegalArgumentException("idle energy must not exceed the energy, was %s > %s"
                    .formatted(idle.get().joules(), energy.joules()));
        }
    }

    /** A reading with the component's usual provenance, whose idle part the source does not know. */
    public ComponentReading(Energy energy, Energy min, Energy max) {
        this(energy, min, max, Optional.empty(), Optional.empty());
    }

    /** A reading whose idle part the source does not know. */
    public ComponentReading(Energy energy, Energy min, Energy max, Optional<Provenance> downgrade) {
        this(energy, min, max, downgrade, Optional.empty());
    }

    /**
     * A modelled reading that knows its idle part.
     *
     * @param idle the part of {@code energy} drawn at zero load (cumulative), at most {@code energy}
     */
    public static ComponentReading withIdle(Energy energy, Energy min, Energy max, Energy idle) {
        return new ComponentReading(energy, min, max, Optional.empty(), Optional.of(idle));
    }

    /** @return an exact reading (measured or derived): min, estimate and max all {@code energy} */
    public static ComponentReading exact(Energy energy) {
        return new ComponentReading(energy, energy, energy);
    }

    /** @return an exact reading whose value is only as good as {@code provenance} */
    public static ComponentReading exact(Energy energy, Provenance provenance) {
        return new ComponentReading(energy, energy, energy, Optional.of(provenance));
    }
}
