package dev.greenloop.carbon;

/**
 * A quantity known only within bounds: {@code low <= high}, both finite and at least 0. Immutable.
 *
 * @param low the lower bound
 * @param high the upper bound
 */
public record Range(double low, double high) {

    /** @throws IllegalArgumentException if a bound is negative or not finite, or {@code low > high}, naming both */
    public Range {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low < 0 || low > high) {
            throw new IllegalArgumentException("a range needs finite bounds 0 <= low <= high, was %s..%s".formatted(low, high));
        }
    }

    /** @return the range [value, value] */
    public static Range of(double value) {
        return new Range(value, value);
    }

    /** @return this range with both bounds multiplied by {@code factor} (at least 0) */
    public Range times(double factor) {
        return new Range(low * factor, high * factor);
    }

    /** @return the bound-by-bound sum */
    public Range plus(Range other) {
        return new Range(low + other.low, high + other.high);
    }

    /** @return the midpoint, {@code (low + high) / 2} */
    public double mid() {
        return (low + high) / 2;
    }
}
