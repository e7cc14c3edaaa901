package dev.greenloop.core;

/**
 * A power, held in watts. Immutable.
 *
 * @param watts the power in watts, finite and at least zero
 */
public record Power(double watts) implements Comparable<Power> {

    /** No power. */
    public static final Power ZERO = new Power(0);

    /** @throws IllegalArgumentException if {@code watts} is negative, NaN or infinite */
    public Power {
        if (!Double.isFinite(watts) || watts < 0) {
            throw new IllegalArgumentException("power must be a finite number of watts >= 0, was " + watts);
        }
    }

    /** @return the power of {@code watts} watts */
    public static Power ofWatts(double watts) {
        return new Power(watts);
    }

    /** @return the power of {@code milliwatts} milliwatts (the unit of NVML's power reading) */
    public static Power ofMilliwatts(long milliwatts) {
        return new Power(milliwatts / 1e3);
    }

    /**
     * @param seconds a duration in seconds, finite and at least zero
     * @return the energy this power delivers over {@code seconds}
     */
    public Energy times(double seconds) {
        return new Energy(watts * seconds);
    }

    @Override
    public int compareTo(Power other) {
        return Double.compare(watts, other.watts);
    }

    @Override
    public String toString() {
        return Units.formatPower(this);
    }
}
