package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;

import dev.greenloop.meter.spi.GpuInfo;
import java.util.List;

/**
 * What {@link Meter#discover(MeterConfig)} found: the sources to read and, for every way of
 * measuring it looked at, a finding. Immutable.
 *
 * @param sources the open sources, whose counted components never overlap; close them when done
 * @param findings what was used, skipped or unavailable, why, and how to fix it
 * @param gpus the NVIDIA GPUs found, with driver, power, limit and capabilities; empty without NVML
 */
public record Discovery(List<EnergySource> sources, List<Finding> findings, List<GpuInfo> gpus) {

    /** Copies the lists. */
    public Discovery {
        sources = List.copyOf(sources);
        findings = List.copyOf(findings);
        gpus = List.copyOf(gpus);
    }

    /** A discovery without GPUs. */
    public Discovery(List<EnergySource> sources, List<Finding> findings) {
        this(sources, findings, List.of());
    }

    /** @return every component of every source, in source order */
    public List<Component> components() {
        return sources.stream().flatMap(s -> s.components().stream()).toList();
    }
}
