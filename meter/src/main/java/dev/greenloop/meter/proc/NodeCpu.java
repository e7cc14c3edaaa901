package dev.greenloop.meter.proc;

/**
 * The node's cumulative CPU time since boot, summed over all logical CPUs, from the first line of
 * {@code /proc/stat}. Immutable.
 *
 * @param busySeconds time spent running anything: user + nice + system + irq + softirq; steal (time
 *     the hypervisor gave to another guest) is left out of both busy and idle
 *     (guest and guest_nice are already inside user and nice, so they are not added again)
 * @param idleSeconds time spent idle: idle + iowait
 * @param logicalCpus the number of logical CPUs the kernel lists ({@code cpuN} lines), at least 1
 */
public record NodeCpu(double busySeconds, double idleSeconds, int logicalCpus) {

    /** @throws IllegalArgumentException if a time is negative or not finite, or there is no CPU */
    public NodeCpu {
        if (!(busySeconds >= 0) || !(idleSeconds >= 0) || Double.isInfinite(busySeconds) || Double.isInfinite(idleSeconds)) {
            throw new IllegalArgumentException("CPU times must be finite and >= 0, were busy %s s, idle %s s"
                    .formatted(busySeconds, idleSeconds));
        }
        if (logicalCpus < 1) {
            throw new IllegalArgumentException("a node has at least one logical CPU, was " + logicalCpus);
        }
    }

    /** @return busy plus idle seconds */
    public double totalSeconds() {
        return busySeconds + idleSeconds;
    }
}
