package dev.greenloop.meter.rapl;

/**
 * Turns one RAPL domain's raw {@code energy_uj} readings into energy since a baseline, across
 * counter wraps. Not thread-safe: its source is read by one thread at a time.
 *
 * <p>{@code energy_uj} counts up and wraps to 0 after reaching {@code max_energy_range_uj} (the
 * range). Between two readings, the counter moved {@code delta = (raw - previous) mod range} plus
 * some whole number {@code k} of ranges that left no trace in the raw value. {@code k} is chosen so:
 * <ol>
 *   <li>{@code k ≤ kMax = floor((elapsed × peak − delta) / range)}, and {@code k = 0} when
 *       {@code kMax ≤ 0}: energy above what the domain's plausible peak power could spend in the
 *       elapsed wall time is ruled out (a reader honouring the source's {@code maxReadInterval}
 *       always has {@code kMax = 0});
 *   <li>otherwise {@code k = clamp(round((elapsed × P − delta) / range), 0, kMax)}, the whole
 *       number of ranges nearest an estimate at power {@code P}: the domain's mean power over the
 *       previous interval, or, before there is one, half the plausible peak (the middle of what is
 *       possible, which halves the worst-case error when nothing is known).
 * </ol>
 * A raw value above the range (never written by the kernel) is taken modulo the range, so the
 * total never decreases. Adding {@code max_energy_range_uj} per wrap overstates each wrap by one
 * counter unit (about 61 µJ on Intel), since the kernel reports the largest value, not the modulus.
 */
final class WrapCounter {

    private final long rangeUj;
    private final double peakWatts;
    private long lastRawUj;
    private long lastNanos;
    private double recentWatts = Double.NaN;
    private long totalUj;

    /**
     * @param rangeUj the domain's {@code max_energy_range_uj}, greater than zero
     * @param peakWatts the domain's plausible peak power, greater than zero
     * @param baselineRawUj the raw reading that counts as zero
     * @param baselineNanos when it was taken, on the clock later readings use
     * @throws IllegalArgumentException if the range or the peak is not positive
     */
    WrapCounter(long rangeUj, double peakWatts, long baselineRawUj, long baselineNanos) {
        if (rangeUj <= 0 || !(peakWatts > 0)) {
            throw new IllegalArgumentException("range and peak must be > 0, were %d µJ and %s W".formatted(rangeUj, peakWatts));
        }
        this.rangeUj = rangeUj;
        this.peakWatts = peakWatts;
        this.lastRawUj = baselineRawUj;
        this.lastNanos = baselineNanos;
    }

    /**
     * @param rawUj the counter now
     * @param nowNanos the clock now
     * @return the energy in microjoules since the baseline; never less than the previous result
     */
    long advance(long rawUj, long nowNanos) {
        long deltaUj = Math.floorMod(rawUj - lastRawUj, rangeUj);
        long elapsedNanos = nowNanos - lastNanos;
        long movedUj = deltaUj;
        if (elapsedNanos > 0) {
            double seconds = elapsedNanos / 1e9;
            movedUj = Math.addExact(deltaUj, Math.multiplyExact(unseenRanges(deltaUj, seconds), rangeUj));
            recentWatts = movedUj / 1e6 / seconds;
        }
        totalUj = Math.addExact(totalUj, movedUj);
        lastRawUj = rawUj;
        lastNanos = nowNanos;
        return totalUj;
    }

    /** The {@code k} of the class comment. */
    private long unseenRanges(long deltaUj, double seconds) {
        long most = (long) Math.floor((seconds * peakWatts * 1e6 - deltaUj) / rangeUj);
        if (most <= 0) {
            return 0;
        }
        double watts = Double.isNaN(recentWatts) ? peakWatts / 2 : recentWatts;
        long nearest = Math.round((seconds * watts * 1e6 - deltaUj) / rangeUj);
        return Math.clamp(nearest, 0, most);
    }
}
