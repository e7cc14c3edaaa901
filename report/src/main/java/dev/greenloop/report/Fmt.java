package dev.greenloop.report;

import java.util.Locale;

/** Number formats of the terminal tables (schedule commands). */
public final class Fmt {

    private Fmt() {
    }

    /**
     * Formats a plain number: whole values without decimals, others with three.
     *
     * @return {@code 300}, {@code 12.500}; "—" (an em dash) for NaN
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Formats grams of CO2eq.
     *
     * @param g grams, or null when unknown
     * @return grams with three decimals; "—" (an em dash) for null or NaN
     */
    public static String grams(Double g) {
        return g == null || g.isNaN() ? "—" : String.format(Locale.ROOT, "%.3f", g);
    }
}
