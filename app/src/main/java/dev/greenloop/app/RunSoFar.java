package dev.greenloop.app;

import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.CarbonAccount;
import dev.greenloop.core.CarbonAccounting;
import dev.greenloop.core.Energy;
import dev.greenloop.core.EnergySlice;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has used up to its latest sample, kept with its samples in the store so that a run whose measuring process
 * is killed keeps its totals: each component's energy and bounds from the latest readings, the process tree's energy
 * (split across the counted components by their energy, as the sample gives only its total), and the carbon of every
 * interval so far, accounted hour by hour as {@link Accounting#outcome} does. Not thread-safe: the sampler's thread
 * adds samples and takes outcomes.
 */
final class RunSoFar {

    private final ZoneChoice zone;
    private final double pue;
    private final IntensityTimeline timeline;
    private final List<EnergySlice> pending = new ArrayList<>();
    private final List<EnergySlice> pendingProcess = new ArrayList<>();
    private double grams;
    private double processGrams;
    private double accountedJoules;
    private RunCarbon lastCarbon;
    private Instant previousTime;
    private double previousNodeJoules;
    private double previousProcessJoules;
    private Sample latest;

    /**
     * @param startedAt when sampling started: the first interval begins there
     */
    RunSoFar(Instant startedAt, ZoneChoice zone, double pue) {
        this.zone = zone;
        this.pue = pue;
        this.timeline = ZoneTable.builtIn().timeline(zone.zone().code());
        this.previousTime = startedAt;
    }

    /** Adds a tick. */
    void add(Sample sample) {
        if (sample.time().isAfter(previousTime)) {
            Interval interval = new Interval(previousTime, sample.time());
            double node = sample.nodeEnergy().joules();
            double process = sample.processEnergy().joules();
            pending.add(new EnergySlice(interval, Energy.ofJoules(Math.max(0, node - previousNodeJoules))));
            pendingProcess.add(new EnergySlice(interval, Energy.ofJoules(Math.max(0, process - previousProcessJoules))));
            previousNodeJoules = node;
            previousProcessJoules = process;
            previousTime = sample.time();
        }
        latest = sample;
    }

    /** @return the run so far, ending at the latest sample, with exit code {@link RunOutcome#UNKNOWN_EXIT_CODE}; null before any */
    RunOutcome outcome() {
        if (latest == null) {
            return null;
        }
        // Only the intervals added since the last call are accounted: the emissions of intervals add up.
        if (!pending.isEmpty() || lastCarbon == null) {
            CarbonAccount node = CarbonAccounting.account(pending, timeline, pue);
            CarbonAccount process = CarbonAccounting.account(pendingProcess, timeline, pue);
            grams += node.emissions().grams();
            processGrams += process.emissions().grams();
            accountedJoules += node.energy().joules();
            double meanIntensity = accountedJoules > 0 ? grams / pue / (accountedJoules / 3.6e6) : node.meanIntensity().gramsPerKWh();
            lastCarbon = new RunCarbon(zone.zone().code(), meanIntensity, node.signal().label(), node.signal().source(), pue, grams,
                    processGrams);
            pending.clear();
            pendingProcess.clear();
        }
        List<Component> components = latest.components();
        double counted = 0;
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).counted()) {
                counted += latest.readings().get(i).energy().joules();
            }
        }
        double processShare = counted > 0 ? Math.min(1, latest.processEnergy().joules() / counted) : 0;
        List<RunComponent> parts = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            ComponentReading r = latest.readings().get(i);
            Energy process = c.counted() ? Energy.ofJoules(r.energy().joules() * processShare) : Energy.ofJoules(0);
            parts.add(new RunComponent(c.name(), c.scope(), r.downgrade().map(c.provenance()::weakest).orElse(c.provenance()), c.description(), c.partOf(),
                    r.energy(), r.min(), r.max(), process));
        }
        return new RunOutcome(latest.time(), RunOutcome.UNKNOWN_EXIT_CODE, parts, lastCarbon);
    }
}
