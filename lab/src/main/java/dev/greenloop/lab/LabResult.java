package dev.greenloop.lab;

import java.util.List;

/**
 * The result of profiling variants at settings ({@link Lab#profile}): one row per variant × settings,
 * the first row the fp32 reference (quality and energy labels are relative to it). Immutable.
 *
 * @param model the model's name ({@link ModelChoice#label()})
 * @param texts how many texts were profiled
 * @param labelled whether labels were given (rows then carry kNN accuracy)
 * @param rows the rows, the reference first
 */
public record LabResult(String model, int texts, boolean labelled, List<Row> rows) {

    /**
     * One variant at one setting.
     *
     * @param variant the variant's name
     * @param settings the runner's settings
     * @param profile its costs
     * @param quality against the reference
     * @param energyLabel its letter, relative to the reference's energy per query ({@link EnergyLabel#RULE})
     */
    public record Row(String variant, RunnerSettings settings, Profile profile, Quality quality, EnergyLabel energyLabel) {

        /** Variant and settings, for tables and plots: {@code int8 threads=1 workers=2 batch=32 spin=off}. */
        public String name() {
            return variant + " " + Sweep.describe(settings);
        }
    }

    /**
     * @throws IllegalArgumentException if there are no rows or the first is not fp32's
     */
    public LabResult {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || !rows.getFirst().variant().equals("fp32")) {
            throw new IllegalArgumentException("a lab report starts with its fp32 reference row");
        }
    }

    /** The fp32 reference row. */
    public Row reference() {
        return rows.getFirst();
    }

    /** The row of this {@link Row#name()}, if any. */
    public java.util.Optional<Row> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
