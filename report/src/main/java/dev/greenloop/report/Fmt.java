package dev.greenloop.report;

import dev.greenloop.core.Emissions;
import dev.greenloop.core.Units;
import java.util.Locale;

/** Number formats of the terminal tables (schedule and compare commands) and the dashboard's pages. */
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

    /**
     * Formats a range as {@code greenloop compare} prints it: {@code low..high} with {@link #significant} numbers, or one
     * number when both ends are equal.
     */
    public static String range(dev.greenloop.carbon.Range r) {
        return r.low() == r.high() ? significant(r.low()) : significant(r.low()) + ".." + significant(r.high());
    }

    /** Three significant digits, plain notation from 0.001 to a million, else {@code 1.23e-05}; {@code 0} for zero. */
    public static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 0.001 && a < 1e6) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
