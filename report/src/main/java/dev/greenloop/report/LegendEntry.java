package dev.greenloop.report;

import java.util.Objects;

/**
 * One entry of a chart's legend: a swatch and its text.
 *
 * @param label the text
 * @param color the swatch's colour
 * @param swatch the swatch's shape
 */
public record LegendEntry(String label, Rgb color, Swatch swatch) {

    /** The shape drawn before a legend's text. */
    public enum Swatch {
        /** A short thick line, for lines and steps. */
        LINE,
        /** A filled box, for bars. */
        BOX,
        /** A filled disc, for filled scatter points. */
        DOT,
        /** A ring, for hollow scatter points. */
        RING
    }

    /** @throws NullPointerException if an argument is null */
    public LegendEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(swatch, "swatch");
    }
}
