package dev.greenloop.core;

import java.time.Instant;

/**
 * The energy and emissions of one clock hour (UTC) of an account. Immutable.
 *
 * @param hourStart the start of the hour, UTC, on the hour
 * @param energy energy used within the hour (before PUE)
 * @param intensity the energy-weighted mean intensity that applied within the hour
 * @param emissions the emissions of the hour, PUE applied
 */
public record HourlyCarbon(Instant hourStart, Energy energy, CarbonIntensity intensity, Emissions emissions) {
}
