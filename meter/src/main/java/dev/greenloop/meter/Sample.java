package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Power;
import java.time.Instant;
import java.util.List;

/**
 * One tick of the sampler: every component read at one instant. Immutable.
 *
 * @param time when the readings were taken
 * @param components the components, in the order of {@code readings}
 * @param readings cumulative energy of each component since sampling started
 * @param powers each component's mean power since the previous tick
 * @param nodePower the counted components' mean power since the previous tick
 * @param nodeEnergy the counted components' energy since sampling started
 * @param processEnergy the process tree's energy since sampling started
 */
public record Sample(Instant time, List<Component> components, List<ComponentReading> readings, List<Power> powers,
        Power nodePower, Energy nodeEnergy, Energy processEnergy) {
}
