package dev.greenloop.core;

/**
 * An amount of energy, held in joules.
 *
 * <p>Immutable. Negative amounts are rejected: energy counters only ever move forward, and a
 * negative difference is a bug (or a counter wrap not handled) that must not be hidden.
 *
 * @param joules the energy in joules, finite and at least zero
 */
public record Energy(double joules) implements Comparable<Energy> {

    /** Joules in one kilowatt-hour. */
    public static final double JOULES_PER_KWH = 3_600_000.0;

    /** No energy. */
    public static final Energy ZERO = new Energy(0);

    /** @throws IllegalArgumentException if {@code joules} is negative, NaN or infinite */
    public Energy {
        if (!Double.isFinite(joules) || joules < 0) {
            throw new IllegalArgumentException("energy must be a finite number of joules >= 0, was " + joules);
        }
    }

    /** @return the energy of {@code joules} joules */
    public static Energy ofJoules(double joules) {
        return new Energy(joules);
    }

    /** @return the energy of {@code microjoules} microjoules (the unit of powercap's {@code energy_uj}) */
    public static Energy ofMicrojoules(long microjoules) {
        return new Energy(microjoules / 1e6);
    }

    /** @return the energy of {@code millijoules} millijoules (the unit of NVML's energy counter) */
    public static Energy ofMillijoules(long millijoules) {
        return new Energy(millijoules / 1e3);
    }

    /** @return the energy of {@code kwh} kilowatt-hours */
    public static Energy ofKilowattHours(double kwh) {
        return new Energy(kwh * JOULES_PER_KWH);
    }

    /** @return this energy in kilowatt-hours */
    public double kilowattHours() {
        return joules / JOULES_PER_KWH;
    }

    /** @return the sum of this energy and {@code other} */
    public Energy plus(Energy other) {
        return new Energy(joules + other.joules);
    }

    /**
     * @return this energy less {@code other}
     * @throws IllegalArgumentException if {@code other} is larger than this energy
     */
    public Energy minus(Energy other) {
        return new Energy(joules - other.joules);
    }

    /**
     * @param factor a finite factor at least zero
     * @return this energy times {@code factor}
     */
    public Energy times(double factor) {
        return new Energy(joules * factor);
    }

    /** @return the average power of this energy spread over {@code seconds} seconds */
    public Power over(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("duration must be > 0 seconds, was " + seconds);
        }
        return new Power(joules / seconds);
    }

    @Override
    public int compareTo(Energy other) {
        return Double.compare(joules, other.joules);
    }

    @Override
    public String toString() {
        return Units.formatEnergy(this);
    }
}
