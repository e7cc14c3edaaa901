package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.GpuInfo;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.spi.ProcessAwareSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NvmlGpus#discover(java.util.Map)} found. Immutable.
 *
 * @param source the open source over every measurable GPU, or empty when there is none (no library,
 *     NVML would not start, no GPU, no GPU that reports energy or power); the caller closes it
 * @param findings what was found, used or not and why, each with source {@code nvml}; never empty
 * @param gpus every GPU NVML listed, measurable or not, in index order
 */
public record GpuDiscovery(Optional<ProcessAwareSource> source, List<Finding> findings, List<GpuInfo> gpus) {

    /** @throws NullPointerException if any part is null */
    public GpuDiscovery {
        Objects.requireNonNull(source, "source");
        findings = List.copyOf(findings);
        gpus = List.copyOf(gpus);
    }
}
