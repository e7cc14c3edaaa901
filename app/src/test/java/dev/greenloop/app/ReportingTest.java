package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportingTest {

    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

    static StoredRun run(long id, String node, String zone, Instant start, long seconds, double joules, double grams) {
        Energy e = Energy.ofJoules(joules);
        return new StoredRun(id, new NewRun("r", List.of("r"), Map.of(), start, new NodeInfo(node, zone, "", 1)), RunStatus.FINISHED,
                java.util.Optional.of(new RunOutcome(start.plusSeconds(seconds), 0, List.of(new RunComponent("psys", Scope.PSYS, Provenance.MEASURED,
                        "", "", e, e, e, Energy.ofJoules(0))), new RunCarbon(zone, 0, "s", "src", 1, grams, 0))));
    }

    static ReportRequest request(List<Instrument> instruments) {
        return new ReportRequest(T, T.plus(Duration.ofDays(1)), List.of(), Map.of(), ReportRequest.FunctionalUnit.RUN, instruments, Map.of(), 4, "test");
    }

    @Test
    void marketBased_instrumentsCoverOldestRunsFirstUpToTheirMWh() {
        // Two runs of 1 kWh each in DE; one instrument of 1.5 kWh at 10 g; residual mix 600 g.
        List<StoredRun> runs = List.of(run(2, "n", "DE", T.plusSeconds(7200), 3600, 3.6e6, 300), run(1, "n", "DE", T, 3600, 3.6e6, 400));
        List<Instrument> instruments = List.of(new Instrument("DE", T, T.plus(Duration.ofDays(30)), OptionalDouble.of(0.0015), 10, 2),
                new Instrument("DE", T, T.plus(Duration.ofDays(30)), OptionalDouble.empty(), 600, 3));
        Disclosure.ZoneCarbon de = MarketBased.byZone(runs, instruments).get("DE");
        // 1 kWh (run 1) + 0.5 kWh (run 2) at 10 g; 0.5 kWh of run 2 at 600 g.
        assertEquals(1.5 * 10 + 0.5 * 600, de.marketBasedGrams(), 1e-9);
        assertEquals(1.5, de.instrumentKWh(), 1e-12);
        assertEquals(0.5, de.residualKWh(), 1e-12);
        assertEquals(700, de.locationBasedGrams(), 1e-12);
    }

    @Test
    void marketBased_instrumentOutsideItsPeriodOrZone_coversNothing() {
        List<StoredRun> runs = List.of(run(1, "n", "FR", T, 3600, 3.6e6, 50));
        List<Instrument> instruments = List.of(new Instrument("DE", T, T.plus(Duration.ofDays(30)), OptionalDouble.of(1), 0, 2),
                new Instrument("FR", T.plus(Duration.ofDays(1)), T.plus(Duration.ofDays(30)), OptionalDouble.of(1), 0, 3));
        Disclosure.ZoneCarbon fr = MarketBased.byZone(runs, instruments).get("FR");
        assertEquals(50, fr.marketBasedGrams(), 1e-12);
        assertEquals(1, fr.gridAverageKWh(), 1e-12);
    }

    @Test
    void embodied_overlappingRunsHoldTheNodeOnce() {
        List<StoredRun> runs = List.of(run(1, "n", "DE", T, 3600, 1, 0), run(2, "n", "DE", T.plusSeconds(1800), 3600, 1, 0),
                run(3, "n", "DE", T.plusSeconds(7200), 600, 1, 0));
        assertEquals(5400 + 600, Embodied.heldSeconds(runs), 1e-9);
    }

    @Test
    void compute_selectsByPeriodAndSplitsByProvenance() {
        List<StoredRun> runs = List.of(run(1, "n", "DE", T.minusSeconds(1), 10, 1e6, 1), run(2, "n", "DE", T, 10, 2e6, 2),
                run(3, "m", "DE", T.plus(Duration.ofDays(1)), 10, 4e6, 4));
        Disclosure d = Reporting.compute(request(List.of()), new Reporting.Inputs("mem", runs, List.of(), List.of(), List.of(), null));
        assertEquals(1, d.runs());
        assertEquals(2e6, d.energy().totalJoules());
        assertEquals(2e6, d.energy().measuredJoules());
        assertEquals(24, d.energyOverTime().size(), "hourly buckets over a day");
        assertEquals(2e6, d.energyOverTime().getFirst().joulesByScope().get("psys"));
        assertEquals(OptionalDouble.of(2), d.sci().getFirst().gramsPerUnit());
    }

    @Test
    void emptySelection_rendersWithNullScoresAndEmptyCharts() throws Exception {
        Disclosure d = Reporting.compute(request(List.of()), new Reporting.Inputs("mem", List.of(), List.of(), List.of(), List.of(), null));
        assertEquals(0, d.runs());
        assertEquals(OptionalDouble.empty(), d.sci().getFirst().gramsPerUnit());
        assertEquals(1, d.pue());
        String html = DisclosureHtml.render(d);
        assertTrue(html.contains("<svg") && html.contains("0 kWh"), html);
        java.io.StringWriter w = new java.io.StringWriter();
        try (var g = dev.greenloop.report.RunJson.generator(w)) {
            DisclosureJson.write(g, d);
        }
        assertTrue(w.toString().contains("\"gramsPerUnit\" : null"), w.toString());
    }

    @Test
    void instruments_badLines_nameFileLineAndFix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.csv");
        Files.writeString(f, "zone,period,mwh,gco2e_per_kwh\nDE,2026-01-01/2027-01-01,12.5,0\nDE,2026,residual,480\n");
        List<Instrument> ok = Instruments.read(f);
        assertEquals(2, ok.size());
        assertEquals(OptionalDouble.of(12.5), ok.getFirst().megawattHours());
        assertTrue(ok.get(1).residual());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), ok.get(1).to());
        for (String[] k : List.of(new String[] {"zone,when,mwh\n", "is not the header"}, new String[] {"zone,period,mwh,gco2e_per_kwh\nDE,2026,-1,0\n", "line 2: mwh -1 is not > 0"},
                new String[] {"zone,period,mwh,gco2e_per_kwh\nDE,2026,1,x\n", "gco2e_per_kwh 'x' is not a number"},
                new String[] {"zone,period,mwh,gco2e_per_kwh\nDE,2026,1\n", "has 3 cells"}, new String[] {"", "the file is empty"})) {
            Files.writeString(f, k[0]);
            ConfigException e = assertThrows(ConfigException.class, () -> Instruments.read(f));
            assertTrue(e.getMessage().contains(k[1]) && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }
}
