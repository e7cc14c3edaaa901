package dev.greenloop.meter.model;

/**
 * One row of the CPU table: a CPU model's thermal design power per socket. Immutable.
 *
 * @param model the model as the vendor names it, such as {@code AMD EPYC 7713}
 * @param tdpWatts the TDP per socket used for the estimate
 * @param tdpMinWatts the lowest plausible TDP (equal to {@code tdpWatts} for a published part)
 * @param tdpMaxWatts the highest plausible TDP (equal to {@code tdpWatts} for a published part)
 * @param cores physical cores per socket
 * @param threads hardware threads per socket, as the OS sees them
 * @param source where the figures come from; starts with {@code assumption} when no public figure exists
 */
record CpuSpec(String model, double tdpWatts, double tdpMinWatts, double tdpMaxWatts, int cores, int threads, String source) {

    CpuSpec {
        if (!(tdpMinWatts > 0 && tdpMinWatts <= tdpWatts && tdpWatts <= tdpMaxWatts) || cores < 1 || threads < cores) {
            throw new IllegalArgumentException("bad CPU table row for %s: tdp %s (%s..%s) W, %d cores, %d threads"
                    .formatted(model, tdpWatts, tdpMinWatts, tdpMaxWatts, cores, threads));
        }
    }

    /** @return true if the TDP is an assumption rather than a published figure */
    boolean assumed() {
        return source.startsWith("assumption");
    }
}
