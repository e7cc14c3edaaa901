package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Recommendation.Status;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.PowerLimits;
import dev.greenloop.store.RecommendationAction;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredRecommendation;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.FakePowercap;
import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automation against the fake powercap tree: a RAPL cap dry-run changes nothing, applied writes the limit file, and
 * verification either keeps it (realised saving stored) or restores the file when throughput falls beyond the bound;
 * every step is in the audit log and with the recommendation.
 */
class AutomationTest {

    static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path dir;

    private FakePowercap fake;
    private PowerLimitService limits;
    private RecommendationStore store;
    private TestClock clock;
    private Path audit;
    /** What the fake meter answers for the window before and the window after the change. */
    private Automation.Window before;
    private Automation.Window after;

    @BeforeEach
    void open() throws IOException {
        fake = FakePowercap.create(dir.resolve("sys"), 1);
        clock = new TestClock(T0);
        audit = dir.resolve("home/audit.log");
        MeterConfig config = new MeterConfig(fake.sysfsRoot(), dir.resolve("proc"), Duration.ofSeconds(1),
                Map.of("GREENLOOP_NVML_LIBRARY", dir.resolve("none.so").toString()));
        limits = new PowerLimitService(PowerLimits.open(config, clock), audit, "ana", null, clock);
        store = Stores.openRecommendations(new StoreConfig(Optional.empty(), dir.resolve("home")));
    }

    @AfterEach
    void close() {
        store.close();
        limits.close();
        fake.close();
    }

    static StoredRecommendation cap(String component, String constraint, double watts) {
        // 0.84 kWh mid at 400 g/kWh, as the power-cap estimate would give it.
        return new StoredRecommendation("cap-power:" + component, "cap-power", component, T0, T0, new double[] {0, 0.42, 0.84},
                new double[] {0, 168, 336}, "per week at the sampled load | estimated: test", "test evidence", "test how",
                "cap|%s|%s|%s".formatted(component, constraint, watts), "open", Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.empty());
    }

    private Automation automation() {
        return new Automation(store, () -> limits, () -> {
            throw new AssertionError("no job is moved here");
        }, (r, signal, from, to) -> {
            assertEquals("file:/served.log", signal);
            return from.isBefore(T0) ? before : after;
        }, audit, clock);
    }

    private long limitFile() throws IOException {
        return Long.parseLong(Files.readString(fake.limitFile(0)).strip());
    }

