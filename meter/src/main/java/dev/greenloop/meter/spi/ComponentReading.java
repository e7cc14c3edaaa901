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
 */
public record ComponentReading(Energy energy, Energy min, Energy max, Optional<Provenance> downgrade) {

    /** @throws IllegalArgumentException unless {@code min <= energy <= max} */
    public ComponentReading {
        Objects.requireNonNull(downgrade, "downgrade");
        if (min.compareTo(energy) > 0 || energy.compareTo(max) > 0) {
            throw new IllegalArgumentException("reading must satisfy min <= energy <= max, was %s <= %s <= %s"
                    .formatted(min.joules(), energy.joules(), max.joules()));
        }
    }

    /** A reading with the component's usual provenance. */
    public ComponentReading(Energy energy, Energy min, Energy max) {
        this(energy, min, max, Optional.empty());
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
