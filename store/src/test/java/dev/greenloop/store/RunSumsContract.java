package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The report's reads ({@link Store#sumRuns}, {@link Store#forEachRun}) against a brute-force sum over the runs read
 * back whole ({@link Store#listRuns}), on a small seeded set: several nodes, zones and tags, components with breakdowns
 * and all three provenances, runs outside the period, an interrupted run and one still running.
 */
abstract class RunSumsContract {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-03T00:00:00Z");
    static final Duration WIDTH = Duration.ofHours(1);

    protected abstract StoreConfig config();

    /** Seeds 60 runs with inexact energies; returns the store, open. */
    private Store seeded() {
        Store store = Stores.open(config());
        Random random = new Random(15);
        String[] nodes = {"a", "b", "c"};
        String[] zones = {"DE", "FR", "PL"};
        for (int i = 0; i < 60; i++) {
            String node = nodes[i % 3];
            // Some runs before, some after the period; the rest inside it, at millisecond times.
            Instant start = FROM.plusMillis((long) ((random.nextDouble() * 2.4 - 0.2) * 86_400_000));
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("team", i % 2 == 0 ? "search" : "ads");
            if (i % 4 != 0) {
                tags.put("queries", String.valueOf(random.nextInt(1000)));
            }
            String zone = zones[(i / 3) % 3];
            long id = store.startRun(new NewRun("job " + i, List.of("job", String.valueOf(i)), tags, start, new NodeInfo(node, zone, "", 1.1)));
            List<RunComponent> parts = new ArrayList<>();
            double pkg = random.nextDouble() * 1e6 + 0.1;
            parts.add(component("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", pkg, pkg, pkg));
            parts.add(component("core-0", Scope.CORE, Provenance.MEASURED, "cpu-package-0", pkg / 3, pkg / 3, pkg / 3));
            double dram = random.nextDouble() * 1e5 + 0.3;
            parts.add(component("dram-0", Scope.DRAM, i % 5 == 0 ? Provenance.DERIVED : Provenance.MODELLED, "", dram, dram * 0.8, dram * 1.3));
            if (node.equals("b")) {
                double gpu = random.nextDouble() * 3e6;
                parts.add(component("gpu-0", Scope.GPU, Provenance.DERIVED, "", gpu, gpu, gpu));
            }
            double pue = 1 + random.nextDouble() / 2;
            RunOutcome outcome = new RunOutcome(start.plusMillis(random.nextInt(7_200_000)), 0, parts,
                    new RunCarbon(zone, 300, "average-lifecycle-hourly", i % 7 == 0 ? "trace B" : "trace A", pue, random.nextDouble() * 500, 0));
            if (i == 7) {
                // Interrupted with its totals so far: selected, with what its samples added up to.
                store.appendSamples(new NodeInfo(node, zone, "", 1.1), id, List.of(), outcome);
                markInterrupted(store, id);
            } else if (i != 8) {
                store.finishRun(id, outcome);
            }
            // i == 8 stays running (this process measures it): never selected.
        }
        return store;
    }

    /** @return a connection of its own to the store's database */
    protected abstract java.sql.Connection rawConnection() throws java.sql.SQLException;

    /** Marks a run interrupted as {@link Reconciler} does, through a connection of its own. */
    private void markInterrupted(Store store, long runId) {
        try (java.sql.Connection c = rawConnection(); java.sql.PreparedStatement update = c.prepareStatement("UPDATE run SET status = 'finished',"
                + " interrupted_at = 1772323200000, interruption = 'test', ended_at = COALESCE(ended_at, started_at) WHERE id = ?")) {
            update.setLong(1, runId);
            assertEquals(1, update.executeUpdate());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static RunComponent component(String name, Scope scope, Provenance p, String partOf, double j, double min, double max) {
        return new RunComponent(name, scope, p, "", partOf, Energy.ofJoules(j), Energy.ofJoules(min), Energy.ofJoules(max), Energy.ofJoules(0));
    }

    private static boolean selected(StoredRun r, RunSelection s) {
        Instant t = r.start().startedAt();
        return r.outcome().isPresent() && !t.isBefore(s.from()) && t.isBefore(s.to())
                && (s.nodes().isEmpty() || s.nodes().contains(r.start().node().name()))
                && s.tags().entrySet().stream().allMatch(e -> e.getValue().equals(r.start().tags().get(e.getKey())));
    }

    @Test
    void sumRuns_equalsBruteForceSumOverTheRunsReadWhole() {
        try (Store store = seeded()) {
            List<StoredRun> all = store.listRuns(Optional.empty());
            assertEquals(60, all.size());
            for (RunSelection s : List.of(new RunSelection(FROM, TO, Set.of(), Map.of()), new RunSelection(FROM, TO, Set.of("b"), Map.of()),
                    new RunSelection(FROM, TO, Set.of("a", "c"), Map.of("team", "search")))) {
                Map<String, double[]> components = new TreeMap<>();
                Map<String, Double> buckets = new TreeMap<>();
                Map<String, double[]> zones = new TreeMap<>();
                int runs = 0;
                for (StoredRun r : all) {
                    if (!selected(r, s)) {
                        continue;
                    }
                    runs++;
                    RunOutcome o = r.outcome().orElseThrow();
                    long bucket = Duration.between(FROM, r.start().startedAt()).toMillis() / WIDTH.toMillis();
                    for (RunComponent c : o.components()) {
                        if (c.counted()) {
                            double[] sum = components.computeIfAbsent(r.start().node().name() + "/" + c.name() + "/" + c.scope().label() + "/"
                                    + c.provenance().label(), k -> new double[4]);
                            sum[0]++;
                            sum[1] += c.energy().joules();
                            sum[2] += c.min().joules();
                            sum[3] += c.max().joules();
                            buckets.merge(bucket + "/" + c.scope().label(), c.energy().joules(), Double::sum);
                        }
                    }
                    double[] z = zones.computeIfAbsent(o.carbon().zone(), k -> new double[4]);
                    z[0]++;
                    z[1] += o.total().joules();
                    z[2] += o.total().joules() * o.carbon().pue();
                    z[3] += o.carbon().grams();
                }
                assertTrue(runs > 5, "the selection " + s + " holds runs");
                RunSums sums = store.sumRuns(s, FROM, WIDTH);
                assertEquals(components.keySet().size(), sums.components().size(), sums.components().toString());
                for (RunSums.ComponentSum c : sums.components()) {
                    double[] want = components.get(c.node() + "/" + c.component() + "/" + c.scope() + "/" + c.provenance());
                    assertEquals(want[0], c.runs(), c.toString());
                    assertClose(want[1], c.joules(), c.toString());
                    assertClose(want[2], c.minJoules(), c.toString());
                    assertClose(want[3], c.maxJoules(), c.toString());
                }
                assertEquals(buckets.size(), sums.buckets().size());
                for (RunSums.BucketSum b : sums.buckets()) {
                    assertClose(buckets.get(b.bucket() + "/" + b.scope()), b.joules(), b.toString());
                }
                assertEquals(zones.keySet(), new java.util.TreeSet<>(sums.zones().stream().map(RunSums.ZoneSum::zone).toList()));
                for (RunSums.ZoneSum z : sums.zones()) {
                    double[] want = zones.get(z.zone());
                    assertEquals(want[0], z.runs(), z.toString());
                    assertClose(want[1], z.joules(), z.toString());
                    assertClose(want[2], z.facilityJoules(), z.toString());
                    assertClose(want[3], z.grams(), z.toString());
                }
            }
        }
    }

    @Test
    void forEachRun_oldestFirst_eachRunsStoredTotalsExactly() {
        try (Store store = seeded()) {
            RunSelection s = new RunSelection(FROM, TO, Set.of(), Map.of());
            List<StoredRun> want = new ArrayList<>(store.listRuns(Optional.empty()).stream().filter(r -> selected(r, s)).toList());
            want.sort(java.util.Comparator.comparing((StoredRun r) -> r.start().startedAt()).thenComparingLong(StoredRun::id));
            List<RunFact> got = new ArrayList<>();
            store.forEachRun(s, "queries", got::add);
            assertEquals(want.size(), got.size());
            assertTrue(got.stream().anyMatch(f -> f.id() == want.stream().filter(r -> r.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow().id()),
                    "the interrupted run is selected");
            for (int i = 0; i < want.size(); i++) {
                StoredRun r = want.get(i);
                RunOutcome o = r.outcome().orElseThrow();
                RunFact f = got.get(i);
                assertEquals(new RunFact(r.id(), r.start().node().name(), o.carbon().zone(), r.start().startedAt(), o.endedAt(), o.total().joules(),
                        o.carbon().pue(), o.carbon().grams(), r.start().tags().get("queries")), f);
            }
            assertEquals(Set.of("a", "b", "c"), store.nodesWithRuns());
        }
    }

    @Test
    void runsWithArguments_theSelectedRunsWhoseCommandHoldsTheTwoInARow() {
        try (Store store = seeded()) {
            RunSelection s = new RunSelection(FROM, TO, Set.of(), Map.of());
            List<StoredRun> selected = store.listRuns(Optional.empty()).stream().filter(r -> selected(r, s)).toList();
            for (String[] pair : List.of(new String[] {"job", "12"}, new String[] {"job", "13"}, new String[] {"12", "job"}, new String[] {"lab", "distill"})) {
                List<Long> want = selected.stream().filter(r -> java.util.Collections.indexOfSubList(r.start().command(), List.of(pair)) >= 0)
                        .sorted(java.util.Comparator.comparing((StoredRun r) -> r.start().startedAt()).thenComparingLong(StoredRun::id))
                        .map(StoredRun::id).toList();
                assertEquals(want, store.runsWithArguments(s, pair[0], pair[1]), List.of(pair).toString());
            }
        }
    }

    private static void assertClose(double want, double got, String what) {
        assertEquals(want, got, Math.abs(want) * 1e-12 + 1e-9, what);
    }
}
