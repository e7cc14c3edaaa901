package dev.greenloop.meter.rapl;

import dev.greenloop.core.Energy;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * RAPL domains read through powercap's {@code energy_uj} files. The sampler's hot path: one small
 * file read per domain and no other allocation than the readings returned.
 */
final class RaplSource implements EnergySource {

    private final List<Component> components;
    private final Path[] energyFiles;
    private final WrapCounter[] counters;
    private final long[] rawUj;
    private final SysfsReader reader;
    private final LongSupplier nanoClock;
    private final Duration maxReadInterval;
    private volatile boolean closed;

    /**
     * @param domains at least one, in component order; their probes are the baselines
     * @throws IllegalArgumentException if {@code domains} is empty
     */
    RaplSource(List<Domain> domains, SysfsReader reader, LongSupplier nanoClock) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("a RAPL source needs at least one domain, was given none");
        }
        this.components = domains.stream().map(Domain::component).toList();
        this.energyFiles = domains.stream().map(d -> ZoneProbe.energyFile(d.probe().zone())).toArray(Path[]::new);
        this.counters = domains.stream()
                .map(d -> new WrapCounter(d.probe().rangeUj(), d.probe().kind().peakWatts(), d.probe().rawUj(), d.probe().atNanos()))
                .toArray(WrapCounter[]::new);
        this.rawUj = new long[domains.size()];
        this.reader = reader;
        this.nanoClock = nanoClock;
        this.maxReadInterval = domains.stream().map(RaplSource::safeInterval).min(Duration::compareTo).orElseThrow();
    }

    /** Half the time the domain's counter takes to go once round its range at plausible peak power. */
    private static Duration safeInterval(Domain domain) {
        double nanos = domain.probe().rangeUj() * 1e3 / domain.probe().kind().peakWatts() / 2;
        return Duration.ofNanos((long) Math.floor(nanos));
    }

    @Override
    public String id() {
        return "rapl";
    }

    @Override
    public List<Component> components() {
        return components;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads every counter before taking any into account, so a failed read changes nothing.
     *
     * @throws IllegalStateException if the source is closed
     */
    @Override
    public List<ComponentReading> read() throws IOException {
        if (closed) {
            throw new IllegalStateException("RAPL source is closed");
        }
        for (int i = 0; i < energyFiles.length; i++) {
            rawUj[i] = reader.readLong(energyFiles[i]);
        }
        long nowNanos = nanoClock.getAsLong();
        ComponentReading[] readings = new ComponentReading[counters.length];
        for (int i = 0; i < counters.length; i++) {
            readings[i] = ComponentReading.exact(Energy.ofMicrojoules(counters[i].advance(rawUj[i], nowNanos)));
        }
        return Arrays.asList(readings);
    }

    @Override
    public Duration maxReadInterval() {
        return maxReadInterval;
    }

    /** Marks the source closed; it holds no open file between reads. */
    @Override
    public void close() {
        closed = true;
    }
}
