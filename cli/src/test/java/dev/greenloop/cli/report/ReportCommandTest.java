package dev.greenloop.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenloop.app.RunStores;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Cli;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredRecommendation;
import dev.greenloop.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop report} on a local store of five runs: on node {@code a} (DE, PUE 1.2) two overlapping runs on
 * 2026-03-01 (measured CPU and modelled DRAM; then measured CPU), on node {@code b} (FR) one derived GPU run on
 * 2026-03-02, one run of {@code a} before the period and one still running in it.
 */
class ReportCommandTest {

    static final Instant T = Instant.parse("2026-03-01T01:00:00Z");
    static final String[] PERIOD = {"--from", "2026-03-01", "--to", "2026-03-03"};

    @TempDir
    Path home;

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    void seed() {
        ReportStores.seedRuns(home);
    }

    void seedDisclosure() {
        ReportStores.seedDisclosure(home);
    }

    static RunComponent comp(String name, Scope scope, Provenance p, String partOf, double j, double min, double max) {
        return ReportStores.comp(name, scope, p, partOf, j, min, max);
    }

    /**
     * Links run 2 (on a, 01:30..03:00, 0.5 kWh at PUE 1.2) to a job submitted at 00:00 for DE, and stores a recommendation
     * verified at 250 g, applied in the period; returns the DE trace: 500 g/kWh until 02:00, then 200.
     */
    Path seedSavings() throws Exception {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        long runId;
        try (Store store = RunStores.open(settings, note -> { })) {
            runId = store.listRuns(java.util.Optional.empty()).stream().filter(r -> r.start().startedAt().equals(T.plusSeconds(1800))).findFirst().orElseThrow().id();
        }
        Instant submitted = Instant.parse("2026-03-01T00:00:00Z");
        try (JobStore jobs = Stores.openJobs(config)) {
            JobSpec spec = new JobSpec("j1", "train", submitted, 90, Instant.parse("2026-03-01T12:00:00Z"), 100, false, 0, 1, List.of("DE"), List.of("train"));
            jobs.submit(spec, submitted);
            jobs.update("j1", jobs.find("j1").orElseThrow().version(), new JobProgress("done", null, "local", null, 1, null, 5400, runId, 0),
                    T.plusSeconds(1800 + 5400), "done");
        }
        try (RecommendationStore recs = Stores.openRecommendations(config)) {
            StoredRecommendation verified = new StoredRecommendation("cap-power:cpu-package-0", "cap-power", "cpu-package-0", T, T, new double[] {1, 2, 3},
                    new double[] {100, 200, 300}, "per week", "evidence", "how", "{}", "verified", java.util.Optional.of(T.plusSeconds(3600)),
                    java.util.Optional.empty(), java.util.OptionalDouble.of(0.5), java.util.OptionalDouble.of(250), java.util.Optional.of("measured a week before and after"));
            recs.upsert(verified);
            recs.update(verified);
        }
        Path trace = dir.resolve("de.csv");
        Files.writeString(trace, "time,value\n2026-03-01T00:00:00Z,500\n2026-03-01T01:00:00Z,500\n2026-03-01T02:00:00Z,200\n2026-03-01T03:00:00Z,200\n");
        return trace;
    }

    @Test
    void savings_schedulingOnActualIntensityAndVerifiedAutomation() throws Exception {
        seed();
        Path trace = seedSavings();
        JsonNode r = report("--trace", "DE=" + trace);
        JsonNode scheduling = r.get("savings").get(0);
        assertEquals("scheduling", scheduling.get("kind").asText());
        // 0.5 kWh x PUE 1.2 x (500 g/kWh over 00:00..01:30 at submission - 300 g/kWh over 01:30..03:00 as run) = 120 g.
        assertEquals(120, scheduling.get("grams").asDouble(), 1e-6, r.toString());
        JsonNode automation = r.get("savings").get(1);
        assertEquals("automation", automation.get("kind").asText());
        assertEquals(250, automation.get("grams").asDouble(), 0);
    }