    @Test
    void accept_dryRun_showsFileAndOldToNew_changesNothing() throws Exception {
        store.upsert(cap("cpu-package-0", "long_term", 76));

        Automation.Outcome o = automation().accept("cap-power:cpu-package-0", "ana", true);

        assertTrue(o.dryRun());
        assertEquals(List.of("cpu-package-0 long_term (%s): 95 W -> 76 W".formatted(fake.limitFile(0))), o.changes());
        assertEquals(FakePowercap.LONG_TERM_UW, limitFile());
        assertEquals(Status.OPEN, o.status());
        List<String> lines = Files.readAllLines(audit);
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().contains("\"action\":\"recommendation-accept\"") && lines.getFirst().contains("\"dryRun\":true"), lines.getFirst());
    }

    @Test
    void apply_thenThroughputFallsBeyondTheBound_limitRestored() throws Exception {
        store.upsert(cap("cpu-package-0", "long_term", 76));
        Automation a = automation();
        a.automate(Recommendation.Kind.CAP_POWER, true, true, 10, "file:/served.log", Duration.ofMinutes(60), "ana");

        List<Automation.Outcome> first = a.tick();
        assertEquals(1, first.size(), first.toString());
        assertEquals(Status.APPLIED, first.getFirst().status());
        assertEquals(76_000_000, limitFile(), "the rule acts: the limit file holds the cap");

        clock.advance(Duration.ofMinutes(30));
        assertEquals(List.of(), a.verifyDue(), "the after-window has not passed yet");
        // Throughput 1000 -> 700 units (-30%) for 3.6 MJ -> 2.8 MJ: beyond the 10% bound.
        before = new Automation.Window(3.6e6, 1000, OptionalDouble.empty());
        after = new Automation.Window(2.8e6, 700, OptionalDouble.empty());
        clock.advance(Duration.ofMinutes(31));
        List<Automation.Outcome> verified = a.verifyDue();

        assertEquals(Status.ROLLED_BACK, verified.getFirst().status(), verified.toString());
        assertEquals(FakePowercap.LONG_TERM_UW, limitFile(), "rolled back to the previous limit");
        assertTrue(verified.getFirst().result().contains("throughput fell 30.0%"), verified.getFirst().result());
        List<String> actions = store.actions("cap-power:cpu-package-0").stream().map(RecommendationAction::action).toList();
        assertEquals(List.of("apply", "rollback"), actions);
        String log = Files.readString(audit);
        assertTrue(log.contains("\"action\":\"set\",\"component\":\"cpu-package-0\""), log);
        assertTrue(log.contains("\"action\":\"restore\",\"component\":\"cpu-package-0\""), log);
        assertTrue(log.contains("\"user\":\"automation\",\"action\":\"recommendation-rollback\""), log);
    }

    @Test
    void apply_thenThroughputHolds_realisedSavingNextToTheEstimate() throws Exception {
        store.upsert(cap("cpu-package-0", "long_term", 76));
        Automation a = automation();
        a.automate(Recommendation.Kind.CAP_POWER, true, false, 10, "file:/served.log", Duration.ofMinutes(60), "ana");
        assertEquals(Status.OPEN, a.tick().getFirst().status(), "a dry-run rule changes nothing");
        assertEquals(FakePowercap.LONG_TERM_UW, limitFile());

        a.accept("cap-power:cpu-package-0", "ana", false);
        // 3600 J/unit before, 3000 J/unit after over 950 units: 0.6 kJ x 950 = 570 kJ = 0.158333 kWh; x 400 g/kWh = 63.33 g.
        before = new Automation.Window(3.6e6, 1000, OptionalDouble.empty());
        after = new Automation.Window(2.85e6, 950, OptionalDouble.empty());
        clock.advance(Duration.ofMinutes(60));
        Automation.Outcome o = a.verifyDue().getFirst();

        assertEquals(Status.VERIFIED, o.status(), o.result());
        assertEquals(76_000_000, limitFile(), "kept: throughput fell 5%, within the 10% bound");
        StoredRecommendation s = store.find("cap-power:cpu-package-0").orElseThrow();
        assertEquals(0.57e6 / 3.6e6, s.verifiedKwh().getAsDouble(), 1e-9);
        assertEquals(0.57e6 / 3.6e6 * 400, s.verifiedGrams().getAsDouble(), 1e-6);
        assertTrue(s.verification().orElseThrow().contains("estimate 0.4200 kWh"), s.verification().orElseThrow());
    }

    @Test
    void accept_unknownIdOrDismissed_saysWhy() {
        Automation a = automation();
        assertThrows(UnknownRecommendationException.class, () -> a.accept("nope", "ana", true));
        store.upsert(cap("cpu-package-0", "long_term", 76));
        a.dismiss("cap-power:cpu-package-0", "ana");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.accept("cap-power:cpu-package-0", "ana", false));
        assertTrue(e.getMessage().contains("is dismissed"), e.getMessage());
    }

    @Test
    void automate_withoutSignal_orBadBound_isRefused() {
        Automation a = automation();
        assertThrows(IllegalArgumentException.class, () -> a.automate(Recommendation.Kind.CAP_POWER, true, false, 10, "", Duration.ofHours(1), "ana"));
        assertThrows(IllegalArgumentException.class, () -> a.automate(Recommendation.Kind.CAP_POWER, true, false, 120, "file:/x", Duration.ofHours(1),
                "ana"));
    }
}
