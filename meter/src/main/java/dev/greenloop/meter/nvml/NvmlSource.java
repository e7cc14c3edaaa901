package dev.greenloop.meter.nvml;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.ProcessAwareSource;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * NVIDIA GPUs read through NVML: one component per GPU, {@code measured} from the GPU's energy counter
 * where it has one, else {@code derived} from power samples integrated by a daemon thread. The
 * sampler's hot path: per GPU one NVML call into a preallocated buffer, and no allocation other
 * than the readings returned.
 */
final class NvmlSource implements ProcessAwareSource {

    /** One GPU the source reports. */
    record Gpu(int index, MemorySegment handle, boolean measured, boolean power, Component component) {}

    private final NvmlLibrary lib;
    private final Gpu[] gpus;
    private final List<Component> components;
    private final boolean[] visible;
    private final LongSupplier nanoClock;
    private final NvmlLibrary.Scratch scratch;
    private final ProcessTable processes;
    private final PowerIntegrator integrator;
    private final Thread poller;
    private final long openNanos;
    // Short-window estimates run from the first read, not from open: the first read is the caller's
    // baseline, and an estimate inside it would later be subtracted from the counter's full delta.
    private long firstReadNanos = -1;
    private final long[] lastRawMj;
    private final long[] counterMj;
    private final double[] reportedJoules;
    private final long[] rawMj;
    private final long[] powerMw;
    // Idle power: each GPU's power when the source opened (for a measured command: before it started), NaN where
    // the GPU reports no power; the idle energy is that power × time, at most the energy of each read's interval.
    private final double[] baselineWatts;
    private final double[] idleJoules;
    private final double[] lastReportedJoules;
    private long lastReadNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private NvmlLibrary.Scratch manualScratch;

    /**
     * Opens the source and takes each GPU's baseline; starts the polling thread when a GPU is derived
     * and {@code pollInterval} is positive (zero leaves polling to the caller, through {@link #pollOnce()}).
     *
     * @param lib an initialised library, owned by the source from now on
     * @param visible per NVML index, whether {@code CUDA_VISIBLE_DEVICES} lets the tree use that GPU
     * @throws NvmlException if a baseline cannot be read; the caller still owns {@code lib} then
     */
    NvmlSource(NvmlLibrary lib, List<Gpu> gpus, boolean[] visible, Duration pollInterval, LongSupplier nanoClock)
            throws NvmlException {
        if (gpus.isEmpty()) {
            throw new IllegalArgumentException("an NVML source needs at least one GPU, was given none");
        }
        this.lib = lib;
        this.gpus = gpus.toArray(Gpu[]::new);
        this.components = gpus.stream().map(Gpu::component).toList();
        this.visible = visible.clone();
        this.nanoClock = nanoClock;
        this.scratch = lib.scratch();
        this.processes = lib.processTable(16);
        this.lastRawMj = new long[this.gpus.length];
        this.counterMj = new long[this.gpus.length];
        this.reportedJoules = new double[this.gpus.length];
        this.rawMj = new long[this.gpus.length];
        this.powerMw = new long[this.gpus.length];
        this.integrator = new PowerIntegrator(this.gpus.length);
        this.baselineWatts = new double[this.gpus.length];
        this.idleJoules = new double[this.gpus.length];
        this.lastReportedJoules = new double[this.gpus.length];
        this.openNanos = nanoClock.getAsLong();
        this.lastReadNanos = openNanos;
        for (int i = 0; i < this.gpus.length; i++) {
            Gpu g = this.gpus[i];
            baselineWatts[i] = Double.NaN;
            if (g.measured()) {
                lastRawMj[i] = lib.totalEnergyMillijoules(g.handle(), scratch);
                if (g.power()) {
                    try {
                        baselineWatts[i] = lib.powerMilliwatts(g.handle(), scratch) / 1e3;
                    } catch (NvmlException e) {
                        // documented: without a power reading at open this GPU's energy is not split (all dynamic)
                    }
                }
            } else {
                long mw = lib.powerMilliwatts(g.handle(), scratch);
                integrator.sample(i, openNanos, mw);
                baselineWatts[i] = mw / 1e3;
            }
        }
        boolean anyDerived = gpus.stream().anyMatch(g -> !g.measured());
        this.poller = anyDerived && pollInterval.isPositive() ? startPoller(pollInterval) : null;
    }

    @Override
    public String id() {
        return "nvml";
    }

