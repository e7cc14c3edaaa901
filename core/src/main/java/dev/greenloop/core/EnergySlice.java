package dev.greenloop.core;

/**
 * Energy used over an interval, assumed spread evenly over it. Immutable.
 *
 * @param interval when the energy was used
 * @param energy how much
 */
public record EnergySlice(Interval interval, Energy energy) {
}
