package dev.greenloop.meter;

import dev.greenloop.core.Energy;
import dev.greenloop.core.EnergySlice;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.List;

/**
 * The energy of a node, and of a process tree on it, over a span of time. Immutable.
 *
 * <p>Energy is conserved: the {@link ComponentEnergy#component() counted} components add up to
 * {@link #total()}, and {@link #processEnergy()} + {@link #unattributed()} = {@link #total()}. The node's
 * energy is idle power ({@link #idleEnergy()}, attributed to no process) plus dynamic power
 * ({@link #dynamicEnergy()}), of which the process tree gets its CPU-time share: the unattributed rest is
 * idle power and other processes' dynamic power.
 *
 * @param interval when measurement started and stopped
 * @param components every component, counted ones first in discovery order, then breakdowns
 * @param slices the node's counted energy, interval by interval, for carbon accounting
 * @param processSlices the process tree's energy, interval by interval
 * @param samples how many readings were taken
 * @param strayPids processes the measured command started that were found to have left its process tree
 *     (re-parented to init or a subreaper: daemons, double forks); their CPU time after they left is not
 *     attributed to the command. A command run in a cgroup of its own had all of them counted until it
 *     ended: then only those still running. Empty for in-process tracking and node sampling
 */
public record Measurement(Interval interval, List<ComponentEnergy> components, List<EnergySlice> slices,
        List<EnergySlice> processSlices, int samples, List<Long> strayPids) {

    /** Copies the lists. */
    public Measurement {
        components = List.copyOf(components);
        slices = List.copyOf(slices);
        processSlices = List.copyOf(processSlices);
        strayPids = List.copyOf(strayPids);
    }

    /** A measurement in which no process left the measured tree. */
    public Measurement(Interval interval, List<ComponentEnergy> components, List<EnergySlice> slices,
            List<EnergySlice> processSlices, int samples) {
        this(interval, components, slices, processSlices, samples, List.of());
    }

    /** @return the start of measurement */
    public Instant startedAt() {
        return interval.start();
    }

    /** @return the end of measurement */
    public Instant endedAt() {
        return interval.end();
    }

    /** @return the node's energy: the sum of the counted components */
    public Energy total() {
        return sum(false, false);
    }

    /** @return the lower bound of the node's energy */
    public Energy totalMin() {
        return sum(true, false);
    }

    /** @return the upper bound of the node's energy */
    public Energy totalMax() {
        return sum(false, true);
    }

    /** @return the energy attributed to the measured process tree (zero for node sampling) */
    public Energy processEnergy() {
        double j = 0;
        for (ComponentEnergy c : components) {
            if (c.component().counted()) {
                j += c.processEnergy().joules();
            }
        }
        return Energy.ofJoules(j);
    }

    /** @return the node's idle power over the measurement, counted components only; attributed to no process */
    public Energy idleEnergy() {
        double j = 0;
        for (ComponentEnergy c : components) {
            if (c.component().counted()) {
                j += c.idleEnergy().joules();
            }
        }
        return Energy.ofJoules(j);
    }

    /** @return the node's energy above idle: {@link #total()} - {@link #idleEnergy()} */
    public Energy dynamicEnergy() {
        return Energy.ofJoules(Math.max(0, total().joules() - idleEnergy().joules()));
    }

    /** @return the node energy not attributed to the process tree: idle power and other processes */
    public Energy unattributed() {
        return Energy.ofJoules(Math.max(0, total().joules() - processEnergy().joules()));
    }

    /** @return the weakest provenance among the counted components, or measured when there are none */
    public Provenance provenance() {
        Provenance p = Provenance.MEASURED;
        for (ComponentEnergy c : components) {
            if (c.component().counted()) {
                p = p.weakest(c.component().provenance());
            }
        }
        return p;
    }

    private Energy sum(boolean min, boolean max) {
        double j = 0;
        for (ComponentEnergy c : components) {
            if (c.component().counted()) {
                j += (min ? c.min() : max ? c.max() : c.energy()).joules();
            }
        }
        return Energy.ofJoules(j);
    }
}
