package dev.greenloop.core;

/**
 * Carbon intensity of electricity in grams of CO2-equivalent per kilowatt-hour. Immutable.
 *
 * @param gramsPerKWh gCO2eq/kWh, finite and at least zero
 */
public record CarbonIntensity(double gramsPerKWh) {

    /** @throws IllegalArgumentException if the value is negative, NaN or infinite */
    public CarbonIntensity {
        if (!Double.isFinite(gramsPerKWh) || gramsPerKWh < 0) {
            throw new IllegalArgumentException("carbon intensity must be a finite gCO2eq/kWh >= 0, was " + gramsPerKWh);
        }
    }

    /** @return the intensity of {@code gramsPerKWh} gCO2eq/kWh */
    public static CarbonIntensity ofGramsPerKWh(double gramsPerKWh) {
        return new CarbonIntensity(gramsPerKWh);
    }

    /** @return the emissions of using {@code energy} at this intensity (no PUE applied) */
    public Emissions emissionsOf(Energy energy) {
        return new Emissions(energy.kilowattHours() * gramsPerKWh);
    }

    @Override
    public String toString() {
        return "%.1f gCO2eq/kWh".formatted(gramsPerKWh);
    }
}
