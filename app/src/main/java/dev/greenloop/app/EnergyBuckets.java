package dev.greenloop.app;

import dev.greenloop.store.RunSums;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selection's energy over time, by scope: the period cut into buckets of an hour, a day or a week (at most
 * {@value #MAX_BUCKETS} of them), each run's counted components put in the bucket it started in (the database adds them up).
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

    /**
     * @param sums the database's sums of the counted components per bucket of {@link #width} from the period's start
     *     and scope ({@link dev.greenloop.store.Store#sumRuns})
     */
    static List<Disclosure.Bucket> of(ReportRequest q, List<RunSums.BucketSum> sums) {
        TreeSet<String> scopes = new TreeSet<>();
        sums.forEach(s -> scopes.add(s.scope()));
        Duration w = width(q.from(), q.to());
        int n = (int) Math.max(1, (Duration.between(q.from(), q.to()).toSeconds() + w.toSeconds() - 1) / w.toSeconds());
        double[][] joules = new double[n][scopes.size()];
        List<String> order = new ArrayList<>(scopes);
        for (RunSums.BucketSum s : sums) {
            joules[(int) Math.min(n - 1, s.bucket())][order.indexOf(s.scope())] += s.joules();
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
