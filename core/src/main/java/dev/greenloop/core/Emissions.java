package dev.greenloop.core;

/**
 * Greenhouse-gas emissions in grams of CO2-equivalent. Immutable.
 *
 * @param grams gCO2eq, finite and at least zero
 */
public record Emissions(double grams) {

    /** No emissions. */
    public static final Emissions ZERO = new Emissions(0);

    /** @throws IllegalArgumentException if the value is negative, NaN or infinite */
    public Emissions {
        if (!Double.isFinite(grams) || grams < 0) {
            throw new IllegalArgumentException("emissions must be a finite number of grams >= 0, was " + grams);
        }
    }

    /** @return the emissions of {@code grams} gCO2eq */
    public static Emissions ofGrams(double grams) {
        return new Emissions(grams);
    }

    /** @return the sum of these emissions and {@code other} */
    public Emissions plus(Emissions other) {
        return new Emissions(grams + other.grams);
    }

    /** @return these emissions times {@code factor} (a PUE, say) */
    public Emissions times(double factor) {
        return new Emissions(grams * factor);
    }

    @Override
    public String toString() {
        return Units.formatEmissions(this);
    }
}
