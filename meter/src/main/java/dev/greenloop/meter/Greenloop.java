package dev.greenloop.meter;

import dev.greenloop.meter.spi.EnergySource;

import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The in-process API: measure the energy of a block of JVM code.
 *
 * <pre>{@code
 * try (var t = Greenloop.track("embed-batch")) {
 *     embedAll(texts);
 * }   // t.measurement().total(), t.measurement().processEnergy(), t.recorded()
 * }</pre>
 *
 * <p>The same meter as {@code greenloop measure}: node energy from RAPL or the power model, this
 * JVM's share by CPU time, sampled in the background every second.
 */
public final class Greenloop {

    private Greenloop() {
    }

    /**
     * Starts measuring.
     *
     * @param name what is measured, such as {@code embed-batch}; stored as the run's name
     * @return the running tracking; close it to stop
     * @throws IllegalArgumentException if the name is blank
     * @throws UncheckedIOException if the first reading fails
     */
    public static Tracking track(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tracking name must not be blank");
        }
        MeterConfig config = MeterConfig.fromEnvironment();
        Discovery discovery = Meter.discover(config);
        try {
            Sampler sampler = Sampler.start(discovery, new Procfs(config.procfsRoot()), new Workload.ThisProcess(),
                    config.interval(), SampleListener.NONE);
            return new Tracking(name, discovery, sampler);
        } catch (IOException e) {
            discovery.sources().forEach(EnergySource::close);
            throw new UncheckedIOException("cannot start measuring '" + name + "': " + e.getMessage(), e);
        }
    }
}
