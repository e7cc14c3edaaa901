package dev.greenloop.cli;

import java.util.Locale;

/** Number formats for the schedule tables. */
final class Fmt {

    private Fmt() {
    }

    /** @return {@code 12.5}, {@code 300}; "—" for NaN */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** @return grams with three decimals, or "—" */
    static String grams(Double g) {
        return g == null || g.isNaN() ? "—" : String.format(Locale.ROOT, "%.3f", g);
    }
}
