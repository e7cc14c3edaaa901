package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CarbonAwareQueriesTest {

    private static final Instant T = Instant.parse("2022-03-01T10:00:00Z");

    private Map<Instant, Double> es;
    private Map<Instant, Double> no;
    private TestClock clock;
    private ZoneIntensities intensities;
    private CarbonAwareQueries q;

    @BeforeEach
    void open() throws IOException {
        es = ZoneIntensitiesTest.lca(ZoneIntensitiesTest.ES);
        no = ZoneIntensitiesTest.lca(ZoneIntensitiesTest.NO);
        clock = new TestClock(Instant.parse("2025-03-10T12:10:00Z"));
        intensities = ZoneIntensities.of(
                Map.of("ES", ZoneIntensitiesTest.trace(ZoneIntensitiesTest.ES, "ES"), "NO", ZoneIntensitiesTest.trace(ZoneIntensitiesTest.NO, "NO")),
                Map.of("GB", new ZoneIntensitiesTest.FakeProvider(clock, 300, 200, 100, 150, 400)), IntensityServiceTest.MemoryArchive::new, clock);
        q = new CarbonAwareQueries(intensities, clock);
    }

    @AfterEach
    void close() {
        intensities.close();
    }

    @Test
    void emissions_twoLocations_pointsOverlappingTheWindowLocationByLocation() {
        List<CarbonAwareQueries.Emission> e = q.emissions(List.of("es", "NO"), T, T.plus(Duration.ofHours(3)));
        assertEquals(6, e.size());
        for (int i = 0; i < 3; i++) {
            Instant t = T.plus(Duration.ofHours(i));
            assertEquals(new CarbonAwareQueries.Emission("ES", t, es.get(t), Duration.ofHours(1)), e.get(i));
            assertEquals(new CarbonAwareQueries.Emission("NO", t, no.get(t), Duration.ofHours(1)), e.get(3 + i));
        }
    }

    @Test
    void emissions_noToTime_thePointCoveringTime() {
        List<CarbonAwareQueries.Emission> e = q.emissions(List.of("ES"), T.plus(Duration.ofMinutes(45)), null);
        assertEquals(List.of(new CarbonAwareQueries.Emission("ES", T, es.get(T), Duration.ofHours(1))), e);
        // No time: now, which the 2022 trace does not cover.
        assertEquals(List.of(), q.emissions(List.of("ES"), null, null));
    }

    @Test
    void emissions_badWindow_namesTheParameter() {
        assertEquals("time", assertThrows(IntensityQueryException.class, () -> q.emissions(List.of("ES"), null, T)).field());
        assertEquals("toTime", assertThrows(IntensityQueryException.class, () -> q.emissions(List.of("ES"), T, T.minusSeconds(1))).field());
        assertEquals("location", assertThrows(IntensityQueryException.class, () -> q.emissions(List.of(), T, T)).field());
        assertEquals("location", assertThrows(UnknownLocationException.class, () -> q.emissions(List.of("ES", "mars"), T, T)).field());
    }

    @Test
    void best_aYearOfTwoLocations_theLowestPointsAcrossBoth() {
        Instant from = Instant.parse("2022-01-01T00:00:00Z");
        Instant to = Instant.parse("2023-01-01T00:00:00Z");
        double min = Math.min(es.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                no.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        List<CarbonAwareQueries.Emission> best = q.best(List.of("ES", "NO"), from, to);
        assertTrue(!best.isEmpty());
        long tied = es.values().stream().filter(v -> v == min).count() + no.values().stream().filter(v -> v == min).count();
        assertEquals(tied, best.size());
        for (CarbonAwareQueries.Emission e : best) {
            assertEquals(min, e.rating());
            assertEquals(min, (e.location().equals("ES") ? es : no).get(e.time()));
        }
    }

    @Test
    void average_partialPoints_weightedByTime() {
        Instant h = T.plus(Duration.ofHours(1));
        double expected = (0.5 * es.get(T) + es.get(h) + 0.5 * es.get(h.plus(Duration.ofHours(1)))) / 2;
        assertEquals(expected, q.average("ES", T.plus(Duration.ofMinutes(30)), T.plus(Duration.ofMinutes(150))).orElseThrow(), 1e-9);
        assertTrue(q.average("ES", Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z")).isEmpty());
        assertEquals("endTime", assertThrows(IntensityQueryException.class, () -> q.average("ES", T, T)).field());
        assertEquals("startTime", assertThrows(IntensityQueryException.class, () -> q.average("ES", null, T)).field());
    }

    @Test
    void current_windowOfTwoPoints_rollingMeansAndTheOptimal() {
        // The fake's forecast: 30-minute points from 12:00, 300 200 100 150 400.
        CarbonAwareQueries.WindowedForecast f = q.current("gb", null, null, 60);
        Instant t0 = Instant.parse("2025-03-10T12:00:00Z");
        assertEquals(t0, f.dataStartAt());
        assertEquals(t0.plus(Duration.ofMinutes(150)), f.dataEndAt());
        assertEquals(clock.instant(), f.requestedAt());
        assertEquals(clock.instant(), f.generatedAt());
        assertEquals(List.of(250.0, 150.0, 125.0, 275.0), f.forecastData().stream().map(CarbonAwareQueries.Window::value).toList());
        assertEquals(List.of(new CarbonAwareQueries.Window("gb", t0.plus(Duration.ofMinutes(60)), 60, 125.0)), f.optimalDataPoints());
    }

    @Test
    void current_defaultWindowAndScopedData_pointsThemselvesWithinTheScope() {
        Instant t0 = Instant.parse("2025-03-10T12:00:00Z");
        CarbonAwareQueries.WindowedForecast f = q.current("GB", t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofMinutes(120)), null);
        assertEquals(30, f.windowSize());
        assertEquals(List.of(200.0, 100.0, 150.0), f.forecastData().stream().map(CarbonAwareQueries.Window::value).toList());
        assertEquals(100.0, f.optimalDataPoints().getFirst().value());
    }

    @Test
    void current_badScope_namesTheParameter() {
        Instant t0 = Instant.parse("2025-03-10T12:00:00Z");
        assertEquals("dataStartAt", assertThrows(IntensityQueryException.class, () -> q.current("GB", t0.minusSeconds(60), null, null)).field());
        assertEquals("dataEndAt", assertThrows(IntensityQueryException.class, () -> q.current("GB", null, t0.plus(Duration.ofDays(1)), null)).field());
        assertEquals("windowSize", assertThrows(IntensityQueryException.class, () -> q.current("GB", null, null, 0)).field());
        assertTrue(assertThrows(NoForecastException.class, () -> q.current("ES", null, null, null)).unsupported());
        // A window longer than the forecast: no windows, as the SDK answers empty arrays.
        assertEquals(List.of(), q.current("GB", null, null, 600).forecastData());
    }
}
