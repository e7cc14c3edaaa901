package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every recommendation store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class RecommendationStoreContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private RecommendationStore store;

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    private RecommendationStore open() {
        store = Stores.openRecommendations(config());
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static StoredRecommendation rec(String id, double mid, Instant at) {
        return new StoredRecommendation(id, "cap-power", "cpu-package-0", at, at, new double[] {0, mid, 2 * mid}, new double[] {0, 400 * mid,
                800 * mid}, "per week", "evidence " + mid, "how", "cap|cpu-package-0|long_term|76.0", "open", Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
    }

    @Test
    void upsert_again_updatesTheEstimate_keepsStatusAndOutcome() {
        RecommendationStore s = open();
        s.upsert(rec("cap-power:cpu-package-0", 1, T0));
        StoredRecommendation applied = s.find("cap-power:cpu-package-0").orElseThrow().withOutcome("applied", T0.plusSeconds(60),
                Optional.of(T0.plusSeconds(60)), Optional.of("95000000"), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
        s.update(applied);

        s.upsert(rec("cap-power:cpu-package-0", 2, T0.plusSeconds(120)));

        StoredRecommendation now = s.find("cap-power:cpu-package-0").orElseThrow();
        assertArrayEquals(new double[] {0, 2, 4}, now.kwh());
        assertEquals("evidence 2.0", now.evidence());
        assertEquals("applied", now.status());
        assertEquals(Optional.of(T0.plusSeconds(60)), now.appliedAt());
        assertEquals(Optional.of("95000000"), now.previous());
        assertEquals(T0, now.createdAt());
    }

    @Test
    void verification_isKept() {
        RecommendationStore s = open();
        s.upsert(rec("a", 1, T0));
        s.update(s.find("a").orElseThrow().withOutcome("verified", T0, Optional.of(T0), Optional.empty(), OptionalDouble.of(0.5),
                OptionalDouble.of(200), Optional.of("windows...")));

        StoredRecommendation a = s.find("a").orElseThrow();
        assertEquals(0.5, a.verifiedKwh().getAsDouble());
        assertEquals(200, a.verifiedGrams().getAsDouble());
        assertEquals(Optional.of("windows..."), a.verification());
        assertEquals(List.of("a"), s.list().stream().map(StoredRecommendation::id).toList());
    }

    @Test
    void actions_rules_variants_roundTrip() {
        RecommendationStore s = open();
        s.upsert(rec("a", 1, T0));
        s.record(new RecommendationAction("a", T0, "ana", "accept", true, "x: 95 W -> 76 W", "ok"));
        s.record(new RecommendationAction("a", T0.plusSeconds(1), "ana", "apply", false, "x: 95 W -> 76 W", "ok"));
        assertEquals(List.of("accept", "apply"), s.actions("a").stream().map(RecommendationAction::action).toList());
        assertTrue(s.actions("a").getFirst().dryRun());

        s.saveRule(new AutomationRule("cap-power", true, false, 10, "file:/x", 60, T0, "ana"));
        s.saveRule(new AutomationRule("cap-power", true, true, 5, "file:/y", 30, T0, "bo"));
        assertEquals(List.of(new AutomationRule("cap-power", true, true, 5, "file:/y", 30, T0, "bo")), s.rules());

        s.setServedVariant("MiniLM", "int8", T0, "ana");
        s.setServedVariant("MiniLM", "int4", T0, "ana");
        assertEquals(Map.of("MiniLM", "int4"), s.servedVariants());
        s.clearServedVariant("MiniLM");
        assertEquals(Map.of(), s.servedVariants());
    }
}
