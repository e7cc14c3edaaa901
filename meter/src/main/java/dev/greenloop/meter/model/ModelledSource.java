package dev.greenloop.meter.model;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.proc.NodeCpu;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A modelled source: integrates modelled CPU and memory power over the time between reads. The CPU
 * power of an interval is the curve at the interval's mean node utilisation (Δbusy / (Δbusy + Δidle)
 * from {@code /proc/stat}) times the interval's length. Reads are serialised.
 *
 * <p>Each reading says which part is idle power, the model's constant term: the CPU curve at zero load,
 * and all of memory power (which this model does not tie to activity).
 */
final class ModelledSource implements EnergySource {

    static final Duration MAX_READ_INTERVAL = Duration.ofHours(1);

    private final Procfs procfs;
    private final CpuPowerModel cpu;
    private final MemoryModel memory;
    private final LongSupplier nanoTime;
    private final List<Component> components;

    private NodeCpu lastCpu;
    private long lastNanos;
    private double lastUtilisation;
    private final double[][] joules;
    private final double[] idleJoules;

    /**
     * @param cpu the CPU model, or null for no {@code cpu} component
     * @param memory the memory model, or null for no {@code memory} component
     * @param firstCpu the node CPU times at open (ignored without a CPU model)
     */
    ModelledSource(Procfs procfs, CpuPowerModel cpu, MemoryModel memory, NodeCpu firstCpu, LongSupplier nanoTime) {
        if (cpu == null && memory == null) {
            throw new IllegalArgumentException("a modelled source needs a CPU or a memory model");
        }
        this.procfs = procfs;
        this.cpu = cpu;
        this.memory = memory;
        this.nanoTime = nanoTime;
        List<Component> list = new ArrayList<>();
        if (cpu != null) {
            list.add(new Component("cpu", Scope.CPU, Provenance.MODELLED, cpu.description()));
        }
        if (memory != null) {
            list.add(new Component("memory", Scope.MEMORY, Provenance.MODELLED,
                    "%s GiB × 0.375–0.392 W/GiB".formatted(CpuModelChoice.fmt(memory.gibibytes()))));
        }
        this.components = List.copyOf(list);
        this.joules = new double[list.size()][3];
        this.idleJoules = new double[list.size()];
        this.lastCpu = firstCpu;
        this.lastNanos = nanoTime.getAsLong();
    }

    @Override
    public String id() {
        return "model";
    }

    @Override
    public List<Component> components() {
        return components;
    }

    @Override
    public synchronized List<ComponentReading> read() throws IOException {
        NodeCpu now = cpu != null ? procfs.nodeCpu() : null;
        long nanos = nanoTime.getAsLong();
        double seconds = Math.max(0, nanos - lastNanos) / 1e9;
        int i = 0;
        if (cpu != null) {
            double busy = now.busySeconds() - lastCpu.busySeconds();
            double total = busy + now.idleSeconds() - lastCpu.idleSeconds();
            // No ticks (a read right after the last) or counters that went back (CPU hot-unplug):
            // keep the previous interval's utilisation rather than invent one.
            if (total > 0 && busy >= 0 && busy <= total) {
                lastUtilisation = busy / total;
            }
            add(i, cpu.watts(lastUtilisation), seconds);
            idleJoules[i++] += cpu.watts(0)[0] * seconds;
            lastCpu = now;
        }
        if (memory != null) {
            double[] watts = memory.watts();
            add(i, watts, seconds);
            idleJoules[i] += watts[0] * seconds;
        }
        lastNanos = nanos;
        List<ComponentReading> readings = new ArrayList<>(joules.length);
        for (int k = 0; k < joules.length; k++) {
            double[] j = joules[k];
            readings.add(ComponentReading.withIdle(Energy.ofJoules(j[0]), Energy.ofJoules(j[1]), Energy.ofJoules(j[2]),
                    Energy.ofJoules(Math.min(idleJoules[k], j[0]))));
        }
        return List.copyOf(readings);
    }

    private void add(int component, double[] watts, double seconds) {
        for (int k = 0; k < 3; k++) {
            joules[component][k] += watts[k] * seconds;
        }
    }

    @Override
    public Duration maxReadInterval() {
        return MAX_READ_INTERVAL;
    }

    @Override
    public void close() {
        // Nothing held: procfs files are opened per read.
    }
}
