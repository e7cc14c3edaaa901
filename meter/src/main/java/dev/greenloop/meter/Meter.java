package dev.greenloop.meter;

import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;

import dev.greenloop.meter.model.ModelDiscovery;
import dev.greenloop.meter.model.PowerModels;
import dev.greenloop.meter.nvml.GpuDiscovery;
import dev.greenloop.meter.nvml.NvmlGpus;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.rapl.Powercap;
import dev.greenloop.meter.rapl.RaplDiscovery;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what this node can measure.
 *
 * <p>Hardware counters win: RAPL through powercap, counted once (psys alone where present, else
 * every package plus every DRAM domain). Where no counter can be read, a power model estimates CPU
 * power from utilisation, labelled {@code modelled}; where RAPL covers the packages but not the
 * memory, memory alone is modelled. Every NVIDIA GPU is its own component, read through NVML (see
 * docs/gpu.md); a node without the driver works as before. Every choice is reported as a
 * {@link Finding}.
 */
public final class Meter {

    private Meter() {
    }

    /**
     * Discovers and opens the sources of this node. Never throws for a missing or unreadable
     * source: that becomes a finding, and the model takes its place.
     *
     * @param config where {@code /sys} and {@code /proc} are
     * @return the open sources (close them when done) and the findings
     */
    public static Discovery discover(MeterConfig config) {
        List<EnergySource> sources = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        RaplDiscovery rapl = Powercap.discover(config.sysfsRoot());
        findings.addAll(rapl.findings());
        rapl.source().ifPresent(sources::add);
        boolean modelCpu = rapl.source().isEmpty();
        boolean modelMemory = rapl.source().isEmpty() || !(rapl.countsDram() || rapl.countsPsys());
        if (modelCpu || modelMemory) {
            ModelDiscovery model = PowerModels.open(new Procfs(config.procfsRoot()), modelCpu, modelMemory);
            findings.addAll(model.findings());
            model.source().ifPresent(sources::add);
        }
        GpuDiscovery gpus = NvmlGpus.discover(config.environment());
        findings.addAll(gpus.findings());
        gpus.source().ifPresent(sources::add);
        return new Discovery(sources, findings, gpus.gpus());
    }
}