    JsonNode report(String... extra) throws Exception {
        Path out = dir.resolve("r" + System.nanoTime() + ".json");
        String[] args = concat(concat(new String[] {"report"}, PERIOD), concat(extra, new String[] {"--format", "json", "--out", out.toString()}));
        Cli.Result r = Cli.inProcess(home).run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return json.readTree(Files.readString(out));
    }

    /** The runs that {@code runs export --format json} writes, selected as the report selects: started in the period, ended. */
    double[] exportTotals(String node, String tagKey, String tagValue) throws Exception {
        Cli.Result r = Cli.inProcess(home).run("runs", "export", "--format", "json");
        assertEquals(0, r.exitCode(), r.stderr());
        double joules = 0;
        double grams = 0;
        for (JsonNode run : json.readTree(r.stdout())) {
            Instant start = Instant.parse(run.get("startedAt").asText());
            if (run.get("endedAt").isNull() || start.isBefore(Instant.parse("2026-03-01T00:00:00Z")) || !start.isBefore(Instant.parse("2026-03-03T00:00:00Z"))
                    || (node != null && !run.get("node").get("name").asText().equals(node))
                    || (tagKey != null && !tagValue.equals(run.get("tags").path(tagKey).asText(null)))) {
                continue;
            }
            joules += run.get("energy").get("totalJoules").asDouble();
            grams += run.get("carbon").get("grams").asDouble();
        }
        return new double[] {joules, grams};
    }

    @Test
    void json_totalsReconcileExactlyWithRunsExport() throws Exception {
        seed();
        for (String[] sel : List.of(new String[] {null, null, null}, new String[] {"b", null, null}, new String[] {null, "team", "search"})) {
            String[] extra = sel[0] != null ? new String[] {"--node", sel[0]} : sel[1] != null ? new String[] {"--tag", sel[1] + "=" + sel[2]} : new String[0];
            JsonNode r = report(extra);
            double[] export = exportTotals(sel[0], sel[1], sel[2]);
            assertEquals(export[0], r.get("energy").get("totalJoules").asDouble(), 0.0, "energy, selection " + List.of(extra));
            assertEquals(export[1], r.get("carbon").get("locationBasedGrams").asDouble(), 0.0, "carbon, selection " + List.of(extra));
        }
        JsonNode all = report();
        assertEquals(3, all.get("selection").get("runs").asInt());
        // 3.6 + 0.36 + 1.8 MJ on a, 7.2 MJ on b; core-0 is part of cpu-package-0 and not counted again.
        assertEquals(12.96e6, all.get("energy").get("totalJoules").asDouble(), 1e-6);
        assertEquals(5.4e6, all.get("energy").get("measuredJoules").asDouble(), 1e-6);
        assertEquals(7.2e6, all.get("energy").get("derivedJoules").asDouble(), 1e-6);
        assertEquals(0.36e6, all.get("energy").get("modelledJoules").asDouble(), 1e-6);
        assertEquals(12.9e6, all.get("energy").get("minJoules").asDouble(), 1e-6);
        assertEquals(700, all.get("carbon").get("locationBasedGrams").asDouble(), 1e-9);
        assertEquals("2026-03-01T00:00:00.000Z", all.get("period").get("from").asText());
        // No instruments: market-based falls back to the grid average, which is the location-based figure, and says so.
        assertEquals(700, all.get("carbon").get("marketBasedGrams").asDouble(), 1e-9);
        assertTrue(all.get("assumptions").toString().contains("no residual mix"), all.get("assumptions").toString());
    }

