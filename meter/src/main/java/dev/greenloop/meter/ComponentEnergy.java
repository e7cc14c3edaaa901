package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;

import dev.greenloop.core.Energy;

/**
 * The energy of one component over a measurement, and the part of it attributed to the measured
 * process tree. Immutable.
 *
 * @param component which component
 * @param energy the best estimate of the component's energy over the measurement
 * @param min the lower bound (equal to {@code energy} unless modelled)
 * @param max the upper bound (equal to {@code energy} unless modelled)
 * @param processEnergy the share attributed to the measured process tree
 */
public record ComponentEnergy(Component component, Energy energy, Energy min, Energy max, Energy processEnergy) {
}
