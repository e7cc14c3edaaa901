package dev.greenloop.core;

/**
 * Carbon intensity of electricity in grams of CO2-equivalent per kilowatt-hour. Immutable.
 *
 * @param gramsPerKWh gCO2eq/kWh, finite and at least zero
 */
public record CarbonIntensity(double gramsPerKWh) {

    /**
     * The largest intensity Greenloop reads from a file or a flag, in gCO2eq/kWh: more than three times the worst
     * physically possible grid. The dirtiest fuel, lignite, emits 101 t CO2/TJ of fuel (IPCC 2006 Guidelines, Vol. 2,
     * Table 1.4, default); burnt at a poor 25 % efficiency that is 101 / 0.25 × 3.6 ≈ 1,450 g/kWh of electricity, and
     * the highest lifecycle estimate for coal is 910 g/kWh (IPCC AR5 WG3 Annex III, Table A.III.2). Real grids peak
     * near 1,000–1,200 g/kWh. A larger value is a unit mistake (grams per MWh, pounds, kg), not a grid.
     */
    public static final double MAX_GRAMS_PER_KWH = 5000;

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
