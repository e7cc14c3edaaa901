package dev.greenloop.meter.spi;

import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * A source that knows which processes use each of its components, such as a GPU whose driver lists
 * the processes running on it. The sampler asks it for the measured tree's share of each
 * component's energy instead of applying the CPU-time share.
 */
public interface ProcessAwareSource extends EnergySource {

    /**
     * Fills in the measured process tree's share of each component's energy over the interval that
     * just ended. Called by the sampler right after {@link #read()}, on the same thread.
     *
     * @param inTree whether a process id belongs to the measured tree
     * @param shares one slot per component, in component order: the tree's share in [0, 1], or
     *     {@link Double#NaN} to let the sampler use the CPU-time share for that component
     * @throws IOException if the processes cannot be listed; the sampler then uses the CPU-time share
     */
    void processShares(LongPredicate inTree, double[] shares) throws IOException;
}
