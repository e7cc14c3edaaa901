package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LabService}'s use cases that need no model: storing and reading results, their JSON, the frontier and recommendations. */
class LabServiceTest {

    @TempDir
    Path home;

    private LabService service() {
        return new LabService(new LabConfig(home, Optional.of(home.resolve("repo")), Optional.empty(), false),
                new StoreConfig(Optional.empty(), home), "node-1");
    }

    private static LabResult.Row row(String variant, double joules, double cosine, OptionalDouble knn) {
        Profile p = new Profile(variant, 4, 1, 0.001, joules, Provenance.MODELLED, 1.0, 2.0, 4, 100, 1, 2e6, 10, 0, 1000, OptionalLong.empty());
        Quality q = new Quality(4, OptionalDouble.of(cosine), OptionalDouble.of(cosine), OptionalDouble.empty(), 3, knn, knn.isPresent() ? 3 : 0);
        return new LabResult.Row(variant, RunnerSettings.tuned(), p, q, EnergyLabel.of(joules, 0.01));
    }

    private static LabResult result() {
        return new LabResult("all-minilm-l6-v2", 4, false,
                List.of(row("fp32", 0.01, 1, OptionalDouble.empty()), row("int8", 0.004, 0.995, OptionalDouble.empty()),
                        row("int4", 0.003, 0.95, OptionalDouble.empty())));
    }

    @Test
    void store_thenStored_sameResult() {
        LabService s = service();
        LabService.Profiled profiled = new LabService.Profiled(result(), "abc", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        LabService.Stored stored = s.store("lab profile", profiled);
        assertEquals(3, stored.profiles());
        LabService.Lookup found = s.stored(stored.resultId());
        assertEquals(result(), found.result().orElseThrow());
        assertTrue(s.stored(stored.resultId() + 1).result().isEmpty());
        List<LabService.StoredRow> rows = s.profiles(Optional.of("all-minilm-l6-v2"), 10);
        assertEquals(3, rows.size());
        assertEquals("node-1", rows.getFirst().stored().profile().node());
        assertThrows(IllegalArgumentException.class, () -> s.profiles(Optional.empty(), 0));
    }

    @Test
    void writeThenRead_sameResult_noPartFileLeft() throws IOException {
        Path file = home.resolve("r.json");
        service().write(result(), file);
        assertEquals(result(), service().read(file));
        try (var files = Files.list(home)) {
            assertEquals(List.of(file), files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".part")).toList());
        }
    }

    @Test
    void pareto_frontierOnMeanCosine() {
        LabService.Frontier f = service().pareto(result());
        assertEquals("mean cosine to fp32", f.quality());
        assertEquals(3, f.points().size());
        assertEquals(3, f.frontier().size(), "each row is cheaper and worse than the one before");
        assertTrue(f.without().isEmpty());
    }

    @Test
    void recommend_cheapestMeetingTheRequirement() {
        LabService.Recommended r = service().recommendWithMinCosine(result(), 0.99);
        assertEquals("int8", r.choice().orElseThrow().row().variant());
        assertEquals("mean cosine to fp32 >= 0.99", r.requirement());
        assertTrue(r.best().startsWith("fp32 "), r.best());
        assertThrows(IllegalArgumentException.class, () -> service().recommendWithMaxAccuracyDrop(result(), 1));
    }

    @Test
    void recommend_accuracyDrop_withLabels() {
        LabResult labelled = new LabResult("m", 4, true,
                List.of(row("fp32", 0.01, 1, OptionalDouble.of(0.75)), row("int8", 0.004, 0.99, OptionalDouble.of(0.75))));
        assertEquals("int8", service().recommendWithMaxAccuracyDrop(labelled, 1).choice().orElseThrow().row().variant());
    }

    @Test
    void fingerprint_sha256OfTextsWithNewlines() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", LabRows.fingerprint(List.of()));
        assertEquals(64, LabRows.fingerprint(List.of("a", "b")).length());
    }

    @Test
    void servingProfiles_newestOfEachVariant() {
        LabService lab = service();
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        long older = lab.store("lab profile", new LabService.Profiled(result(), "texts", t0)).resultId();
        LabResult newer = new LabResult("all-minilm-l6-v2", 4, false, List.of(row("fp32", 0.02, 1, OptionalDouble.empty())));
        long newest = lab.store("lab profile", new LabService.Profiled(newer, "texts", t0.plus(1, ChronoUnit.HOURS))).resultId();
        var byVariant = ServingProfile.newestByVariant(lab.profiles(Optional.of("all-minilm-l6-v2"), 100));
        assertEquals(0.02, byVariant.get("fp32").joulesPerQuery());
        assertEquals(newest, byVariant.get("fp32").resultId());
        assertEquals(0.004, byVariant.get("int8").joulesPerQuery());
        assertEquals(older, byVariant.get("int8").resultId());
        assertEquals(0.995, byVariant.get("int8").meanCosine().orElseThrow());
        assertEquals(EnergyLabel.of(0.004, 0.01).name(), byVariant.get("int8").energyLabel());
        assertEquals(Provenance.MODELLED, byVariant.get("int8").provenance());
        assertTrue(!byVariant.containsKey("static"));
    }
}
