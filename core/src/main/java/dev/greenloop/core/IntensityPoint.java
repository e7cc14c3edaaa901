package dev.greenloop.core;

/**
 * A carbon intensity that applies over an interval of time. Immutable.
 *
 * @param interval when the value applies
 * @param intensity the value
 */
public record IntensityPoint(Interval interval, CarbonIntensity intensity) {
}
