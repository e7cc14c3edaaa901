package dev.greenloop.app;

import dev.greenloop.store.RunComponent;
import dev.greenloop.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selection's energy over time, by scope: the period cut into buckets of an hour, a day or a week (at most
 * {@value #MAX_BUCKETS} of them), each run's counted components put in the bucket it started in.
 */
final class EnergyBuckets {

    static final int MAX_BUCKETS = 400;

    private EnergyBuckets() {
    }

    static Duration width(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        for (Duration d : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7))) {
            if (span.dividedBy(d) < MAX_BUCKETS) {
                return d;
            }
        }
        return span.dividedBy(MAX_BUCKETS).plusSeconds(1);
    }

    static List<Disclosure.Bucket> of(ReportRequest q, List<StoredRun> runs) {
        TreeSet<String> scopes = new TreeSet<>();
        runs.forEach(r -> r.outcome().orElseThrow().components().stream().filter(RunComponent::counted).forEach(c -> scopes.add(c.scope().label())));
        Duration w = width(q.from(), q.to());
        int n = (int) Math.max(1, (Duration.between(q.from(), q.to()).toSeconds() + w.toSeconds() - 1) / w.toSeconds());
        double[][] joules = new double[n][scopes.size()];
        List<String> order = new ArrayList<>(scopes);
        for (StoredRun r : runs) {
            int b = (int) Math.min(n - 1, Duration.between(q.from(), r.start().startedAt()).toSeconds() / w.toSeconds());
            for (RunComponent c : r.outcome().orElseThrow().components()) {
                if (c.counted()) {
                    joules[b][order.indexOf(c.scope().label())] += c.energy().joules();
                }
            }
        }
        List<Disclosure.Bucket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int s = 0; s < order.size(); s++) {
                m.put(order.get(s), joules[i][s]);
            }
            Instant start = q.from().plus(w.multipliedBy(i));
            Instant end = start.plus(w).isAfter(q.to()) ? q.to() : start.plus(w);
            out.add(new Disclosure.Bucket(start, end, m));
        }
        return out;
    }
}
