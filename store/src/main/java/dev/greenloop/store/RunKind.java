package dev.greenloop.store;

import java.util.Locale;

/** What a stored run measured. */
public enum RunKind {
    /** A command ({@code greenloop measure}) or a block of a JVM's work ({@code Greenloop.track}). */
    MEASURE,
    /** The node alone, sampled by {@code greenloop monitor} until it was stopped; no command. */
    MONITOR;

    /** @return {@code measure} or {@code monitor} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@link #label()}
     * @throws IllegalArgumentException if no kind has that label
     */
    static RunKind fromLabel(String label) {
        for (RunKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no run kind '" + label + "'");
    }
}
