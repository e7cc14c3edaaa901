/**
 * Greenloop's shared vocabulary: units ({@link dev.greenloop.core.Energy}, {@link dev.greenloop.core.Power},
 * {@link dev.greenloop.core.Emissions}, {@link dev.greenloop.core.CarbonIntensity}), where a figure came from
 * ({@link dev.greenloop.core.Provenance}) and what it covers ({@link dev.greenloop.core.Scope}), time
 * intervals, and carbon accounting in time ({@link dev.greenloop.core.CarbonAccounting}).
 *
 * <p>Energy is held in joules, power in watts, intensity in gCO2eq/kWh, time in UTC.
 */
package dev.greenloop.core;
