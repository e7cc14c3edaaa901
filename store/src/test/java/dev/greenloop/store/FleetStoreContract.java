package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every fleet store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class FleetStoreContract {

    static final NodeRegistration NODE = new NodeRegistration("node-a", "DE", 1.2, "test box");
    /** On a whole hour, so that minutes and hours are easy to see in the tests. */
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final List<FleetStore> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    protected FleetStore open() {
        FleetStore store = Stores.openFleet(config());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(FleetStore::close);
    }

    /** A sample of {@code component} ending at {@code end}, lasting {@code seconds}, of {@code joules}. */
    static FleetSample sample(String id, Instant end, double seconds, String component, Scope scope, double joules) {
        return new FleetSample(id, end, seconds, component, scope, Provenance.MEASURED, joules, joules / seconds);
    }

    /** {@code count} 1-second samples of each of {@code components} from {@code start}, joules varying with i. */
    static List<FleetSample> series(String prefix, Instant start, int count, Map<String, Scope> components) {
        List<FleetSample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (var c : components.entrySet()) {
                out.add(sample(prefix + "-" + c.getKey() + "-" + i, start.plusSeconds(i + 1), 1, c.getKey(), c.getValue(), 10 + i % 7 + 0.25));
            }
        }
        return out;
    }

    private static double sum(List<FleetSample> samples, String component) {
        return samples.stream().filter(s -> s.component().equals(component)).mapToDouble(FleetSample::joules).sum();
    }

    @Test
    void ingest_sameIdTwice_storedOnceAndCountedOnce() {
        FleetStore store = open();
        FleetSample s = sample("s1", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 42.5);

        assertEquals(new IngestResult(1, 1), store.ingest(NODE, List.of(s, s)));
        assertEquals(new IngestResult(0, 1), store.ingest(NODE, List.of(s)));
        assertEquals(42.5, store.totals().getFirst().joules());
    }

    @Test
    void ingest_replayOfAWholeBatch_totalsUnchanged() {
        FleetStore store = open();
        List<FleetSample> batch = series("b", T0, 50, Map.of("psys", Scope.PSYS, "gpu-0", Scope.GPU));
        store.ingest(NODE, batch);
        List<ComponentTotal> before = store.totals();

        assertEquals(new IngestResult(0, 100), store.ingest(NODE, batch));
        assertEquals(before, store.totals());
        assertEquals(sum(batch, "psys") + sum(batch, "gpu-0"),
                store.energy(NODE.name(), T0, T0.plusSeconds(3600)).stream().mapToDouble(ComponentEnergy::joules).sum(), 1e-9);
    }

    @Test
    void ingest_sameIdOnTwoNodes_bothStored() {
        FleetStore store = open();
        FleetSample s = sample("s1", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 1);
        store.ingest(NODE, List.of(s));

        assertEquals(new IngestResult(1, 0), store.ingest(new NodeRegistration("node-b", "FR", 1.0, "other"), List.of(s)));
    }

    @Test
    void ingest_badSample_refusedAndNothingStored() {
        FleetStore store = open();
        FleetSample good = sample("ok", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 1);
        FleetSample bad = new FleetSample("nan", T0.plusSeconds(2), 1, "psys", Scope.PSYS, Provenance.MEASURED, Double.NaN, 1);

        assertThrows(IllegalArgumentException.class, () -> store.ingest(NODE, List.of(good, bad)));
        assertEquals(List.of(), store.totals());
    }

    @Test
    void totals_manyBatches_equalWhatWasSentToTheJoule() {
        FleetStore store = open();
        List<FleetSample> all = series("t", T0, 600, Map.of("cpu-package-0", Scope.CPU_PACKAGE, "dram-0", Scope.DRAM));
        for (int i = 0; i < all.size(); i += 8) {
            store.ingest(NODE, all.subList(i, Math.min(all.size(), i + 8)));
        }
        Map<String, Double> totals = new java.util.TreeMap<>();
        store.totals().forEach(t -> totals.put(t.component(), t.joules()));

        assertEquals(Map.of("cpu-package-0", sum(all, "cpu-package-0"), "dram-0", sum(all, "dram-0")), totals);
        ComponentTotal latest = store.totals().getFirst();
        assertEquals(T0.plusSeconds(600), latest.lastTime());
        assertEquals(all.get(all.size() - 2).watts(), latest.watts());
    }

    @Test
    void nodes_afterIngest_lastSeenZoneAndLatestPower() {
        FleetStore store = open();
        store.ingest(NODE, series("n", T0, 3, Map.of("psys", Scope.PSYS)));
        store.ingest(new NodeRegistration(NODE.name(), "FR", 1.4, "new box"), List.of());

        FleetNode node = store.node(NODE.name()).orElseThrow();
        assertEquals("FR", node.zone());
        assertEquals(1.4, node.pue());
        assertEquals(Optional.of(T0.plusSeconds(3)), node.lastSeen());
        assertEquals(List.of("psys"), node.components().stream().map(ComponentTotal::component).toList());
        assertEquals(List.of(NODE.name()), store.nodes().stream().map(FleetNode::name).toList());
        assertEquals(Optional.empty(), store.node("nobody"));
    }

    @Test
    void unknownNode_readsAreEmpty() {
        FleetStore store = open();

        assertEquals(List.of(), store.energy("nobody", T0, T0.plusSeconds(60)));
        assertEquals(List.of(), store.hourlyEnergy("nobody", T0, T0.plusSeconds(60)));
        assertEquals(List.of(), store.power("nobody", T0, T0.plusSeconds(60), Duration.ofSeconds(10)));
    }

    @Test
    void energy_sampleStraddlingPeriodEnds_splitByOverlap() {
        FleetStore store = open();
        // 10 s from T0+55 s to T0+65 s, over a minute edge; 100 J.
        store.ingest(NODE, List.of(sample("x", T0.plusSeconds(65), 10, "psys", Scope.PSYS, 100)));

        assertEquals(50, store.energy(NODE.name(), T0, T0.plusSeconds(60)).getFirst().joules(), 1e-9);
        assertEquals(50, store.energy(NODE.name(), T0.plusSeconds(60), T0.plusSeconds(120)).getFirst().joules(), 1e-9);
        assertEquals(30, store.energy(NODE.name(), T0.plusSeconds(57), T0.plusSeconds(60)).getFirst().joules(), 1e-9);
        assertEquals(20, store.energy(NODE.name(), T0.plusSeconds(61), T0.plusSeconds(63)).getFirst().joules(), 1e-9);
        assertEquals(100, store.energy(NODE.name(), T0.plusSeconds(1), T0.plusSeconds(3600)).getFirst().joules(), 1e-9);
        assertEquals(List.of(), store.energy(NODE.name(), T0.plusSeconds(65), T0.plusSeconds(70)));
    }

    @Test
    void energy_minuteAlignedAndNot_agreeWithTheSamples() {
        FleetStore store = open();
        // Irregular samples (2.5 s each) over ten minutes, three components.
        List<FleetSample> samples = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            Instant end = T0.plusMillis(2500L * (i + 1) + 333);
            samples.add(sample("p" + i, end, 2.5, "psys", Scope.PSYS, 25 + i % 5));
            samples.add(sample("c" + i, end, 2.5, "cpu-package-0", Scope.CPU_PACKAGE, 12 + i % 3));
            samples.add(sample("k" + i, end, 2.5, "core-0", Scope.CORE, 6));
        }
        store.ingest(NODE, samples);
        Instant from = T0.plusMillis(17_250);
        Instant to = T0.plusMillis(487_900);

        double expected = 0;
        for (FleetSample s : samples) {
            if (s.component().equals("psys")) {
                double a = Math.max(s.start().toEpochMilli(), from.toEpochMilli());
                double b = Math.min(s.time().toEpochMilli(), to.toEpochMilli());
                expected += b > a ? s.joules() * (b - a) / 2500 : 0;
            }
        }
        ComponentEnergy psys = store.energy(NODE.name(), from, to).stream().filter(c -> c.name().equals("psys")).findFirst().orElseThrow();
        assertEquals(expected, psys.joules(), 1e-9);
        assertEquals(Scope.PSYS, psys.scope());
        assertEquals(Provenance.MEASURED, psys.provenance());
        assertEquals(List.of("core-0", "cpu-package-0", "psys"), store.energy(NODE.name(), from, to).stream().map(ComponentEnergy::name).toList());
    }

    @Test
    void power_stepsOfAMinuteOrNot_conserveEnergyAndEqualEnergy() {
        FleetStore store = open();
        List<FleetSample> samples = series("s", T0.plusMillis(700), 1800, Map.of("psys", Scope.PSYS, "gpu-0", Scope.GPU));
        store.ingest(NODE, samples);
        Instant from = T0.plusSeconds(120);
        Instant to = T0.plusSeconds(1500).plusMillis(450);
        Map<String, Double> energy = new java.util.TreeMap<>();
        store.energy(NODE.name(), from, to).forEach(c -> energy.put(c.name(), c.joules()));

        for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(7), Duration.ofMillis(1500))) {
            List<PowerSeries> series = store.power(NODE.name(), from, to, step);
            assertEquals(List.of("gpu-0", "psys"), series.stream().map(PowerSeries::component).toList());
            for (PowerSeries s : series) {
                double joules = s.steps().stream().mapToDouble(PowerSeries.Step::joules).sum();
                assertEquals(energy.get(s.component()), joules, 1e-6, s.component() + " at " + step);
                PowerSeries.Step first = s.steps().getFirst();
                assertEquals(from, first.start());
                assertEquals(step.toMillis() / 1000.0, first.seconds());
                assertEquals(first.joules() / first.seconds(), first.watts(), 1e-9, "fully covered: mean power over the step");
                PowerSeries.Step last = s.steps().getLast();
                assertEquals(to.toEpochMilli(), last.start().toEpochMilli() + Math.round(last.seconds() * 1000), "the last step ends at the period's end");
            }
        }
    }

    @Test
    void power_stepWithoutSamples_isNaNWatts() {
        FleetStore store = open();
        store.ingest(NODE, List.of(sample("a", T0.plusSeconds(10), 10, "psys", Scope.PSYS, 100)));

        List<PowerSeries.Step> steps = store.power(NODE.name(), T0, T0.plusSeconds(30), Duration.ofSeconds(10)).getFirst().steps();
        assertEquals(3, steps.size());
        assertEquals(10, steps.get(0).watts(), 1e-9);
        assertTrue(Double.isNaN(steps.get(1).watts()));
        assertEquals(0, steps.get(1).joules());
    }

    @Test
    void hourlyEnergy_overlappingScopes_countsPsysAndGpuOnly() {
        FleetStore store = open();
        // From 11:30 to 13:30, one sample a minute: psys 60 J, its package 30 J, the package's cores 20 J, a GPU 90 J.
        List<FleetSample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant end = T0.minusSeconds(1800).plusSeconds(60L * (i + 1));
            samples.add(sample("p" + i, end, 60, "psys", Scope.PSYS, 60));
            samples.add(sample("c" + i, end, 60, "cpu-package-0", Scope.CPU_PACKAGE, 30));
            samples.add(sample("k" + i, end, 60, "core-0", Scope.CORE, 20));
            samples.add(sample("g" + i, end, 60, "gpu-0", Scope.GPU, 90));
        }
        store.ingest(NODE, samples);

        List<FleetStore.HourEnergy> hours = store.hourlyEnergy(NODE.name(), T0.minusSeconds(7200), T0.plusSeconds(7200));
        assertEquals(List.of(T0.minusSeconds(3600), T0, T0.plusSeconds(3600)), hours.stream().map(FleetStore.HourEnergy::hour).toList());
        assertEquals(30 * 150.0, hours.get(0).joules(), 1e-9);
        assertEquals(60 * 150.0, hours.get(1).joules(), 1e-9);
        // A period starting mid-hour: the hour is labelled by its start, its energy only from the period's start.
        List<FleetStore.HourEnergy> part = store.hourlyEnergy(NODE.name(), T0.plusSeconds(90), T0.plusSeconds(3600));
        assertEquals(List.of(new FleetStore.HourEnergy(T0, 150 * 58.5)), part);
    }

    @Test
    void counted_rule_neverSumsOverlappingScopes() {
        List<Scope> withPsys = List.of(Scope.PSYS, Scope.CPU_PACKAGE, Scope.DRAM, Scope.CORE, Scope.GPU);
        assertEquals(List.of(Scope.PSYS, Scope.GPU), withPsys.stream().filter(s -> FleetStore.counted(s, withPsys)).toList());
        List<Scope> packages = List.of(Scope.CPU_PACKAGE, Scope.DRAM, Scope.CORE, Scope.UNCORE, Scope.MEMORY);
        assertEquals(List.of(Scope.CPU_PACKAGE, Scope.DRAM, Scope.MEMORY), packages.stream().filter(s -> FleetStore.counted(s, packages)).toList());
        List<Scope> wall = List.of(Scope.SYSTEM, Scope.PSYS, Scope.GPU);
        assertEquals(List.of(Scope.SYSTEM), wall.stream().filter(s -> FleetStore.counted(s, wall)).toList());
    }

    @Test
    void carbonTotals_countedComponentsGramsOnly() {
        FleetStore store = open();
        store.ingest(NODE, List.of(sample("p", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 10),
                sample("c", T0.plusSeconds(1), 1, "cpu-package-0", Scope.CPU_PACKAGE, 5)), s -> s.joules() * 2);
        store.ingest(NODE, List.of(sample("p", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 10)), s -> s.joules() * 2);

        assertEquals(List.of(new FleetStore.NodeCarbon(NODE.name(), "DE", 1.2, 20)), store.carbonTotals());
    }

    @Test
    void ingest_manyThreadsAndNodesOnTwoStores_totalsExact() throws Exception {
        // Two stores on one database, as two servers behind a load balancer: each thread pushes through one of them.
        FleetStore[] stores = {open(), open()};
        FleetStore store = stores[0];
        int threads = 16;
        int pushes = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            NodeRegistration node = new NodeRegistration("node-" + (t % 4), "DE", 1.1, "box");
            int thread = t;
            results.add(pool.submit(() -> {
                int stored = 0;
                for (int p = 0; p < pushes; p++) {
                    List<FleetSample> batch = new ArrayList<>();
                    for (String c : List.of("psys", "gpu-0")) {
                        // Four threads share each node: each sends its own ids, and every id twice (a retry).
                        batch.add(sample(thread + "-" + p + "-" + c, T0.plusSeconds(p + 1), 1, c, c.equals("psys") ? Scope.PSYS : Scope.GPU, 0.5 + thread));
                    }
                    stored += stores[p % 2].ingest(node, batch).stored();
                    stored += stores[(p + thread) % 2].ingest(node, batch).stored();
                }
                return stored;
            }));
        }
        int stored = 0;
        for (Future<Integer> f : results) {
            stored += f.get();
        }
        pool.shutdown();

        assertEquals(threads * pushes * 2, stored);
        double expected = IntStream.range(0, threads).mapToDouble(t -> (0.5 + t) * pushes * 2).sum();
        assertEquals(expected, store.totals().stream().mapToDouble(ComponentTotal::joules).sum(), 1e-6);
        assertEquals(4, store.nodes().size());
    }

    @Test
    void tokens_createListRevokeByHash() {
        FleetStore store = open();
        ApiToken a = store.createToken("ci", TokenRole.AGENT, "a".repeat(64));
        ApiToken b = store.createToken("grafana", TokenRole.VIEWER, "b".repeat(64));

        assertTrue(a.valid());
        assertEquals(List.of(a, b), store.tokens());
        assertEquals(Optional.of(b), store.tokenByHash("b".repeat(64)));
        assertEquals(Optional.empty(), store.tokenByHash("c".repeat(64)));
        assertThrows(TokenNameTakenException.class, () -> store.createToken("ci", TokenRole.ADMIN, "d".repeat(64)));

        ApiToken revoked = store.revokeToken(String.valueOf(a.id())).orElseThrow();
        assertFalse(revoked.valid());
        assertFalse(store.tokenByHash("a".repeat(64)).orElseThrow().valid());
        assertEquals(revoked, store.revokeToken("ci").orElseThrow(), "revoking again keeps the first revocation");
        assertFalse(store.revokeToken("grafana").orElseThrow().valid());
        assertEquals(Optional.empty(), store.revokeToken("nobody"));
    }

    @Test
    void twoStoresOnOneDatabase_seeEachOthersWrites() {
        FleetStore one = open();
        FleetStore two = open();
        one.ingest(NODE, List.of(sample("x", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 7)));
        two.ingest(NODE, List.of(sample("x", T0.plusSeconds(1), 1, "psys", Scope.PSYS, 7), sample("y", T0.plusSeconds(2), 1, "psys", Scope.PSYS, 3)));

        assertEquals(10, one.totals().getFirst().joules());
        one.ping();
    }
}
