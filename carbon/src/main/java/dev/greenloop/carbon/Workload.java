package dev.greenloop.carbon;

import dev.greenloop.core.Interval;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A measured workload to place elsewhere: what it used on the node that measured it. Immutable.
 *
 * @param name what it is, such as {@code run 12 (python train.py)} or {@code profile 7 (minilm int8) x 10000 queries}
 * @param interval when it ran (or, for a profile scaled to a day, the day it stands for); the intensity is taken over it
 * @param energyJoules the node's energy for the workload, joules; low = high when measured
 * @param measured whether the energy was measured (a hardware counter, or derived from one) rather than modelled
 * @param cpuSeconds busy CPU-seconds of the workload, where known (a lab profile); empty for a run, which then
 *     occupies a cloud instance's every vCPU for its wall time
 * @param latencyMs latency of one unit of work on this node, milliseconds (a query's p50..p95, or the run's duration)
 * @param payloadBytes bytes that must travel between the users and a remote placement (0 when none)
 * @param utilisation the measured CPU utilisation, 0..1, where known; empty gives a cloud instance's full min..max watts
 */
public record Workload(String name, Interval interval, Range energyJoules, boolean measured, OptionalDouble cpuSeconds, Range latencyMs,
        double payloadBytes, OptionalDouble utilisation) {

    /**
     * @throws NullPointerException if an object is null
     * @throws IllegalArgumentException if {@code payloadBytes} is negative or not finite, or the utilisation is outside
     *     0..1, or the CPU-seconds negative, naming the value
     */
    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(energyJoules, "energyJoules");
        Objects.requireNonNull(cpuSeconds, "cpuSeconds");
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(utilisation, "utilisation");
        if (!Double.isFinite(payloadBytes) || payloadBytes < 0) {
            throw new IllegalArgumentException("payload bytes must be a finite number >= 0, was " + payloadBytes);
        }
        if (utilisation.isPresent() && !(utilisation.getAsDouble() >= 0 && utilisation.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("utilisation must be between 0 and 1, was " + utilisation.getAsDouble());
        }
        if (cpuSeconds.isPresent() && !(cpuSeconds.getAsDouble() >= 0 && Double.isFinite(cpuSeconds.getAsDouble()))) {
            throw new IllegalArgumentException("CPU seconds must be a finite number >= 0, was " + cpuSeconds.getAsDouble());
        }
    }

    /** @return the wall time of the workload, seconds */
    public double wallSeconds() {
        return java.time.Duration.between(interval.start(), interval.end()).toNanos() / 1e9;
    }
}
