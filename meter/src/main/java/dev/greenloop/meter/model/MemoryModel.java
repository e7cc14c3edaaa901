package dev.greenloop.meter.model;

/**
 * Memory power proportional to installed memory, independent of activity. Immutable.
 *
 * @param gibibytes memory the OS sees (MemTotal), in GiB
 */
record MemoryModel(double gibibytes) {

    /** Cloud Carbon Footprint: 0.000392 kWh per GB-hour, i.e. 0.392 W per GB (CCF MEMORY_COEFFICIENT, AwsFootprintEstimationConstants.ts). */
    static final double CCF_WATTS_PER_GIB = 0.392;

    /** CodeCarbon before v3: 3 W per 8 GB of DDR3/DDR4, i.e. 0.375 W per GB (codecarbon/external/ram.py, citing Crucial). */
    static final double CODECARBON_WATTS_PER_GIB = 3.0 / 8.0;

    /** @return {best, min, max} watts */
    double[] watts() {
        double a = gibibytes * CCF_WATTS_PER_GIB;
        double b = gibibytes * CODECARBON_WATTS_PER_GIB;
        return new double[] {a, Math.min(a, b), Math.max(a, b)};
    }
}
