package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Recommendation.Change;
import dev.greenloop.app.Recommendation.Kind;
import dev.greenloop.app.Recommender.Intensity;
import dev.greenloop.core.Provenance;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.PowerSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each kind's estimate on small inputs whose numbers can be checked by hand (the comments do it). */
class RecommenderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Intensity DE = new Intensity(400, "DE test");

    private static PowerLimit rapl(long microwatts) {
        return new PowerLimit("cpu-package-0", "long_term", "/sys/x/constraint_0_power_limit_uw", microwatts, 0, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1_000_000), true, true);
    }

    private static List<PowerSeries.Step> steps(double... watts) {
        List<PowerSeries.Step> out = new ArrayList<>();
        for (int i = 0; i < watts.length; i++) {
            out.add(new PowerSeries.Step(T0.plusSeconds(60L * i), 60, watts[i] * 60, watts[i]));
        }
        return out;
    }

    @Test
    void powerCaps_energyAboveTheCapLineScaledToAWeek() {
        // 100 W limit -> cap 80 W. Ten 60 s steps: five at 90 W (10 W above for 300 s = 3000 J), five at 50 W.
        // Sampled 600 s; a week is 604800 s: 3000 J x 1008 = 3.024 MJ = 0.84 kWh at most, 0.42 mid, 0 min.
        List<Recommendation> recs = Recommender.powerCaps(List.of(rapl(100_000_000)),
                Map.of("cpu-package-0", steps(90, 90, 90, 90, 90, 50, 50, 50, 50, 50)), DE);

        assertEquals(1, recs.size());
        Recommendation r = recs.getFirst();
        assertEquals("cap-power:cpu-package-0", r.id());
        assertEquals(new Change.PowerCap("cpu-package-0", "long_term", 80), r.change());
        assertEquals(0, r.estimate().kwh().min(), 1e-12);
        assertEquals(0.42, r.estimate().kwh().mid(), 1e-9);
        assertEquals(0.84, r.estimate().kwh().max(), 1e-9);
        assertEquals(0.84 * 400, r.estimate().grams().max(), 1e-6);
        assertTrue(r.evidence().contains("50% of 600 s"), r.evidence());
        assertTrue(r.estimate().method().startsWith("estimated"), r.estimate().method());
    }

    @Test
    void powerCaps_belowTheLineOrTooFewSamples_yieldNothing() {
        assertEquals(List.of(), Recommender.powerCaps(List.of(rapl(100_000_000)), Map.of("cpu-package-0", steps(50, 50, 50, 50, 50, 50, 50, 50, 50, 50)), DE));
        assertEquals(List.of(), Recommender.powerCaps(List.of(rapl(100_000_000)), Map.of("cpu-package-0", steps(95, 95)), DE));
        assertEquals(List.of(), Recommender.powerCaps(List.of(rapl(100_000_000)), Map.of(), DE));
    }

    private static NewProfile profile(String variant, boolean reference, double joulesPerQuery, double cosine) {
        return new NewProfile(T0, "n", "MiniLM", variant, "threads=1", 1, 1, 1, 1, false, "ALL", 20, false, "abc", reference, variant, 1, 0.01,
                joulesPerQuery, Provenance.MEASURED, 4.5, 6.25, 5, 100, 1, 1e9, 17, 0, 1, OptionalLong.empty(),
                reference ? OptionalDouble.empty() : OptionalDouble.of(cosine), OptionalDouble.empty(), OptionalDouble.empty(), 0,
                OptionalDouble.empty(), 0, "A");
    }

    @Test
    void variants_cheapestAboveTheFloor_perMillionQueries() {
        // fp32 (reference) 0.40 and 0.50 J/query; int8 0.10 and 0.14 at cosine 0.995; int4 0.05 at cosine 0.95 (below the floor).
        // mid (0.45 - 0.12) x 1e6 J = 330 kJ = 0.091666 kWh; min (0.40 - 0.14) = 0.072222; max (0.50 - 0.10) = 0.111111.
        List<NewProfile> rows = List.of(profile("fp32", true, 0.40, 1), profile("fp32", true, 0.50, 1), profile("int8", false, 0.10, 0.995),
                profile("int8", false, 0.14, 0.996), profile("int4", false, 0.05, 0.95));

        List<Recommendation> recs = Recommender.variants(rows, Map.of(), 0.99, DE);

        assertEquals(1, recs.size());
        Recommendation r = recs.getFirst();
        assertEquals(new Change.VariantSwitch("MiniLM", "fp32", "int8"), r.change());
        assertEquals(0.26 / 3.6, r.estimate().kwh().min(), 1e-9);
        assertEquals(0.33 / 3.6, r.estimate().kwh().mid(), 1e-9);
        assertEquals(0.40 / 3.6, r.estimate().kwh().max(), 1e-9);
        assertEquals("per million queries", r.estimate().basis());
        assertEquals(List.of(), Recommender.variants(rows, Map.of("MiniLM", "int8"), 0.99, DE), "int8 is served already");
        assertEquals(List.of(), Recommender.variants(rows, Map.of(), 0.999, DE), "no variant keeps a 0.999 floor");
    }

    @Test
    void idleNodes_flatDrawWithoutRuns_suspendedForAWeek() {
        // 60 one-minute steps at 40 W: p10 = mean = p90 = 40 W; 40 W x 168 h = 6.72 kWh.
        double[] flat = new double[60];
        java.util.Arrays.fill(flat, 40);
        List<Recommendation> recs = Recommender.idleNodes(List.of(new Recommender.NodePower("n1", steps(flat), false, DE),
                new Recommender.NodePower("busy", steps(flat), true, DE)));

        assertEquals(1, recs.size());
        assertEquals("idle-node:n1", recs.getFirst().id());
        assertEquals(6.72, recs.getFirst().estimate().kwh().mid(), 1e-9);
        assertEquals(6.72 * 400, recs.getFirst().estimate().grams().mid(), 1e-6);
        assertEquals(new Change.Manual(), recs.getFirst().change());
        double[] loaded = flat.clone();
        for (int i = 0; i < 30; i++) {
            loaded[i] = 120;
        }
        assertEquals(List.of(), Recommender.idleNodes(List.of(new Recommender.NodePower("n2", steps(loaded), false, DE))), "not flat");
    }

    @Test
    void zoneMoves_jobEnergyTimesTheIntensityGap() {
        // 36 MJ = 10 kWh in one day -> 70 kWh a week; 400 - 30 g/kWh = 370 g/kWh -> 25.9 kg.
        Intensity se = new Intensity(30, "SE test");
        List<Recommendation> recs = Recommender.zoneMoves(List.of(new Recommender.NodeJobs("n1", "DE", 36e6, 86_400, DE,
                Map.of("DE", DE, "SE", se))));

        assertEquals(1, recs.size());
        assertEquals(0, recs.getFirst().estimate().kwh().max(), 1e-12);
        assertEquals(70 * 370, recs.getFirst().estimate().grams().mid(), 1e-6);
        assertTrue(recs.getFirst().howTo().contains("--zone SE"), recs.getFirst().howTo());
        assertEquals(List.of(), Recommender.zoneMoves(List.of(new Recommender.NodeJobs("n2", "SE", 36e6, 86_400, se, Map.of("DE", DE)))));
    }

    @Test
    void jobShifts_cleanestWindowBeforeTheDeadline() {
        // Hourly forecast 300, 300, 100, 100, 500. A 2 h job of 2 kWh planned at hour 0 (mean 300); best start hour 2 (mean 100).
        // mid 2 x (300 - 100) = 400 g; min 2 x (300 - 100) = 400; max likewise (flat windows).
        List<Map.Entry<Instant, Double>> forecast = new ArrayList<>();
        double[] values = {300, 300, 100, 100, 500};
        for (int i = 0; i < values.length; i++) {
            forecast.add(Map.entry(T0.plus(Duration.ofHours(i)), values[i]));
        }
        Recommender.PlannedJob job = new Recommender.PlannedJob("j1", "DE", 2, T0, Duration.ofHours(2), T0, T0.plus(Duration.ofHours(5)),
                forecast, "test");

        List<Recommendation> recs = Recommender.jobShifts(List.of(job));

        assertEquals(1, recs.size());
        assertEquals(new Change.Reschedule("j1", T0, T0.plus(Duration.ofHours(2))), recs.getFirst().change());
        assertEquals(400, recs.getFirst().estimate().grams().mid(), 1e-9);
        assertEquals(Kind.SHIFT_JOB, recs.getFirst().kind());
        Recommender.PlannedJob tight = new Recommender.PlannedJob("j2", "DE", 2, T0, Duration.ofHours(2), T0, T0.plus(Duration.ofHours(2)),
                forecast, "test");
        assertEquals(List.of(), Recommender.jobShifts(List.of(tight)), "only the planned start ends by the deadline");
    }
}
