package dev.greenloop.meter.model;

import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.proc.NodeCpu;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Opens the modelled power source: CPU power from node utilisation through a TDP-calibrated curve,
 * and memory power from installed memory. Every figure it produces is {@code MODELLED} and comes
 * with a range; see {@code docs/power-model.md} for the curves, the CPU table and the sources.
 */
public final class PowerModels {

    private PowerModels() {
    }

    /**
     * Opens a modelled source with a {@code cpu} component (scope {@code cpu}) when
     * {@code includeCpu} and a {@code memory} component (scope {@code memory}) when
     * {@code includeMemory}, reading time from {@link System#nanoTime()}.
     *
     * @param procfs where to read CPU times, the CPU model and memory size
     * @return the source, empty if no requested component could be modelled, and one finding per
     *     component saying which model and coefficients were chosen and why, or why not
     * @throws NullPointerException if {@code procfs} is null
     */
    public static ModelDiscovery open(Procfs procfs, boolean includeCpu, boolean includeMemory) {
        return open(procfs, includeCpu, includeMemory, System::nanoTime);
    }

    /**
     * As {@link #open(Procfs, boolean, boolean)}, with the clock given.
     *
     * @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime()}
     * @throws NullPointerException if {@code procfs} or {@code nanoTime} is null
     */
    public static ModelDiscovery open(Procfs procfs, boolean includeCpu, boolean includeMemory, LongSupplier nanoTime) {
        Objects.requireNonNull(procfs, "procfs");
        Objects.requireNonNull(nanoTime, "nanoTime");
        List<Finding> findings = new ArrayList<>();
        CpuPowerModel cpu = null;
        NodeCpu first = null;
        if (!includeCpu) {
            findings.add(new Finding("cpu-model", Finding.Status.SKIPPED, "cpu", "not requested: a measured source covers the CPU", ""));
        } else {
            try {
                first = procfs.nodeCpu();
                CpuModelChoice choice = CpuModelChoice.choose(CpuTable.builtIn(), procfs.cpuModelName(), first.logicalCpus());
                cpu = choice.model();
                findings.add(choice.finding());
            } catch (IOException e) {
                findings.add(new Finding("cpu-model", Finding.Status.UNAVAILABLE, procfs.root().resolve("stat").toString(),
                        "cannot read CPU times or model: " + e, "set GREENLOOP_PROCFS_ROOT to where procfs is mounted"));
            }
        }
        MemoryModel memory = null;
        if (!includeMemory) {
            findings.add(new Finding("memory-model", Finding.Status.SKIPPED, "memory", "not requested: a measured source covers memory", ""));
        } else {
            try {
                long bytes = procfs.memTotalBytes();
                memory = new MemoryModel(bytes / (double) (1L << 30));
                double[] w = memory.watts();
                findings.add(new Finding("memory-model", Finding.Status.USED, "MemTotal %s GiB (meminfo)".formatted(CpuModelChoice.fmt(memory.gibibytes())),
                        ("modelled: %s W constant = %s GiB × 0.392 W/GiB (Cloud Carbon Footprint memory coefficient); "
                                + "range %s–%s W with 0.375 W/GiB (CodeCarbon, 3 W per 8 GB)")
                                .formatted(CpuModelChoice.fmt(w[0]), CpuModelChoice.fmt(memory.gibibytes()), CpuModelChoice.fmt(w[1]), CpuModelChoice.fmt(w[2])),
                        CpuModelChoice.FIX));
            } catch (IOException e) {
                findings.add(new Finding("memory-model", Finding.Status.UNAVAILABLE, procfs.root().resolve("meminfo").toString(),
                        "cannot read MemTotal: " + e, "set GREENLOOP_PROCFS_ROOT to where procfs is mounted"));
            }
        }
        Optional<EnergySource> source = cpu == null && memory == null
                ? Optional.empty()
                : Optional.of(new ModelledSource(procfs, cpu, memory, first, nanoTime));
        return new ModelDiscovery(source, findings);
    }
}
