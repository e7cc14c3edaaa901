package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.StoredProfile;
import dev.greenloop.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The report's per-query ratings, variant savings and training block, computed from inputs held in memory. */
class DisclosureSectionsTest {

    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

    static StoredRun run(long id, Map<String, String> tags, List<String> command, double joules, double grams) {
        Energy e = Energy.ofJoules(joules);
        return new StoredRun(id, new NewRun("train", command, tags, T.plusSeconds(id * 3600), new NodeInfo("n", "DE", "", 1)), RunStatus.FINISHED,
                Optional.of(new RunOutcome(T.plusSeconds(id * 3600 + 1800), 0, List.of(new RunComponent("gpu-0", Scope.GPU, Provenance.DERIVED, "", "", e, e, e,
                        Energy.ofJoules(0))), new RunCarbon("DE", 0, "s", "src", 1, grams, 0))), Optional.empty());
    }

    static StoredProfile profile(long id, long result, String model, String variant, double joulesPerQuery) {
        return new StoredProfile(id, result, new NewProfile(T.plusSeconds(60), "n", model, variant, "threads=1", 1, 1, 1, 1, false, "ALL", 20, false, "abc",
                variant.equals("fp32"), variant, 1, 0.01, joulesPerQuery, Provenance.MEASURED, 4.5, 6.25, 5, 100, 1, 1e9, 17, 0, 1, OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0, "A"));
    }

    static ReportRequest request() {
        return new ReportRequest(T, T.plus(Duration.ofDays(1)), List.of(), Map.of(), ReportRequest.FunctionalUnit.RUN, List.of(), Map.of(), 4, "test");
    }

    @Test
    void stars_fiveEqualBandsOfTheTasksRange_leastEnergyFiveStars() {
        assertEquals(5, StarRating.stars(1.0, 1.0, 6.0));
        assertEquals(5, StarRating.stars(1.99, 1.0, 6.0));
        assertEquals(4, StarRating.stars(2.0, 1.0, 6.0));
        assertEquals(3, StarRating.stars(3.5, 1.0, 6.0));
        assertEquals(1, StarRating.stars(5.0, 1.0, 6.0));
        assertEquals(1, StarRating.stars(6.0, 1.0, 6.0));
        assertEquals(5, StarRating.stars(2.0, 2.0, 2.0), "all equal");
        List<Disclosure.PerQuery> rated = StarRating.rate(List.of(
                new Disclosure.PerQuery("m", "fp32", 1, 0.010, OptionalDouble.empty(), 0.01, 0.01, "measured"),
                new Disclosure.PerQuery("m", "int8", 1, 0.004, OptionalDouble.empty(), 0.004, 0.004, "measured"),
                new Disclosure.PerQuery("m", "int4", 1, 0.0055, OptionalDouble.empty(), 0.0055, 0.0055, "measured"),
                new Disclosure.PerQuery("x", "fp32", 1, 9, OptionalDouble.empty(), 9, 9, "measured", "image classification", OptionalInt.empty())));
        assertEquals(OptionalInt.of(1), rated.get(0).stars());
        assertEquals(OptionalInt.of(5), rated.get(1).stars());
        // (0.0055 - 0.004) / 0.006 = 0.25 of the range: the second band.
        assertEquals(OptionalInt.of(4), rated.get(2).stars());
        assertEquals(OptionalInt.empty(), rated.get(3).stars(), "alone in its task: not rated");
        assertEquals(Disclosure.PerQuery.TEXT_EMBEDDING, rated.get(0).task());
    }

    @Test
    void variantSavings_servedQueriesTimesFp32MinusVariant_fromTheNewestResultWithBoth() {
        // Result 1: fp32 10 J, int8 4 J. Result 2 (newer): fp32 9 J, int8 3 J (two settings rows: 2 and 4 J). Result 3: int8 alone.
        List<StoredProfile> profiles = List.of(profile(9, 3, "m", "int8", 1), profile(5, 2, "m", "fp32", 9), profile(6, 2, "m", "int8", 2),
                profile(7, 2, "m", "int8", 4), profile(1, 1, "m", "fp32", 10), profile(2, 1, "m", "int8", 4));
        List<ServedTraffic> traffic = List.of(
                new ServedTraffic("n", "m", "int8", T.plusSeconds(10), T.plusSeconds(310), 3000, 30, 9000, Provenance.MEASURED, 1, 3000),
                new ServedTraffic("n", "m", "int8", T.plusSeconds(310), T.plusSeconds(610), 600, 6, 1800, Provenance.MEASURED, 0.2, 600),
                new ServedTraffic("n", "m", "fp32", T.plusSeconds(10), T.plusSeconds(310), 100, 1, 900, Provenance.MEASURED, 0.1, 100),
                new ServedTraffic("n", "m", "int8", T.minusSeconds(600), T.minusSeconds(300), 5000, 5, 1, Provenance.MEASURED, 0, 0),
                new ServedTraffic("n", "other", "int8", T.plusSeconds(10), T.plusSeconds(310), 7, 1, 1, Provenance.MEASURED, 0, 0));
        List<String> assumptions = new java.util.ArrayList<>();
        VariantSavings.Result r = VariantSavings.of(request(), traffic, profiles, 400, assumptions);
        // int8: 3600 queries x (9 - 3) J = 21,600 J = 6 Wh; at 400 g/kWh: 2.4 g. fp32 saves nothing.
        Disclosure.Saving s = r.saving().orElseThrow();
        assertEquals("variants", s.kind());
        assertEquals(2.4, s.grams(), 1e-12);
        assertEquals(3600, s.items());
        Disclosure.VariantServed int8 = r.rows().stream().filter(v -> v.model().equals("m") && v.variant().equals("int8")).findFirst().orElseThrow();
        assertEquals(3600, int8.queries());
        assertEquals(6, int8.savedWattHours(), 1e-12);
        assertEquals(2, int8.profileResult());
        assertEquals(3.0 / 3600, int8.wattHoursPerQuery(), 1e-15);
        assertTrue(assumptions.toString().contains("other int8 served 7 queries but no lab profile result"), assumptions.toString());
    }

