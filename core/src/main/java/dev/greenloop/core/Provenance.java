package dev.greenloop.core;

import java.util.Locale;

/**
 * Where an energy or power figure came from. Every figure Greenloop shows carries one, and nothing
 * {@link #MODELLED} is ever shown as {@link #MEASURED}.
 */
public enum Provenance {
    /** Read from a hardware energy counter (RAPL {@code energy_uj}, NVML total energy). */
    MEASURED,
    /** Integrated over time from measured power readings. */
    DERIVED,
    /** Estimated by a power model from utilisation; comes with a min–max range. */
    MODELLED;

    /** @return the lower-case name used in JSON, CSV and the store: {@code measured}, {@code derived}, {@code modelled} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The weakest of two provenances, for a figure combined from both.
     *
     * @return {@code MODELLED} if either is modelled, else {@code DERIVED} if either is derived, else {@code MEASURED}
     */
    public Provenance weakest(Provenance other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * @param label a label as {@link #label()} writes it
     * @return the provenance with that label
     * @throws IllegalArgumentException naming the label if it is not one of the three
     */
    public static Provenance fromLabel(String label) {
        for (Provenance p : values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provenance '" + label + "': expected measured, derived or modelled");
    }
}
