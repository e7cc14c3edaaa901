package dev.greenloop.meter;

import dev.greenloop.core.Energy;

/**
 * The cumulative energy of one component since its source was opened. For measured and derived
 * components {@code min == energy == max}; a modelled component gives the range its model allows.
 * Immutable.
 *
 * @param energy the best estimate
 * @param min the lowest the true value plausibly is
 * @param max the highest the true value plausibly is
 */
public record ComponentReading(Energy energy, Energy min, Energy max) {

    /** @throws IllegalArgumentException unless {@code min <= energy <= max} */
    public ComponentReading {
        if (min.compareTo(energy) > 0 || energy.compareTo(max) > 0) {
            throw new IllegalArgumentException("reading must satisfy min <= energy <= max, was %s <= %s <= %s"
                    .formatted(min.joules(), energy.joules(), max.joules()));
        }
    }

    /** @return an exact reading (measured or derived): min, estimate and max all {@code energy} */
    public static ComponentReading exact(Energy energy) {
        return new ComponentReading(energy, energy, energy);
    }
}