    @Test
    void variantSavings_noSelectionEnergy_usesTheIntensityTheTrafficWasServedAt() {
        List<StoredProfile> profiles = List.of(profile(1, 1, "m", "fp32", 10), profile(2, 1, "m", "int8", 4));
        // 3.6e6 J served at 200 g/kWh: 200 g.
        List<ServedTraffic> traffic = List.of(new ServedTraffic("n", "m", "int8", T, T.plusSeconds(60), 600, 6, 3.6e6, Provenance.MEASURED, 200, 600));
        VariantSavings.Result r = VariantSavings.of(request(), traffic, profiles, Double.NaN, new java.util.ArrayList<>());
        // 600 x 6 J = 1 Wh at 200 g/kWh = 0.2 g.
        assertEquals(0.2, r.saving().orElseThrow().grams(), 1e-12);
    }

    @Test
    void training_taggedOrDistillRuns_withFlopsWhereTagged() {
        List<StoredRun> runs = List.of(run(1, Map.of("kind", "training", "flops", "3.5e18"), List.of("python", "train.py"), 3.6e6, 100),
                run(2, Map.of(), List.of("greenloop", "lab", "distill", "--model", "m"), 7.2e6, 200), run(3, Map.of(), List.of("serve"), 1e6, 5),
                run(4, Map.of("kind", "training", "flops", "lots"), List.of("x"), 1, 0));
        List<String> assumptions = new java.util.ArrayList<>();
        List<Disclosure.TrainingRun> t = TrainingDisclosure.of(runs, assumptions);
        assertEquals(List.of(1L, 2L, 4L), t.stream().map(Disclosure.TrainingRun::run).toList());
        assertEquals(OptionalDouble.of(3.5e18), t.get(0).flops());
        assertEquals(OptionalDouble.empty(), t.get(1).flops());
        assertEquals(0.5, t.get(0).hours(), 1e-12);
        assertEquals("derived", t.get(0).provenance());
        assertTrue(assumptions.toString().contains("flops=lots is not a number"), assumptions.toString());
        double[] totals = TrainingJson.totals(t);
        assertEquals(3.6e6 + 7.2e6 + 1, totals[0], 1e-6);
        assertEquals(2, totals[4], "runs with unknown FLOPs");
    }

    @Test
    void embodiedFactors_builtInRowsEachNameTheirSourceAndLicence() {
        var table = EmbodiedFactors.builtIn();
        assertTrue(table.keySet().containsAll(List.of("cpu", "ram-die-cm2", "ssd", "hdd", "motherboard", "case-rack", "assembly")), table.keySet().toString());
        table.values().forEach(f -> assertTrue(!f.source().isBlank() && f.licence().contains("AGPL-3.0") && f.kgPerUnit() > 0, f.toString()));
        assertEquals(31.11, table.get("hdd").kgPerUnit(), 0);
        assertEquals(List.of("a", "b, c", "d\"e"), EmbodiedFactors.split("a,\"b, c\",\"d\"\"e\""));
    }

    @Test
    void compute_carriesTheSectionsIntoEveryFormat() throws Exception {
        List<StoredRun> runs = List.of(run(1, Map.of("kind", "training", "flops", "3.5e18"), List.of("python", "train.py"), 3.6e6, 400));
        List<StoredProfile> profiles = List.of(profile(1, 1, "m", "fp32", 10), profile(2, 1, "m", "int8", 4));
        List<ServedTraffic> traffic = List.of(new ServedTraffic("n", "m", "int8", T, T.plusSeconds(60), 600, 6, 2400, Provenance.MEASURED, 1, 600));
        Disclosure d = Reporting.compute(request(), new Reporting.Inputs("mem", runs, List.of(), profiles, List.of(), null, traffic, profiles));
        assertEquals(OptionalInt.of(1), d.perQuery().getFirst().stars());
        assertEquals(OptionalInt.of(5), d.perQuery().get(1).stars());
        // 600 x 6 J = 1 Wh at the selection's 400 g/kWh = 0.4 g.
        assertEquals(0.4, d.savings().getLast().grams(), 1e-12);
        assertEquals(1, d.training().size());
        java.io.StringWriter w = new java.io.StringWriter();
        try (var g = dev.greenloop.report.RunJson.generator(w)) {
            DisclosureJson.write(g, d);
        }
        String json = w.toString();
        assertTrue(json.contains("\"task\" : \"text embedding\",\n    \"stars\" : 5") && json.contains("\"stars\" : 1"), json);
        assertTrue(json.contains("\"kind\" : \"variants\""), json);
        assertTrue(json.contains("\"energyKWh\" : 1.0,") && json.contains("\"flops\" : 3.5E18,"), json);
        java.io.StringWriter csv = new java.io.StringWriter();
        DisclosureCsv.write(new java.io.PrintWriter(csv), d);
        assertTrue(csv.toString().contains("\r\nperQuery,m/int8,stars,5,"), csv.toString());
        assertTrue(csv.toString().contains("\r\nsavings,variants,grams,0.4,"), csv.toString());
        assertTrue(csv.toString().contains("\r\ntrainingDisclosure,,flops,3500000000000000000,FLOP,"), csv.toString());
        String html = DisclosureHtml.render(d);
        assertTrue(html.contains("5/5") && html.contains("1/5") && html.contains("Annex XI") && html.contains("3.500e+18"), html);
    }
}