    @Override
    public List<Component> components() {
        return components;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A measured GPU whose counter has not moved since the source opened (a window shorter than the
     * counter's update period) is read as power × time since the first read, marked {@code derived}. A value
     * never falls below the one reported before; while the counter catches up with an earlier
     * power-based estimate, the estimate is repeated, still marked {@code derived}.
     *
     * @throws IllegalStateException if the source is closed
     */
    @Override
    public List<ComponentReading> read() throws NvmlException {
        if (closed.get()) {
            throw new IllegalStateException("NVML source is closed");
        }
        long now = nanoClock.getAsLong();
        if (firstReadNanos < 0) {
            firstReadNanos = now;
        }
        for (int i = 0; i < gpus.length; i++) {
            Gpu g = gpus[i];
            if (g.measured()) {
                rawMj[i] = lib.totalEnergyMillijoules(g.handle(), scratch);
                boolean ticked = counterMj[i] > 0 || rawMj[i] != lastRawMj[i];
                powerMw[i] = ticked || !g.power() ? 0 : lib.powerMilliwatts(g.handle(), scratch);
            } else {
                powerMw[i] = lib.powerMilliwatts(g.handle(), scratch);
            }
        }
        ComponentReading[] readings = new ComponentReading[gpus.length];
        double seconds = Math.max(0, now - lastReadNanos) / 1e9;
        for (int i = 0; i < gpus.length; i++) {
            ComponentReading r = gpus[i].measured() ? measured(i, now) : derived(i, now);
            if (!Double.isNaN(baselineWatts[i])) {
                double joules = r.energy().joules();
                idleJoules[i] += Math.clamp(baselineWatts[i] * seconds, 0, Math.max(0, joules - lastReportedJoules[i]));
                lastReportedJoules[i] = Math.max(lastReportedJoules[i], joules);
                r = new ComponentReading(r.energy(), r.min(), r.max(), r.downgrade(),
                        Optional.of(Energy.ofJoules(Math.min(idleJoules[i], joules))));
            }
            readings[i] = r;
        }
        lastReadNanos = now;
        return Arrays.asList(readings);
    }

    private ComponentReading measured(int i, long now) {
        // a counter below its last value means the driver was reloaded and the counter restarted
        counterMj[i] += rawMj[i] >= lastRawMj[i] ? rawMj[i] - lastRawMj[i] : rawMj[i];
        lastRawMj[i] = rawMj[i];
        if (counterMj[i] == 0 && powerMw[i] > 0) {
            double estimate = powerMw[i] / 1e3 * ((now - firstReadNanos) / 1e9);
            reportedJoules[i] = Math.max(reportedJoules[i], estimate);
            return ComponentReading.exact(Energy.ofJoules(reportedJoules[i]), Provenance.DERIVED);
        }
        Energy counted = Energy.ofMillijoules(counterMj[i]);
        if (counted.joules() < reportedJoules[i]) {
            return ComponentReading.exact(Energy.ofJoules(reportedJoules[i]), Provenance.DERIVED);
        }
        reportedJoules[i] = counted.joules();
        return ComponentReading.exact(counted);
    }

    private ComponentReading derived(int i, long now) {
        integrator.sample(i, now, powerMw[i]);
        reportedJoules[i] = Math.max(reportedJoules[i], integrator.joules(i));
        return ComponentReading.exact(Energy.ofJoules(reportedJoules[i]));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Per GPU: the share {@link ShareRule} gives from NVML's list of compute processes; where the
     * list is unavailable, {@code NaN} (the CPU-time share) for a GPU {@code CUDA_VISIBLE_DEVICES}
     * lets the tree use, and 0 for one it hides.
     */
    @Override
    public void processShares(LongPredicate inTree, double[] shares) {
        boolean listing = lib.has(NvmlLibrary.Fn.COMPUTE_PROCESSES);
        for (int i = 0; i < gpus.length; i++) {
            double share = Double.NaN;
            if (listing) {
                try {
                    int n = lib.computeProcesses(gpus[i].handle(), processes);
                    share = ShareRule.share(processes, n, inTree);
                } catch (NvmlException e) {
                    // the documented fallback below applies: visibility decides, as without a listing
                }
            }
            shares[i] = Double.isNaN(share) ? (visible[gpus[i].index()] ? Double.NaN : 0) : share;
        }
    }

    /** @return an hour: the counter is a 64-bit count of millijoules and the power integral cannot wrap */
    @Override
    public Duration maxReadInterval() {
        return Duration.ofHours(1);
    }

    /** Takes one power sample of every derived GPU: what the polling thread does each interval. */
    void pollOnce(NvmlLibrary.Scratch own) {
        for (int i = 0; i < gpus.length && !closed.get(); i++) {
            if (!gpus[i].measured()) {
                try {
                    long mw = lib.powerMilliwatts(gpus[i].handle(), own);
                    integrator.sample(i, nanoClock.getAsLong(), mw);
                } catch (NvmlException e) {
                    // a missed sample is bridged by the next good one; read() reports persistent failures
                }
            }
        }
    }

    /** Takes one power sample of every derived GPU, on the caller's thread (tests that drive time). */
    synchronized void pollOnce() {
        if (manualScratch == null) {
            manualScratch = lib.scratch();
        }
        pollOnce(manualScratch);
    }

    /** Stops the polling thread, calls {@code nvmlShutdown} once, and unloads the library. Never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lib.shutdown();
        if (poller == null || !poller.isAlive()) {
            lib.close();
        } // else: a native call is stuck; leaving the library loaded is safer than unmapping it under that call
    }

    private Thread startPoller(Duration interval) {
        NvmlLibrary.Scratch own = lib.scratch();
        long intervalNanos = interval.toNanos();
        return Thread.ofPlatform().daemon().name("greenloop-nvml-power").start(() -> {
            while (!closed.get()) {
                LockSupport.parkNanos(intervalNanos);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                pollOnce(own);
            }
        });
    }
}