    @Test
    void marketBased_instrumentsThenResidualMixThenGridAverage() throws Exception {
        seed();
        Path file = dir.resolve("instruments.csv");
        Files.writeString(file, "# a 1 kWh certificate at 0 g, then DE's residual mix\nzone,period,mwh,gco2e_per_kwh\nDE,2026-03,0.001,0\nDE,2026,residual,500\n");
        JsonNode r = report("--instruments", file.toString());
        // a: run 1 is 1.1 kWh x PUE 1.2 = 1.32 kWh: 1 kWh by the certificate at 0 g, 0.32 kWh at 500 g = 160 g; run 2 is
        // 0.5 kWh x 1.2 = 0.6 kWh at 500 g = 300 g. b (FR, no rows): its location-based 100 g.
        assertEquals(560, r.get("carbon").get("marketBasedGrams").asDouble(), 1e-9);
        JsonNode de = r.get("carbon").get("zones").get(0);
        assertEquals("DE", de.get("zone").asText());
        assertEquals(1.0, de.get("instrumentKWh").asDouble(), 1e-12);
        assertEquals(0.92, de.get("residualMixKWh").asDouble(), 1e-12);
        assertEquals(600, de.get("locationBasedGrams").asDouble(), 1e-9);
    }

    @Test
    void embodiedAndSciPerQuery() throws Exception {
        seed();
        JsonNode r = report("--embodied-kg", "a=1000", "--unit", "query");
        // a held for 01:00..03:00 (two overlapping runs, counted once): 1,000,000 g x 2 h / (4 x 8766 h).
        double m = 1000 * 1000 * 2 / (4 * 365.25 * 24);
        assertEquals(m, r.get("carbon").get("embodiedGrams").asDouble(), 1e-9);
        JsonNode perQuery = r.get("sci").get(0);
        assertEquals("query", perQuery.get("functionalUnit").asText());
        assertEquals(1500, perQuery.get("units").asDouble(), 0);
        assertEquals((700 + m) / 1500, perQuery.get("gramsPerUnit").asDouble(), 1e-12);
        assertEquals((700 + m) / 1.5, r.get("sci").get(1).get("gramsPerUnit").asDouble(), 1e-9);
        assertTrue(r.get("assumptions").toString().contains("not counted for b"), r.get("assumptions").toString());
    }

    @Test
    void embodied_fromHardwareComponentsAndFactorTable_withOverrides() throws Exception {
        seed();
        Path hw = dir.resolve("hardware.csv");
        Files.writeString(hw, "# node a: two CPUs, a mainboard, two HDDs and 64 GB of RAM at a per-GB factor of our own\nnode,component,count\n"
                + "a,cpu,2\na,motherboard,1\na,hdd,2\na,ram-gb,64\n");
        Path factors = dir.resolve("factors.csv");
        Files.writeString(factors, "component,unit,kgco2e_per_unit,source,licence\nram-gb,GB of RAM,1.5,\"our supplier's LCA, 2025\",proprietary (used with permission)\n"
                + "hdd,HDD,30,\"our own HDD figure\",CC-BY-4.0\n");
        JsonNode r = report("--hardware", hw.toString(), "--embodied-factors", factors.toString());
        // TE(a) = 2 x 9.14 (Boavizta cpu) + 66.10 (Boavizta motherboard) + 2 x 30 (override) + 64 x 1.5 (added) = 240.38 kg.
        double te = 2 * 9.14 + 66.10 + 2 * 30 + 64 * 1.5;
        JsonNode a = r.get("carbon").get("embodiedNodes").get(0);
        assertEquals("a", a.get("node").asText());
        assertEquals(te, a.get("manufacturingKg").asDouble(), 1e-9);
        assertEquals("components", a.get("from").asText());
        assertEquals(4, a.get("components").size());
        for (JsonNode c : a.get("components")) {
            assertFalse(c.get("source").asText().isBlank() || c.get("licence").asText().isBlank(), c.toString());
        }
        assertTrue(a.get("components").get(0).get("licence").asText().contains("AGPL-3.0"), a.toString());
        // a held for 01:00..03:00: M = TE x 2 h / (4 x 8766 h).
        assertEquals(te * 1000 * 2 / (4 * 365.25 * 24), r.get("carbon").get("embodiedGrams").asDouble(), 1e-9);
        assertTrue(r.get("sources").toString().contains("our supplier's LCA, 2025"), r.get("sources").toString());
        // --embodied-kg still wins for its node, and says so.
        JsonNode both = report("--hardware", hw.toString(), "--embodied-factors", factors.toString(), "--embodied-kg", "a=1000");
        assertEquals(1000 * 1000 * 2 / (4 * 365.25 * 24), both.get("carbon").get("embodiedGrams").asDouble(), 1e-9);
        assertTrue(both.get("assumptions").toString().contains("--embodied-kg is used"), both.get("assumptions").toString());
        Path bad = dir.resolve("bad-hw.csv");
        Files.writeString(bad, "node,component,count\na,gpu,1\n");
        Cli.Result unknown = Cli.inProcess(home).run(concat(concat(new String[] {"report"}, PERIOD), new String[] {"--hardware", bad.toString(), "--format", "json",
                "--out", dir.resolve("x.json").toString()}));
        assertEquals(2, unknown.exitCode(), unknown.stderr());
        assertTrue(unknown.stderr().contains("component 'gpu', which the factors table lacks") && unknown.stderr().contains("--embodied-factors"), unknown.stderr());
        Files.writeString(bad, "component,unit,kgco2e_per_unit,source,licence\ngpu,GPU,150,,\n");
        Cli.Result unsourced = Cli.inProcess(home).run(concat(concat(new String[] {"report"}, PERIOD), new String[] {"--embodied-factors", bad.toString(),
                "--format", "json", "--out", dir.resolve("x.json").toString()}));
        assertEquals(2, unsourced.exitCode(), unsourced.stderr());
        assertTrue(unsourced.stderr().contains("line 2: component gpu has no source or licence"), unsourced.stderr());
        assertFalse(unsourced.stderr().contains("\tat "), unsourced.stderr());
    }

