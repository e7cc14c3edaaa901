package dev.greenloop.app;

import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunFact;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunSelection;
import dev.greenloop.store.RunSums;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoredRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The runs a report selects, as it reads them: sums the database makes ({@link Store#sumRuns}), the runs one by one,
 * oldest first, streamed ({@link Store#forEachRun}), and a few whole runs by id (those scheduled jobs ran). Either from a
 * store, or from runs in memory (for tests and callers that already hold them), with the same selection and sums.
 */
interface SelectedRuns {

    /** @return the sums, buckets of {@code width} counted from the period's start */
    RunSums sums(Duration width);

    /** Calls {@code each} for every selected run, oldest first (by start, then id), with its {@code queries} tag where R is a query. */
    void forEach(Consumer<RunFact> each);

    /** @return the selected runs among {@code ids}, whole */
    List<StoredRun> find(Set<Long> ids);

    /** @return the selected training runs ({@link TrainingDisclosure#isTraining}), whole, oldest first */
    List<StoredRun> training();

    /** @return the selection a request makes */
    static RunSelection selection(ReportRequest q) {
        return new RunSelection(q.from(), q.to(), new LinkedHashSet<>(q.nodes()), q.tags());
    }

    /** @return the runs of an open store that {@code q} selects; the store must stay open while they are read */
    static SelectedRuns of(Store store, ReportRequest q) {
        RunSelection s = selection(q);
        return new SelectedRuns() {
            @Override
            public RunSums sums(Duration width) {
                return store.sumRuns(s, q.from(), width);
            }

            @Override
            public void forEach(Consumer<RunFact> each) {
                store.forEachRun(s, q.unit() == ReportRequest.FunctionalUnit.QUERY ? Sci.QUERIES_TAG : null, each);
            }

            @Override
            public List<StoredRun> training() {
                Set<Long> ids = new java.util.TreeSet<>();
                Map<String, String> tags = new java.util.LinkedHashMap<>(q.tags());
                if (tags.getOrDefault(TrainingDisclosure.TAG, TrainingDisclosure.VALUE).equals(TrainingDisclosure.VALUE)) {
                    tags.put(TrainingDisclosure.TAG, TrainingDisclosure.VALUE);
                    store.forEachRun(new RunSelection(s.from(), s.to(), s.nodes(), tags), null, f -> ids.add(f.id()));
                }
                ids.addAll(store.runsWithArguments(s, "lab", "distill"));
                List<StoredRun> out = new ArrayList<>(find(ids));
                out.sort(Comparator.comparing((StoredRun r) -> r.start().startedAt()).thenComparingLong(StoredRun::id));
                return out;
            }

            @Override
            public List<StoredRun> find(Set<Long> ids) {
                List<StoredRun> out = new ArrayList<>();
                for (long id : ids) {
                    store.findRun(id).filter(r -> Reporting.selected(q, r)).ifPresent(out::add);
                }
                return out;
            }
        };
    }

    /** @return the runs of {@code runs} that {@code q} selects, added up in memory as the database would */
    static SelectedRuns of(List<StoredRun> runs, ReportRequest q) {
        List<StoredRun> selected = new ArrayList<>(runs.stream().filter(r -> Reporting.selected(q, r)).toList());
        selected.sort(Comparator.comparing((StoredRun r) -> r.start().startedAt()).thenComparingLong(StoredRun::id));
        return new SelectedRuns() {
            @Override
            public RunSums sums(Duration width) {
                Map<List<String>, double[]> components = new TreeMap<>(Comparator.comparing((List<String> k) -> String.join("\u0000", k)));
                Map<Long, Map<String, Double>> buckets = new TreeMap<>();
                Map<String, double[]> zones = new TreeMap<>();
                Set<RunSums.Source> sources = new LinkedHashSet<>();
                for (StoredRun r : selected) {
                    RunOutcome o = r.outcome().orElseThrow();
                    long bucket = Duration.between(q.from(), r.start().startedAt()).toMillis() / Math.max(1, width.toMillis());
                    for (RunComponent c : o.components()) {
                        if (c.counted()) {
                            double[] sum = components.computeIfAbsent(List.of(r.start().node().name(), c.name(), c.scope().label(), c.provenance().label()),
                                    k -> new double[4]);
                            sum[0]++;
                            sum[1] += c.energy().joules();
                            sum[2] += c.min().joules();
                            sum[3] += c.max().joules();
                            buckets.computeIfAbsent(bucket, k -> new TreeMap<>()).merge(c.scope().label(), c.energy().joules(), Double::sum);
                        }
                    }
                    double[] z = zones.computeIfAbsent(o.carbon().zone(), k -> new double[4]);
                    z[0]++;
                    z[1] += o.total().joules();
                    z[2] += o.total().joules() * o.carbon().pue();
                    z[3] += o.carbon().grams();
                    sources.add(new RunSums.Source(o.carbon().source(), o.carbon().signal()));
                }
                List<RunSums.ComponentSum> cs = new ArrayList<>();
                components.forEach((k, v) -> cs.add(new RunSums.ComponentSum(k.get(0), k.get(1), k.get(2), k.get(3), (long) v[0], v[1], v[2], v[3])));
                List<RunSums.BucketSum> bs = new ArrayList<>();
                buckets.forEach((b, m) -> m.forEach((scope, j) -> bs.add(new RunSums.BucketSum(b, scope, j))));
                List<RunSums.ZoneSum> zs = new ArrayList<>();
                zones.forEach((zone, v) -> zs.add(new RunSums.ZoneSum(zone, (long) v[0], v[1], v[2], v[3])));
                return new RunSums(cs, bs, zs, new ArrayList<>(sources));
            }

            @Override
            public void forEach(Consumer<RunFact> each) {
                selected.forEach(r -> each.accept(fact(r, Sci.QUERIES_TAG)));
            }

            @Override
            public List<StoredRun> training() {
                return selected.stream().filter(TrainingDisclosure::isTraining).toList();
            }

            @Override
            public List<StoredRun> find(Set<Long> ids) {
                Set<Long> wanted = new HashSet<>(ids);
                return selected.stream().filter(r -> wanted.contains(r.id())).toList();
            }
        };
    }

    /** @return the columns of a run with an outcome that a report folds, with the value of its {@code tagKey} tag */
    static RunFact fact(StoredRun r, String tagKey) {
        RunOutcome o = r.outcome().orElseThrow();
        return new RunFact(r.id(), r.start().node().name(), o.carbon().zone(), r.start().startedAt(), o.endedAt(), o.total().joules(),
                o.carbon().pue(), o.carbon().grams(), r.start().tags().get(tagKey));
    }
}
