package dev.greenloop.app;

import dev.greenloop.store.FleetStore;
import dev.greenloop.core.Scope;
import dev.greenloop.store.PowerSeries;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One series of a node in steps (a minute, as the store's per-minute rollup gives them): a component, or the node's
 * counted total. Step {@code i} starts at {@code startMs[i]}, lasts {@code seconds[i]}, holds {@code joules[i]}, of which
 * samples covered {@code coveredSeconds[i]}; its mean power is {@link #watts(int)}. Arrays are not copied: build once,
 * read only.
 *
 * @param name the component's name, or {@value #NODE} for the node's total
 * @param scope the component's scope label, or {@code node}
 * @param provenance the least certain provenance of its steps
 */
record MinuteSeries(String name, String scope, String provenance, long[] startMs, double[] seconds, double[] joules,
        double[] coveredSeconds) {

    /** The name of the node's total series. */
    static final String NODE = "node";

    int size() {
        return startMs.length;
    }

    long endMs(int i) {
        return startMs[i] + Math.round(seconds[i] * 1000);
    }

    /** @return the mean power over the covered part of step {@code i}; NaN when no sample covers it */
    double watts(int i) {
        return coveredSeconds[i] > 0 ? joules[i] / coveredSeconds[i] : Double.NaN;
    }

    /**
     * @return a component's steps; a step with samples but zero power counts as covered for its whole length (the
     *     store gives no covered time when the power is 0)
     */
    static MinuteSeries of(PowerSeries s) {
        int n = s.steps().size();
        long[] start = new long[n];
        double[] seconds = new double[n];
        double[] joules = new double[n];
        double[] covered = new double[n];
        for (int i = 0; i < n; i++) {
            PowerSeries.Step st = s.steps().get(i);
            start[i] = st.start().toEpochMilli();
            seconds[i] = st.seconds();
            joules[i] = st.joules();
            covered[i] = !Double.isFinite(st.watts()) ? 0 : st.watts() > 0 ? st.joules() / st.watts() : st.seconds();
        }
        return new MinuteSeries(s.component(), s.scope().label(), s.provenance().label(), start, seconds, joules, covered);
    }

    /**
     * The node's total: per step, the sum of its counted components' energy ({@link FleetStore#counted}: never
     * overlapping scopes), covered as long as the longest-covered of them. Its provenance is the least certain of theirs.
     *
     * @param series the node's components, all on the same steps
     * @param nodeScopes the scopes of every component the node has
     */
    static MinuteSeries total(List<PowerSeries> series, Set<Scope> nodeScopes) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopes.addAll(nodeScopes);
        series.forEach(s -> scopes.add(s.scope()));
        List<MinuteSeries> counted = new ArrayList<>();
        dev.greenloop.core.Provenance worst = dev.greenloop.core.Provenance.MEASURED;
        for (PowerSeries s : series) {
            if (FleetStore.counted(s.scope(), scopes)) {
                counted.add(of(s));
                worst = worst.weakest(s.provenance());
            }
        }
        if (counted.isEmpty()) {
            return new MinuteSeries(NODE, NODE, worst.label(), new long[0], new double[0], new double[0], new double[0]);
        }
        MinuteSeries first = counted.getFirst();
        int n = first.size();
        double[] joules = new double[n];
        double[] covered = new double[n];
        for (MinuteSeries c : counted) {
            for (int i = 0; i < n; i++) {
                joules[i] += c.joules[i];
                covered[i] = Math.max(covered[i], c.coveredSeconds[i]);
            }
        }
        return new MinuteSeries(NODE, NODE, worst.label(), first.startMs, first.seconds, joules, covered);
    }
}
