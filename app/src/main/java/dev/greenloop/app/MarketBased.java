package dev.greenloop.app;

import dev.greenloop.store.RunFact;
import dev.greenloop.store.StoredRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Market-based scope 2 emissions, after the GHG Protocol's Scope 2 Guidance (2015), chapter 6: each run's facility
 * energy (energy × PUE) is covered, oldest run first, by the instruments of its zone whose period holds the run's
 * start, each up to its MWh at its emission factor; what no instrument covers is counted at the zone's residual mix
 * for that period; where the user gave no residual mix, at the run's location-based intensity (the grid average, the
 * last step of the guidance's emission-factor hierarchy), and the report says so.
 */
final class MarketBased {

    private final List<Instrument> instruments;
    private final Map<Instrument, Double> leftKWh = new LinkedHashMap<>();
    private final Map<String, double[]> zones = new TreeMap<>();

    /** @param instruments the user's instruments and residual mixes */
    MarketBased(List<Instrument> instruments) {
        this.instruments = List.copyOf(instruments);
        for (Instrument i : instruments) {
            i.megawattHours().ifPresent(mwh -> leftKWh.put(i, mwh * 1000));
        }
    }

    /**
     * @param runs the selected runs, with outcomes, in any order
     * @param instruments the user's instruments and residual mixes
     * @return each zone's figures, by zone name
     */
    static Map<String, Disclosure.ZoneCarbon> byZone(List<StoredRun> runs, List<Instrument> instruments) {
        List<StoredRun> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(Comparator.comparing((StoredRun r) -> r.start().startedAt()).thenComparingLong(StoredRun::id));
        MarketBased m = new MarketBased(instruments);
        oldestFirst.forEach(r -> m.add(SelectedRuns.fact(r, "")));
        return m.zones();
    }

    /** Covers the next run's facility energy: runs must come oldest first (by start, then id). */
    void add(RunFact r) {
        String zone = r.zone();
        double kWh = r.totalJoules() / 3.6e6 * r.pue();
        double[] z = zones.computeIfAbsent(zone, k -> new double[6]);
        z[0] += kWh;
        z[1] += r.grams();
        double left = kWh;
        for (var e : leftKWh.entrySet()) {
            if (left <= 0) {
                break;
            }
            if (e.getValue() > 0 && e.getKey().covers(zone, r.startedAt())) {
                double used = Math.min(left, e.getValue());
                e.setValue(e.getValue() - used);
                left -= used;
                z[2] += used * e.getKey().gramsPerKWh();
                z[3] += used;
            }
        }
        if (left > 0) {
            Instrument residual = null;
            for (Instrument i : instruments) {
                if (i.residual() && i.covers(zone, r.startedAt())) {
                    residual = i;
                    break;
                }
            }
            if (residual != null) {
                z[2] += left * residual.gramsPerKWh();
                z[4] += left;
            } else {
                // Grid average: the run's own location-based grams for the share left uncovered.
                z[2] += kWh > 0 ? r.grams() * (left / kWh) : 0;
                z[5] += left;
            }
        }
    }

    /** @return each zone's figures so far, by zone name */
    Map<String, Disclosure.ZoneCarbon> zones() {
        Map<String, Disclosure.ZoneCarbon> out = new LinkedHashMap<>();
        zones.forEach((zone, z) -> out.put(zone, new Disclosure.ZoneCarbon(zone, z[0], z[1], z[2], z[3], z[4], z[5])));
        return out;
    }
}
