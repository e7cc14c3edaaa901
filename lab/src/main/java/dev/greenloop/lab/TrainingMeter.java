package dev.greenloop.lab;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.spi.EnergySource;
import java.io.IOException;

/**
 * Meters the stages of a distillation with the project's meter, as {@link Profiler} meters a pass:
 * node energy from RAPL where readable, else the power model, and this JVM's share by CPU time.
 * Keeps the running totals a {@link TrainingCurve} reports. One thread; close it to release the sources.
 */
final class TrainingMeter implements AutoCloseable {

    private final Discovery discovery;
    private final Procfs procfs;
    private final long start = System.nanoTime();
    private Sampler sampler;
    private double joules;
    private double flops;
    private Provenance provenance = Provenance.MEASURED;

    TrainingMeter() {
        MeterConfig config = MeterConfig.fromEnvironment();
        this.discovery = Meter.discover(config);
        this.procfs = new Procfs(config.procfsRoot());
    }

    /** Starts metering a stage. */
    void begin() {
        try {
            sampler = Sampler.start(discovery, procfs, new Workload.ThisProcess(), MeterConfig.DEFAULT_INTERVAL, SampleListener.NONE);
        } catch (IOException e) {
            throw new LabException("cannot start the meter for the distillation: " + e.getMessage(), e);
        }
    }

    /** Ends the stage begun last, adding its energy and the {@code stageFlops} counted for it, and returns the point. */
    TrainingCurve.Point end(int epoch, String stage, double stageFlops, double heldOutCosine) {
        Measurement m = sampler.stop();
        sampler = null;
        joules += m.processEnergy().joules();
        provenance = provenance.weakest(m.provenance());
        flops += stageFlops;
        return new TrainingCurve.Point(epoch, stage, (System.nanoTime() - start) / 1e9, joules, flops, heldOutCosine);
    }

    /** The weakest provenance so far, as its label. */
    String provenance() {
        return provenance.label();
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.stop();
        }
        discovery.sources().forEach(EnergySource::close);
    }
}
