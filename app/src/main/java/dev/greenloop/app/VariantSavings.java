package dev.greenloop.app;

import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.StoredProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The savings of the model variants actually served, against serving the same traffic with the model's fp32: for each
 * model and variant, the queries it answered in the period (the store's served traffic, {@link ServedTrafficLog}) ×
 * (fp32's − the variant's energy per query), both from the newest lab profile result that measured the two on the same
 * texts, machine and meter (the mean of that result's rows of each, over their settings). Grams at the selection's mean
 * location-based intensity, PUE included, as the per-query figures; where the selection used no energy, at the intensity
 * the traffic itself was served at, where known.
 */
final class VariantSavings {

    /** The variant savings are counted against. */
    static final String REFERENCE = "fp32";

    static final String METHOD = "Σ over the model variants served in the period of queries served × (fp32's − the variant's Wh per query),"
            + " both from the newest lab profile result that measured the two on the same texts and machine; × the selection's mean"
            + " location-based intensity (PUE included)";

    private VariantSavings() {
    }

    /** What was computed: the saving, when any variant other than fp32 was served and could be compared, and the rows. */
    record Result(Optional<Disclosure.Saving> saving, List<Disclosure.VariantServed> rows) {
    }

    /**
     * @param traffic the stretches of served traffic that started in the period (any node; the request's nodes select)
     * @param profiles the stored lab profiles of the served models, newest result first
     * @param gramsPerKWh the selection's mean location-based intensity, PUE included; NaN where it used no energy
     * @param assumptions told what could not be compared, and why
     */
    static Result of(ReportRequest q, List<ServedTraffic> traffic, List<StoredProfile> profiles, double gramsPerKWh, List<String> assumptions) {
        Map<String, long[]> queries = new TreeMap<>();
        Map<String, double[]> served = new TreeMap<>();
        for (ServedTraffic t : traffic) {
            if (t.start().isBefore(q.from()) || !t.start().isBefore(q.to()) || (!q.nodes().isEmpty() && !q.nodes().contains(t.node()))) {
                continue;
            }
            String key = t.model() + "\u0000" + t.variant();
            queries.computeIfAbsent(key, k -> new long[1])[0] += t.queries();
            double[] s = served.computeIfAbsent(key, k -> new double[3]);
            s[0] += t.joules();
            s[1] += t.grams();
            s[2] += t.gramsQueries() == t.queries() ? 0 : 1;
        }
        if (queries.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        if (!q.tags().isEmpty()) {
            assumptions.add("variant savings: served traffic carries no tags, so --tag does not select it; it is selected by period and node only");
        }
        List<Disclosure.VariantServed> rows = new ArrayList<>();
        double savedWh = 0;
        double grams = 0;
        long compared = 0;
        boolean gramsKnown = true;
        for (var e : queries.entrySet()) {
            String[] mv = e.getKey().split("\u0000", 2);
            long n = e.getValue()[0];
            double[] s = served.get(e.getKey());
            Optional<double[]> pair = newestPair(profiles, mv[0], mv[1]);
            if (pair.isEmpty()) {
                assumptions.add("variant savings: %s %s served %d queries but no lab profile result measured it and %s together; profile both with 'greenloop lab profile'"
                        .formatted(mv[0], mv[1], n, REFERENCE));
                continue;
            }
            double[] p = pair.get();
            double wh = n * (p[1] - p[0]) / 3600;
            OptionalDouble g;
            if (Double.isFinite(gramsPerKWh)) {
                g = OptionalDouble.of(wh / 1000 * gramsPerKWh);
            } else if (s[2] == 0 && s[0] > 0) {
                // The intensity the traffic was served at: its grams over its kWh.
                g = OptionalDouble.of(wh / 1000 * s[1] / (s[0] / 3.6e6));
            } else {
                g = OptionalDouble.empty();
            }
            rows.add(new Disclosure.VariantServed(mv[0], mv[1], n, p[0] / 3600, p[1] / 3600, wh, g, (long) p[2], s[0] / 3600));
            if (!mv[1].equals(REFERENCE)) {
                compared += n;
                savedWh += wh;
                if (g.isPresent()) {
                    grams += g.getAsDouble();
                } else {
                    gramsKnown = false;
                }
            }
        }
        if (!gramsKnown) {
            assumptions.add("variant savings: some traffic was served where no intensity is known and the selection used no energy; its grams are not counted");
        }
        if (rows.stream().noneMatch(r -> !r.variant().equals(REFERENCE))) {
            return new Result(Optional.empty(), rows);
        }
        return new Result(Optional.of(new Disclosure.Saving("variants", grams, (int) Math.min(Integer.MAX_VALUE, compared),
                METHOD + "; %.4g Wh saved over %d queries".formatted(savedWh, compared))), rows);
    }

    /**
     * @return the variant's and fp32's mean joules per query, and the result's identifier, from the newest result that
     *     holds both; empty where none does
     */
    static Optional<double[]> newestPair(List<StoredProfile> profiles, String model, String variant) {
        Map<Long, List<StoredProfile>> byResult = new LinkedHashMap<>();
        for (StoredProfile p : profiles) {
            if (p.profile().model().equals(model)) {
                byResult.computeIfAbsent(p.resultId(), k -> new ArrayList<>()).add(p);
            }
        }
        long newest = Long.MIN_VALUE;
        double[] best = null;
        for (var e : byResult.entrySet()) {
            OptionalDouble v = mean(e.getValue(), variant);
            OptionalDouble ref = mean(e.getValue(), REFERENCE);
            if (v.isPresent() && ref.isPresent() && e.getKey() > newest) {
                newest = e.getKey();
                best = new double[] {v.getAsDouble(), ref.getAsDouble(), e.getKey()};
            }
        }
        return Optional.ofNullable(best);
    }

    private static OptionalDouble mean(List<StoredProfile> rows, String variant) {
        return rows.stream().filter(p -> p.profile().variant().equals(variant)).mapToDouble(p -> p.profile().joulesPerQuery()).average();
    }
}
