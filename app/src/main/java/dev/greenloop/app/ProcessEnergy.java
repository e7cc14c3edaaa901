package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * This process's energy, cumulative since it was opened, as the meter attributes it: hardware counters (RAPL through
 * powercap, NVML) where they exist, else a power model, split to this process by CPU time. Serving reads it around
 * every batch ({@link EmbeddingService}).
 *
 * <p>{@link #read()} is called by one thread at a time.
 */
public interface ProcessEnergy extends AutoCloseable {

    /**
     * One cumulative reading.
     *
     * @param microjoules the best estimate since opened, in microjoules, never decreasing
     * @param minMicrojoules the lowest the true value plausibly is
     * @param maxMicrojoules the highest the true value plausibly is
     * @param provenance {@code measured} (a counter), {@code derived} or {@code modelled} (a power model)
     */
    record Reading(long microjoules, long minMicrojoules, long maxMicrojoules, Provenance provenance) {

        /**
         * @throws IllegalArgumentException unless {@code 0 <= min <= estimate <= max}
         */
        public Reading {
            if (minMicrojoules < 0 || minMicrojoules > microjoules || microjoules > maxMicrojoules) {
                throw new IllegalArgumentException("a reading needs 0 <= min <= estimate <= max microjoules, was %d <= %d <= %d"
                        .formatted(minMicrojoules, microjoules, maxMicrojoules));
            }
        }
    }

    /**
     * @return the energy since opened
     * @throws UncheckedIOException if no counter can be read
     */
    Reading read();

    /** Stops reading; never throws. */
    @Override
    void close();

    /**
     * The meter's view of this process: the sources this machine has (environment as {@link MeterConfig#fromEnvironment()}),
     * sampled every second in the background and read on demand.
     *
     * @throws UncheckedIOException if the meter cannot start
     */
    static ProcessEnergy ofThisProcess() {
        MeterConfig config = MeterConfig.fromEnvironment();
        Discovery discovery = Meter.discover(config);
        try {
            Sampler sampler = Sampler.start(discovery, new Procfs(config.procfsRoot()), new Workload.ThisProcess(), MeterConfig.DEFAULT_INTERVAL,
                    SampleListener.NONE);
            return new MeterProcessEnergy(discovery, sampler);
        } catch (IOException e) {
            discovery.sources().forEach(EnergySource::close);
            throw new UncheckedIOException("cannot start the meter: " + e.getMessage(), e);
        }
    }
}

/** {@link ProcessEnergy} through the meter's sampler. */
final class MeterProcessEnergy implements ProcessEnergy {

    private final Discovery discovery;
    private final Sampler sampler;
    private long lastMicrojoules;
    private long lastMin;
    private long lastMax;

    MeterProcessEnergy(Discovery discovery, Sampler sampler) {
        this.discovery = discovery;
        this.sampler = sampler;
    }

    @Override
    public synchronized Reading read() {
        Sample s = sampler.sampleNow();
        double process = s.processEnergy().joules();
        double node = s.nodeEnergy().joules();
        double nodeMin = 0;
        double nodeMax = 0;
        Provenance provenance = Provenance.MEASURED;
        List<Component> components = s.components();
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            if (c.counted()) {
                ComponentReading r = s.readings().get(i);
                nodeMin += r.min().joules();
                nodeMax += r.max().joules();
                provenance = provenance.weakest(r.downgrade().orElse(c.provenance()));
            }
        }
        // The process's share of the node carries the node's relative range.
        double share = node > 0 ? process / node : 0;
        long estimate = Math.max(lastMicrojoules, Math.round(process * 1e6));
        long min = Math.min(estimate, Math.max(lastMin, Math.round(nodeMin * share * 1e6)));
        long max = Math.max(estimate, Math.max(lastMax, Math.round(nodeMax * share * 1e6)));
        lastMicrojoules = estimate;
        lastMin = min;
        lastMax = max;
        return new Reading(estimate, min, max, provenance);
    }

    @Override
    public void close() {
        try {
            sampler.stop();
        } finally {
            discovery.sources().forEach(EnergySource::close);
        }
    }
}
