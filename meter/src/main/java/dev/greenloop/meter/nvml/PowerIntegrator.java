package dev.greenloop.meter.nvml;

/**
 * Energy of GPUs without an energy counter, integrated from power samples with the trapezoidal rule.
 * Fed by the source's polling thread and by {@code read()}, so every method is synchronized; the
 * cost is one uncontended lock per sample.
 *
 * <p>A GPU's integral starts at its first sample. A failed sample is simply missing: the next good one
 * bridges the gap with a straight line.
 */
final class PowerIntegrator {

    private final long[] lastNanos;
    private final long[] lastMilliwatts;
    private final boolean[] started;
    private final double[] joules;

    /** @param slots how many GPUs */
    PowerIntegrator(int slots) {
        this.lastNanos = new long[slots];
        this.lastMilliwatts = new long[slots];
        this.started = new boolean[slots];
        this.joules = new double[slots];
    }

    /**
     * Adds a power sample. A sample no later than the previous one only replaces its power reading
     * (two threads can sample in the same instant, and a clock never runs back by design).
     *
     * @param slot the GPU
     * @param nanos when the sample was taken, on the source's monotonic clock
     * @param milliwatts the power reading
     */
    synchronized void sample(int slot, long nanos, long milliwatts) {
        if (started[slot] && nanos > lastNanos[slot]) {
            double seconds = (nanos - lastNanos[slot]) / 1e9;
            joules[slot] += (lastMilliwatts[slot] + milliwatts) / 2e3 * seconds;
        }
        if (!started[slot] || nanos >= lastNanos[slot]) {
            lastNanos[slot] = nanos;
            lastMilliwatts[slot] = milliwatts;
        }
        started[slot] = true;
    }

    /** @return the integral for {@code slot} up to its latest sample, in joules */
    synchronized double joules(int slot) {
        return joules[slot];
    }
}
