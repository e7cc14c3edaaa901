package dev.greenloop.store;

/**
 * The emissions of a run. Immutable.
 *
 * @param zone the grid zone, such as {@code DE}
 * @param gramsPerKWh the energy-weighted mean intensity applied, gCO2eq/kWh
 * @param signal what the intensity means, such as {@code average-lifecycle-yearly}
 * @param source who published it, and the year
 * @param pue the PUE applied
 * @param grams total emissions of the node over the run, gCO2eq, PUE included
 * @param processGrams emissions attributed to the measured process tree, gCO2eq, PUE included
 */
public record RunCarbon(String zone, double gramsPerKWh, String signal, String source, double pue, double grams,
        double processGrams) {
}
