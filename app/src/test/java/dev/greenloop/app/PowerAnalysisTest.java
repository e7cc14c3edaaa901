package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis through a real SQLite fleet store: one-minute samples of a node's {@code psys} over four Mondays at
 * 40 W (the baseline), then a Monday whose 01:00 hour is 30 minutes of a run at 80 W, 15 idle minutes at 20 W and 15
 * at 40 W.
 */
class PowerAnalysisTest {

    static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant NOW = MONDAY.plus(Duration.ofHours(3));
    static final NodeRegistration NODE = new NodeRegistration("node-a", "DE", 1.0, "test box");

    @TempDir
    Path home;
    Fleet fleet;
    PowerAnalysis analysis;

    @BeforeEach
    void open() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        fleet = new Fleet(dev.greenloop.store.Stores.openFleet(dev.greenloop.store.StoreConfig.fromEnvironment(settings.effectiveEnvironment())),
                Clock.fixed(NOW, ZoneOffset.UTC));
        analysis = new PowerAnalysis(fleet);
        List<FleetSample> samples = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            Instant hour = MONDAY.minus(Duration.ofDays(7L * week)).plus(Duration.ofHours(1));
            for (int m = 0; m < 60; m++) {
                samples.add(minute("b" + week + "-" + m, hour.plus(Duration.ofMinutes(m)), 40));
            }
        }
        Instant hour = MONDAY.plus(Duration.ofHours(1));
        for (int m = 0; m < 60; m++) {
            samples.add(minute("p" + m, hour.plus(Duration.ofMinutes(m)), m < 30 ? 80 : m < 45 ? 20 : 40));
        }
        fleet.ingest(NODE, samples);
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    static FleetSample minute(String id, Instant start, double watts) {
        return new FleetSample(id, start.plusSeconds(60), 60, "psys", Scope.PSYS, Provenance.MEASURED, watts * 60, watts);
    }

    static WorkSpan run(String id, Instant start, Instant end, double joules, Map<String, String> tags) {
        return new WorkSpan(WorkSpan.Kind.RUN, id, "serve", start, Optional.of(end), OptionalDouble.of(joules), tags);
    }

    List<WorkSpan> work() {
        Instant hour = MONDAY.plus(Duration.ofHours(1));
        return List.of(run("7", hour, hour.plus(Duration.ofMinutes(30)), 12_345, Map.of("queries", "100", "team", "search")));
    }

    @Test
    void analyse_baselineIdleActiveAndWork() {
        PowerAnalysis.Analysis a = analysis.analyse("node-a", MONDAY, NOW, work()).orElseThrow();
        assertEquals(MONDAY.minus(Duration.ofDays(28)), a.baselineFrom());
        PowerAnalysis.Baseline node = a.baselines().getFirst();
        assertEquals("node", node.series());
        // Slot 1 (Monday 01:00): 4 weeks × 60 minutes at 40 W.
        PowerAnalysis.Slot slot = node.slots().get(1);
        assertEquals(240, slot.minutes());
        assertEquals(40, slot.meanWatts(), 1e-9);
        assertEquals(40, slot.p10Watts(), 1e-9);
        assertEquals(40, slot.p90Watts(), 1e-9);
        assertEquals(0, node.slots().get(2).minutes());
        // The period's hour: (30 × 80 + 15 × 20 + 15 × 40) / 60 = 55 W against 40 W: +37.5 %.
        assertEquals(1, node.hours().size());
        assertEquals(55, node.hours().getFirst().meanWatts(), 1e-9);
        assertEquals(37.5, node.deviationPercent(), 1e-9);
        assertEquals("psys", a.baselines().get(1).series());

        PowerAnalysis.Split split = a.splits().getFirst();
        assertEquals(30 * 60 * 80, split.activeJoules(), 1e-6);
        assertEquals(15 * 60 * 20 + 15 * 60 * 40, split.idleJoules(), 1e-6);
        // 30 idle minutes: 15 at 20 W then 15 at 40 W; h = 29 × 0.1 = 2.9 between two 20s: the floor is 20 W.
        assertEquals(20, split.idleFloorWatts(), 1e-9);
        assertEquals(15 * 60 * (40 - 20), split.idleWasteJoules(), 1e-6);
        assertEquals(54_000.0 / 198_000, split.idleShare(), 1e-12);

        List<PowerAnalysis.WorkGroup> groups = a.work();
        assertEquals(List.of("tag:team=search", "queries:queries"), groups.stream().map(g -> g.kind() + ":" + g.key()).toList());
        assertEquals(123.45, groups.get(1).joulesPerUnit(), 1e-9);
        assertEquals(12_345, groups.get(0).joulesPerUnit(), 1e-9);
    }

    @Test
    void daily_oneRowPerUtcDay() {
        List<PowerAnalysis.Day> days = analysis.daily("node-a", MONDAY.plus(Duration.ofHours(2)), NOW, work()).orElseThrow();
        assertEquals(1, days.size(), "from is rounded down to the day's start");
        PowerAnalysis.Day d = days.getFirst();
        assertEquals(LocalDate.of(2026, 3, 2), d.day());
        assertEquals(198_000, d.joules(), 1e-6);
        assertEquals(55, d.meanWatts(), 1e-9);
        assertEquals(80, d.peakWatts(), 1e-9);
        assertEquals(1, d.runs());
        assertEquals(0, d.jobs());
        assertEquals(12_345, d.joulesPerRun(), 1e-9);
        assertTrue(Double.isNaN(d.joulesPerJob()));
        assertEquals(123.45, d.joulesPerQuery(), 1e-9);
        assertEquals(54_000.0 / 198_000, d.split().idleShare(), 1e-12);
        double grams = fleet.energy("node-a", MONDAY, NOW).orElseThrow().grams();
        assertTrue(grams > 0);
        assertEquals(grams, d.grams(), 1e-9, "carbon as the fleet accounts it");
    }

    @Test
    void unknownNode_isEmpty_badPeriodNamesTheField() {
        assertTrue(analysis.analyse("nope", MONDAY, NOW, List.of()).isEmpty());
        assertTrue(analysis.daily("nope", MONDAY, NOW, List.of()).isEmpty());
        FleetInputException e = assertThrows(FleetInputException.class, () -> analysis.analyse("node-a", NOW, MONDAY, List.of()));
        assertEquals("from", e.field());
        e = assertThrows(FleetInputException.class, () -> analysis.analyse("node-a", MONDAY.minus(Duration.ofDays(40)), NOW, List.of()));
        assertEquals("to", e.field());
        assertTrue(e.getMessage().contains("31 days"), e.getMessage());
    }

    @Test
    void startOfWeek_isMondayMidnightUtc() {
        assertEquals(MONDAY, PowerAnalysis.startOfWeek(Instant.parse("2026-03-08T23:59:00Z")));
        assertEquals(MONDAY, PowerAnalysis.startOfWeek(MONDAY));
    }
}
