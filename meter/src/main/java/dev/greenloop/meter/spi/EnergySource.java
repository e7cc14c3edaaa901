package dev.greenloop.meter.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A source of cumulative energy readings for one or more components of this node: RAPL counters
 * through powercap, a power model, later NVML.
 *
 * <p>A source is opened by discovery ({@code Meter.discover}, in the meter's root package), read by one thread at a
 * time (the meter's sampler), and closed once. Readings are cumulative since the source was opened,
 * so a caller takes differences; counter wraparound is the source's business, not the caller's.
 */
public interface EnergySource extends AutoCloseable {

    /** @return a short identifier such as {@code rapl} or {@code cpu-model} */
    String id();

    /** @return the components this source reports, in a fixed order; never empty */
    List<Component> components();

    /**
     * Reads every component now.
     *
     * @return one reading per component, in the order of {@link #components()}, each cumulative
     *     since the source was opened and never smaller than the previous one
     * @throws IOException if a counter cannot be read; the source stays usable
     */
    List<ComponentReading> read() throws IOException;

    /**
     * @return the longest time between two {@link #read()} calls for which the source still counts
     *     correctly (for RAPL: the smallest counter range over a plausible peak power); the sampler
     *     reads at least this often
     */
    Duration maxReadInterval();

    /** Releases whatever the source holds. Never throws. */
    @Override
    void close();
}
