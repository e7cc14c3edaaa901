package dev.greenloop.core;

import java.util.Locale;

/** Human-readable formatting of units, with SI prefixes, for terminals and reports. */
public final class Units {

    private Units() {
    }

    /**
     * @return the energy as {@code 15.3 µJ}, {@code 12.3 J}, {@code 4.56 kJ}, {@code 1.23 MJ} and so on; below half a
     *     microjoule (the unit of the finest energy counters, RAPL's and NVML's) it is {@code 0 J}, so that a
     *     floating-point leftover of a subtraction never prints as a figure
     */
    public static String formatEnergy(Energy energy) {
        return energy.joules() < 0.5e-6 ? "0 J" : withPrefix(energy.joules(), "J");
    }

    /** @return the power as {@code 850 mW}, {@code 12.3 W}, {@code 1.20 kW} and so on */
    public static String formatPower(Power power) {
        return withPrefix(power.watts(), "W");
    }

    /** @return the emissions as {@code 600 µg}, {@code 1.04 mg}, {@code 3.00 g}, {@code 12.3 kg} and so on; {@code 0 g} for none */
    public static String formatEmissions(Emissions emissions) {
        double g = emissions.grams();
        if (g == 0) {
            return "0 g";
        }
        if (g >= 1e6) {
            return String.format(Locale.ROOT, "%.3g t", g / 1e6);
        }
        if (g >= 1e3) {
            return String.format(Locale.ROOT, "%.3g kg", g / 1e3);
        }
        if (g >= 1) {
            return String.format(Locale.ROOT, "%.3g g", g);
        }
        if (g >= 1e-3) {
            return String.format(Locale.ROOT, "%.3g mg", g * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g µg", g * 1e6);
    }

    private static String withPrefix(double value, String unit) {
        double abs = Math.abs(value);
        if (abs == 0) {
            return "0 " + unit;
        }
        String[] prefixes = {"µ", "m", "", "k", "M", "G", "T"};
        int i = 2;
        double v = value;
        while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
            v /= 1000;
            i++;
        }
        while (Math.abs(v) < 1 && i > 0) {
            v *= 1000;
            i--;
        }
        return String.format(Locale.ROOT, "%.3g %s%s", v, prefixes[i], unit);
    }
}
