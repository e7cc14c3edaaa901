package dev.greenloop.core;

import java.util.List;

/**
 * The emissions of a stretch of energy use, hour by hour. Immutable.
 *
 * @param emissions the total: Σ over hours of (energy × intensity) × PUE
 * @param energy the energy accounted, before PUE
 * @param pue the power usage effectiveness applied (facility energy / IT energy, ≥ 1)
 * @param signal what the intensity values mean
 * @param hours one entry per clock hour that saw energy use, in time order
 */
public record CarbonAccount(Emissions emissions, Energy energy, double pue, CarbonSignal signal, List<HourlyCarbon> hours) {

    /** Copies {@code hours}. */
    public CarbonAccount {
        hours = List.copyOf(hours);
    }

    /**
     * @return the energy-weighted mean intensity over the account (zero energy: the mean of the hours,
     *     or zero when there are none)
     */
    public CarbonIntensity meanIntensity() {
        if (energy.joules() > 0) {
            double grams = emissions.grams() / pue;
            return CarbonIntensity.ofGramsPerKWh(grams / energy.kilowattHours());
        }
        return CarbonIntensity.ofGramsPerKWh(hours.stream().mapToDouble(h -> h.intensity().gramsPerKWh()).average().orElse(0));
    }
}