    @Test
    void csvAndHtml_carryTheSameFigures() throws Exception {
        seed();
        Path csv = dir.resolve("r.csv");
        Cli.Result c = Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "csv", "--out", csv.toString());
        assertEquals(0, c.exitCode(), c.stderr());
        String text = Files.readString(csv);
        assertTrue(text.startsWith("section,subject,key,value,unit,method\r\n"), text);
        assertTrue(text.contains("\r\ncarbon,,locationBasedGrams,700,gCO2eq,"), text);
        assertTrue(text.contains("\r\nenergy,,totalJoules,12960000,J,"), text);
        Path html = dir.resolve("r.html");
        Path trace = seedSavings();
        Path instruments = dir.resolve("instruments.csv");
        Files.writeString(instruments, "zone,period,mwh,gco2e_per_kwh\nDE,2026-03,0.001,0\nDE,2026,residual,500\n");
        Cli.Result h = Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "html", "--out", html.toString(),
                "--instruments", instruments.toString(), "--embodied-kg", "a=1000", "--unit", "query", "--trace", "DE=" + trace);
        assertEquals(0, h.exitCode(), h.stderr());
        assertTrue(h.stderr().contains("wrote " + html + " (3 runs, 3.6 kWh, 700 gCO2eq location-based)"), h.stderr());
        String page = Files.readString(html);
        // Kept as a test artifact, to render and look at (docs/report.md).
        Files.createDirectories(Path.of("target", "report"));
        Files.copy(html, Path.of("target", "report", "report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(page.contains("<svg") && page.contains("Energy over time") && page.contains("Carbon by zone"), page);
        assertTrue(page.contains("700 gCO2eq") && page.contains("3.60 kWh"), page);
        assertFalse(page.contains("<script"), "no JavaScript in the report");
    }

    @Test
    void pdf_textReadBackHoldsTheFigures() throws Exception {
        seed();
        Path trace = seedSavings();
        Path pdf = dir.resolve("r.pdf");
        Cli.Result r = Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "pdf", "--out", pdf.toString(),
                "--embodied-kg", "a=1000", "--trace", "DE=" + trace);
        assertEquals(0, r.exitCode(), r.stderr());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replace('\u00a0', ' ');
            assertTrue(text.contains("Energy and carbon report"), text);
            assertTrue(text.contains("3.60 kWh") && text.contains("700 gCO2eq") && text.contains("57.0 gCO2eq"), text);
            assertTrue(text.contains("Σ over 1 of 1 scheduled jobs"), "symbols beyond Latin-1 survive: " + text);
            assertTrue(text.contains("120") && text.contains("250"), "the savings: " + text);
            // Its pages as PNG, to look at (docs/report.md).
            var renderer = new org.apache.pdfbox.rendering.PDFRenderer(doc);
            Files.createDirectories(Path.of("target", "report"));
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                javax.imageio.ImageIO.write(renderer.renderImageWithDPI(i, 80), "png", Path.of("target", "report", "report-pdf-" + (i + 1) + ".png").toFile());
            }
            assertTrue(doc.getNumberOfPages() >= 2, "A4 pages: " + doc.getNumberOfPages());
        }
    }

    @Test
    void disclosure_starsVariantSavingsAndTraining_inJsonCsvAndPdf() throws Exception {
        seed();
        seedDisclosure();
        JsonNode r = report();
        // Per query: int8 least (5 stars), fp32 most (1 star), int4 at (18 - 9) / (36 - 9) = a third of the range: 4 stars.
        Map<String, Integer> stars = new java.util.TreeMap<>();
        r.get("perQuery").forEach(p -> stars.put(p.get("variant").asText(), p.get("stars").asInt()));
        assertEquals(Map.of("fp32", 1, "int4", 4, "int8", 5), stars);
        assertEquals("text embedding", r.get("perQuery").get(0).get("task").asText());
        // Variants: 1,000 int8 queries x (36 - 9) J = 7.5 Wh, at the selection's location-based intensity.
        JsonNode variants = r.get("savings").findParents("kind").stream().filter(s -> s.get("kind").asText().equals("variants")).findFirst().orElseThrow();
        double gramsPerKWh = r.get("carbon").get("locationBasedGrams").asDouble() / (r.get("energy").get("totalJoules").asDouble() / 3.6e6);
        assertEquals(7.5 / 1000 * gramsPerKWh, variants.get("grams").asDouble(), 1e-9);
        assertEquals(1000, variants.get("items").asInt());
        // Training: the run on b, 1 kWh over 3 h, 2.5e18 FLOPs.
        JsonNode training = r.get("trainingDisclosure");
        assertEquals(1, training.get("runs").asInt());
        assertEquals(3.6e6, training.get("energyJoules").asDouble(), 1e-6);
        assertEquals(3, training.get("hours").asDouble(), 1e-9);
        assertEquals(2.5e18, training.get("flops").asDouble(), 0);
        Path csv = dir.resolve("d.csv");
        Cli.Result c = Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "csv", "--out", csv.toString());
        assertEquals(0, c.exitCode(), c.stderr());
        String text = Files.readString(csv);
        assertTrue(text.contains("\r\nperQuery,MiniLM/int8,stars,5,") && text.contains("\r\nsavings,variants,grams,")
                && text.contains("\r\ntrainingDisclosure,,flops,2500000000000000000,FLOP,"), text);
        Path pdf = dir.resolve("d.pdf");
        Cli.Result p = Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "pdf", "--out", pdf.toString());
        assertEquals(0, p.exitCode(), p.stderr());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String t = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replace('\u00a0', ' ');
            assertTrue(t.contains("5/5") && t.contains("4/5") && t.contains("1/5"), "star ratings: " + t);
            assertTrue(t.contains("Model variants served") && t.contains("7.50"), "variant savings: " + t);
            assertTrue(t.contains("Annex XI") && t.contains("2.500e+18"), "training: " + t);
            var renderer = new org.apache.pdfbox.rendering.PDFRenderer(doc);
            Files.createDirectories(Path.of("target", "report"));
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                javax.imageio.ImageIO.write(renderer.renderImageWithDPI(i, 80), "png", Path.of("target", "report", "disclosure-pdf-" + (i + 1) + ".png").toFile());
            }
        }
        Path html = dir.resolve("d.html");
        assertEquals(0, Cli.inProcess(home).run("report", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "html", "--out", html.toString()).exitCode());
        Files.copy(html, Path.of("target", "report", "disclosure.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void impact_manifestForImpactFramework_perNodeInputsMatchTheJson() throws Exception {
        seed();
        JsonNode r = report("--embodied-kg", "a=1000");
        Cli.Result c = Cli.inProcess(home).run(concat(concat(new String[] {"report"}, PERIOD), new String[] {"--embodied-kg", "a=1000", "--format", "impact",
                "--out", "-"}));
        assertEquals(0, c.exitCode(), c.stderr());
        Map<String, Object> m = new org.yaml.snakeyaml.Yaml().load(c.stdout());
        assertTrue(((String) m.get("name")).startsWith("greenloop report 2026-03-01T00:00:00.000Z"), m.toString());
        Map<String, Object> plugins = (Map<String, Object>) ((Map<String, Object>) m.get("initialize")).get("plugins");
        assertEquals("Sum", ((Map<String, Object>) plugins.get("sum-carbon")).get("method"));
        assertEquals(Map.of("functional-unit", "runs"), ((Map<String, Object>) plugins.get("sci")).get("config"));
        Map<String, Object> children = (Map<String, Object>) ((Map<String, Object>) m.get("tree")).get("children");
        assertEquals(List.of("a", "b"), List.copyOf(children.keySet()));
        Map<String, Object> a = (Map<String, Object>) children.get("a");
        assertEquals(Map.of("compute", List.of("sum-carbon", "sci")), a.get("pipeline"));
        Map<String, Object> in = ((List<Map<String, Object>>) a.get("inputs")).getFirst();
        JsonNode node = r.get("energy").get("nodes").get(0);
        assertEquals(node.get("totalJoules").asDouble() * node.get("pue").asDouble() / 3.6e6, ((Number) in.get("energy")).doubleValue(), 1e-9);
        assertEquals(node.get("locationBasedGrams").asDouble(), ((Number) in.get("carbon-operational")).doubleValue(), 1e-9);
        assertEquals(node.get("embodiedGrams").asDouble(), ((Number) in.get("carbon-embodied")).doubleValue(), 1e-9);
        assertEquals(2, ((Number) in.get("runs")).intValue());
        assertEquals(172800, ((Number) in.get("duration")).intValue());
        assertEquals("2026-03-01T00:00:00.000Z", in.get("timestamp").toString());
    }

    @Test
    void badInput_exit2NamingValueAndFix() throws Exception {
        seed();
        Path out = dir.resolve("x.json");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "zone,period,mwh,gco2e_per_kwh\nDE,March,1,0\n");
        Object[][] cases = {
                {new String[] {"--format", "xml"}, "--format: 'xml' is not supported; use json, csv, html, pdf or impact"},
                {new String[] {"--format", "pdf", "--out", "-"}, "--format pdf: give a file with --out"},
                {new String[] {"--format", "json", "--unit", "tokens"}, "--unit: 'tokens' is not a functional unit; use query, job or run"},
                {new String[] {"--format", "json", "--node", "nope"}, "--node nope: no runs of that node"},
                {new String[] {"--format", "json", "--tag", "team"}, "--tag: 'team' is not key=value"},
                {new String[] {"--format", "json", "--embodied-kg", "a=lots"}, "--embodied-kg a=lots: 'lots' is not a number"},
                {new String[] {"--format", "json", "--instruments", bad.toString()}, "line 2: period 'March' is not a year"},
                {new String[] {"--format", "json", "--instruments", dir.resolve("none.csv").toString()}, "--instruments"},
        };
        for (Object[] k : cases) {
            String[] given = (String[]) k[0];
            String[] args = concat(concat(new String[] {"report"}, PERIOD),
                    List.of(given).contains("--out") ? given : concat(given, new String[] {"--out", out.toString()}));
            Cli.Result r = Cli.inProcess(home).run(args);
            assertEquals(2, r.exitCode(), List.of(args) + ": " + r.stderr());
            assertTrue(r.stderr().contains((String) k[1]), r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
        }
        Cli.Result backwards = Cli.inProcess(home).run("report", "--from", "2026-03-03", "--to", "2026-03-01", "--format", "json", "--out", out.toString());
        assertEquals(2, backwards.exitCode());
        assertTrue(backwards.stderr().contains("is not before --to"), backwards.stderr());
        assertFalse(Files.exists(out));
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
