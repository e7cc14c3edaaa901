package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.ProcessAwareSource;

import dev.greenloop.core.Energy;
import dev.greenloop.core.EnergySlice;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Power;
import dev.greenloop.core.Provenance;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One background thread that reads every source at a fixed interval, splits each interval's energy into
 * idle and dynamic power, attributes the dynamic part to the measured process tree by CPU time, and hands
 * each tick to a listener.
 *
 * <p>Idle power, per component ({@link IdleRule}): a power model's constant term, or a GPU's power before the
 * command, where the source gives it; for other counters, Kepler's rule, the interval's energy × (1 − node CPU
 * utilisation); a GPU without a power reading is not split.
 *
 * <p>This is the measured hot path: at the default one-second interval a tick must cost well under
 * 5 ms of CPU (the budget is 0.5 % of one core; see {@code bench/}). It allocates little and does
 * no I/O beyond reading the sources and procfs.
 *
 * <p>The interval actually used is the shorter of the requested one and every source's
 * {@link EnergySource#maxReadInterval()}, so counters cannot wrap unnoticed.
 */
public final class Sampler {

    private final List<EnergySource> sources;
    private final List<Component> components;
    private final Attribution attribution;
    private final SampleListener listener;
    private final InstantSource clock;
    private final long intervalNanos;

    private final double[] base;
    private final double[] baseMin;
    private final double[] baseMax;
    private final double[] last;
    private final double[] lastMin;
    private final double[] lastMax;
    private final double[] processJoules;
    private final double[] idleJoules;
    private final double[] lastIdleReading;
    private final IdleRule[] idleRules;
    private final Provenance[] provenance;
    private final List<EnergySlice> slices = new ArrayList<>();
    private final List<EnergySlice> processSlices = new ArrayList<>();
    private final Instant startedAt;
    private Instant lastTime;
    private int samples;

    private final Thread thread;
    private volatile boolean stopping;
    private volatile Sample latest;

    private Sampler(Discovery discovery, Procfs procfs, Workload workload, Duration interval, SampleListener listener,
            InstantSource clock) throws IOException {
        this.sources = discovery.sources();
        this.components = discovery.components();
        this.listener = listener;
        this.clock = clock;
        long nanos = interval.toNanos();
        for (EnergySource s : sources) {
            nanos = Math.min(nanos, s.maxReadInterval().toNanos());
        }
        this.intervalNanos = Math.max(nanos, MeterConfig.MIN_INTERVAL.toNanos());
        int n = components.size();
        base = new double[n];
        baseMin = new double[n];
        baseMax = new double[n];
        last = new double[n];
        lastMin = new double[n];
        lastMax = new double[n];
        processJoules = new double[n];
        idleJoules = new double[n];
        lastIdleReading = new double[n];
        idleRules = new IdleRule[n];
        provenance = new Provenance[n];
        for (int i = 0; i < n; i++) {
            provenance[i] = components.get(i).provenance();
        }
        this.attribution = new Attribution(procfs, workload);
        this.startedAt = clock.instant();
        this.lastTime = startedAt;
        java.util.Arrays.fill(lastIdleReading, Double.NaN);
        readAll(base, baseMin, baseMax, lastIdleReading);
        for (int i = 0; i < n; i++) {
            boolean gpu = components.get(i).scope() == dev.greenloop.core.Scope.GPU;
            boolean sourceKnowsIdle = !Double.isNaN(lastIdleReading[i]);
            idleRules[i] = gpu ? (sourceKnowsIdle ? IdleRule.BASELINE_POWER : IdleRule.NOT_SPLIT)
                    : sourceKnowsIdle ? IdleRule.MODEL_CONSTANT : IdleRule.CPU_USAGE_RATIO;
        }
        System.arraycopy(base, 0, last, 0, n);
        this.thread = Thread.ofPlatform().daemon().name("greenloop-sampler").unstarted(this::loop);
    }

    /**
     * Takes a first reading of every source and starts sampling in the background.
     *
     * @param discovery the sources to read
     * @param procfs where to read CPU times for attribution
     * @param workload the process tree to attribute energy to
     * @param interval the requested sampling interval
     * @param listener receives each tick on the sampler thread
     * @return the running sampler
     * @throws IOException if the first reading fails
     */
    public static Sampler start(Discovery discovery, Procfs procfs, Workload workload, Duration interval,
            SampleListener listener) throws IOException {
        return start(discovery, procfs, workload, interval, listener, InstantSource.system());
    }

    /** As {@link #start(Discovery, Procfs, Workload, Duration, SampleListener)}, with a clock for tests. */
    public static Sampler start(Discovery discovery, Procfs procfs, Workload workload, Duration interval,
            SampleListener listener, InstantSource clock) throws IOException {
        Sampler s = new Sampler(discovery, procfs, workload, interval, listener, clock);
        s.thread.start();
        return s;
    }

    /** @return the interval actually used */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** @return the latest tick, or null before the first one */
    public Sample latest() {
        return latest;
    }

    /** @return when sampling started */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Stops the background thread, takes a last reading now, and returns the measurement. Call once.
     *
     * @return the energy of every component from start to now
     */
    public Measurement stop() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish the join: the last reading must not race the sampler thread
            }
        }
        tick();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<ComponentEnergy> result = new ArrayList<>(components.size());
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < components.size(); i++) {
                Component c = components.get(i);
                if (c.counted() == (pass == 0)) {
                    Component labelled = provenance[i] == c.provenance() ? c
                            : new Component(c.name(), c.scope(), provenance[i], c.description(), c.partOf());
                    // The range and the estimate are differences from separate baselines: keep
                    // min <= energy <= max against rounding where a bound equals the estimate.
                    double energy = Math.max(0, last[i] - base[i]);
                    result.add(new ComponentEnergy(labelled, joules(energy), joules(Math.min(lastMin[i], energy)),
                            joules(Math.max(lastMax[i], energy)), joules(processJoules[i]),
                            joules(Math.min(idleJoules[i], energy)), idleRules[i]));
                }
            }
        }
        return new Measurement(new Interval(startedAt, lastTime), result, slices, processSlices, samples, attribution.strays());
    }

    private void loop() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopping) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            tick();
            next += intervalNanos;
            long now = System.nanoTime();
            if (next < now) {
                next = now + intervalNanos; // fell behind (suspended machine): do not burst to catch up
            }
        }
    }

    /**
     * Takes one reading now, outside the schedule, exactly as the background thread does every
     * interval, and hands it to the listener. Call it from one thread at a time, and not after
     * {@link #stop()}.
     *
     * @return the tick
     */
    public Sample sampleNow() {
        return tick();
    }

    private synchronized Sample tick() {
        int n = components.size();
        double[] now = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        double[] idleNow = lastIdleReading.clone();
        System.arraycopy(last, 0, now, 0, n);
        readAll(now, min, max, idleNow);
        Instant time = clock.instant();
        double share;
        try {
            share = attribution.nextShare();
        } catch (IOException e) {
            listener.onReadError("procfs", e);
            share = 0;
        }
        double[] shares = componentShares(share);
        double utilisation = attribution.utilisation();
        double seconds = Math.max(0, Duration.between(lastTime, time).toNanos() / 1e9);
        List<ComponentReading> readings = new ArrayList<>(n);
        List<Power> powers = new ArrayList<>(n);
        double nodeDelta = 0;
        double processDelta = 0;
        double nodeTotal = 0;
        double processTotal = 0;
        for (int i = 0; i < n; i++) {
            double delta = Math.max(0, now[i] - last[i]);
            double idle = switch (idleRules[i]) {
                // A source that gave no idle part this time (it cannot today) leaves the interval all dynamic.
                case MODEL_CONSTANT, BASELINE_POWER -> Double.isNaN(idleNow[i] - lastIdleReading[i]) ? 0
                        : Math.clamp(idleNow[i] - lastIdleReading[i], 0, delta);
                case CPU_USAGE_RATIO -> delta * (1 - utilisation);
                case NOT_SPLIT -> 0;
            };
            idleJoules[i] += idle;
            double process = (delta - idle) * shares[i];
            processJoules[i] += process;
            boolean counted = components.get(i).counted();
            if (counted) {
                nodeDelta += delta;
                processDelta += process;
                processTotal += processJoules[i];
                nodeTotal += now[i] - base[i];
            }
            lastMin[i] = Math.max(lastMin[i], min[i]);
            lastMax[i] = Math.max(lastMax[i], max[i]);
            double cumulative = now[i] - base[i];
            readings.add(new ComponentReading(joules(cumulative), joules(Math.min(lastMin[i], cumulative)),
                    joules(Math.max(lastMax[i], cumulative))));
            powers.add(Power.ofWatts(seconds > 0 ? delta / seconds : 0));
        }
        System.arraycopy(now, 0, last, 0, n);
        System.arraycopy(idleNow, 0, lastIdleReading, 0, n);
        Interval interval = new Interval(lastTime, time);
        addSlice(slices, interval, nodeDelta);
        addSlice(processSlices, interval, processDelta);
        lastTime = time;
        samples++;
        Sample sample = new Sample(time, components, readings, powers, Power.ofWatts(seconds > 0 ? nodeDelta / seconds : 0),
                joules(nodeTotal), joules(processTotal));
        latest = sample;
        listener.onSample(sample);
        return sample;
    }

    /**
     * Each component's share for the interval: what a {@link ProcessAwareSource} says, else the
     * CPU-time share.
     */
    private double[] componentShares(double cpuShare) {
        double[] shares = new double[components.size()];
        java.util.Arrays.fill(shares, cpuShare);
        int i = 0;
        for (EnergySource source : sources) {
            int count = source.components().size();
            if (source instanceof ProcessAwareSource aware) {
                double[] own = new double[count];
                java.util.Arrays.fill(own, Double.NaN);
                try {
                    aware.processShares(attribution::inTree, own);
                    for (int k = 0; k < count; k++) {
                        if (!Double.isNaN(own[k])) {
                            shares[i + k] = Math.clamp(own[k], 0.0, 1.0);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    listener.onReadError(source.id(), e);
                }
            }
            i += count;
        }
        return shares;
    }

    /**
     * Reads every source into {@code into} (cumulative joules since the source opened), and into
     * {@code idle} the idle part a source gives (NaN where it gives none); a source that fails keeps its
     * previous values. Min and max are read relative to their own values at the base reading (zero while
     * the base reading itself is taken).
     */
    private void readAll(double[] into, double[] min, double[] max, double[] idle) {
        int i = 0;
        for (EnergySource source : sources) {
            int count = source.components().size();
            try {
                List<ComponentReading> r = source.read();
                for (int k = 0; k < count; k++) {
                    ComponentReading reading = r.get(k);
                    into[i + k] = reading.energy().joules();
                    idle[i + k] = reading.idle().map(Energy::joules).orElse(Double.NaN);
                    // The value reported is the latest cumulative reading, so its label is the latest one's:
                    // a GPU counter that had not ticked at first is measured again once it has.
                    Provenance usual = components.get(i + k).provenance();
                    provenance[i + k] = reading.downgrade().map(usual::weakest).orElse(usual);
                    min[i + k] = Math.max(0, reading.min().joules() - baseMin[i + k]);
                    max[i + k] = Math.max(0, reading.max().joules() - baseMax[i + k]);
                }
            } catch (IOException | RuntimeException e) {
                listener.onReadError(source.id(), e);
                for (int k = 0; k < count; k++) {
                    min[i + k] = lastMin[i + k];
                    max[i + k] = lastMax[i + k];
                }
            }
            i += count;
        }
    }

    /** Appends a slice, merging it into the previous one while both lie in the same UTC minute. */
    private static void addSlice(List<EnergySlice> list, Interval interval, double joules) {
        if (!list.isEmpty()) {
            EnergySlice prev = list.getLast();
            Instant minute = prev.interval().start().truncatedTo(ChronoUnit.MINUTES);
            if (!interval.end().isAfter(minute.plus(Duration.ofMinutes(1)))) {
                list.set(list.size() - 1, new EnergySlice(new Interval(prev.interval().start(), interval.end()),
                        prev.energy().plus(Energy.ofJoules(joules))));
                return;
            }
        }
        list.add(new EnergySlice(interval, Energy.ofJoules(joules)));
    }

    private static Energy joules(double j) {
        return Energy.ofJoules(Math.max(0, j));
    }
}
