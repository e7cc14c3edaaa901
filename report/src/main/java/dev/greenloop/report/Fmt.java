package dev.greenloop.report;

import dev.greenloop.core.Emissions;
import dev.greenloop.core.Units;
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
     * Formats grams of CO2eq in the unit that fits them ({@link Units#formatEmissions}): {@code 600 µg},
     * {@code 1.54 kg}.
     *
     * @param g grams, or null when unknown
     * @return the emissions with their unit; "—" (an em dash) for null or NaN
     */
    public static String grams(Double g) {
        return g == null || g.isNaN() ? "—" : Units.formatEmissions(Emissions.ofGrams(g));
    }
}
