package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import dev.greenloop.testfixtures.ElectricityMapsCsv;
import dev.greenloop.testfixtures.SharedData;
import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ZoneIntensitiesTest {

    static final Path ES = SharedData.carbon("em_ES_2022_hourly.csv");
    static final Path NO = SharedData.carbon("em_NO_2022_hourly.csv");

    static Map<Instant, Double> lca(Path file) throws IOException {
        return ElectricityMapsCsv.lifecycle(file);
    }

    static IntensityTrace trace(Path file, String zone) throws IOException {
        return TraceFiles.read(file, zone, TraceFiles.Basis.LIFECYCLE);
    }

    /** A provider that answers from memory: a current actual and a forecast of 30-minute points issued at the clock's now. */
    static final class FakeProvider implements LiveProvider {
        final Clock clock;
        final double[] forecast;
        final AtomicBoolean failing = new AtomicBoolean();
        final List<List<LivePoint>> fetched = new ArrayList<>();

        FakeProvider(Clock clock, double... forecast) {
            this.clock = clock;
            this.forecast = forecast;
        }

        @Override
        public String name() {
            return "fake";
        }

        private LivePoint point(String zone, String resolution, Instant start, double v) {
            return new LivePoint(new CarbonSignal(zone, "average", "lifecycle", resolution, "Fake API"),
                    new Interval(start, start.plus(Duration.ofMinutes(30))), CarbonIntensity.ofGramsPerKWh(v), clock.instant());
        }

        @Override
        public LivePoint current(String zone) {
            if (failing.get()) {
                throw new LiveProviderException("fake: HTTP 503 from the API");
            }
            Instant now = clock.instant();
            return point(zone, LivePoint.ACTUAL, now.minusSeconds(now.getEpochSecond() % 1800), 123);
        }

        @Override
        public List<LivePoint> forecast(String zone) {
            current(zone);
            Instant now = clock.instant();
            Instant t = now.minusSeconds(now.getEpochSecond() % 1800);
            List<LivePoint> out = new ArrayList<>();
            for (double v : forecast) {
                out.add(point(zone, LivePoint.FORECAST, t, v));
                t = t.plus(Duration.ofMinutes(30));
            }
            fetched.add(out);
            return out;
        }

        @Override
        public List<LivePoint> history(String zone, Instant from, Instant to) {
            return List.of();
        }
    }

    @Test
    void zones_tracesAndProviders_orderedAndMatchedIgnoringCase() throws IOException {
        TestClock clock = new TestClock(Instant.parse("2022-03-01T12:10:00Z"));
        try (ZoneIntensities z = ZoneIntensities.of(Map.of("NO", trace(NO, "NO"), "ES", trace(ES, "ES")),
                Map.of("GB", new FakeProvider(clock, 1, 2)), IntensityServiceTest.MemoryArchive::new, clock)) {
            assertEquals(List.of("ES", "GB", "NO"), z.zones());
            assertEquals("ES", z.zone(" es ", "location"));
            UnknownLocationException e = assertThrows(UnknownLocationException.class, () -> z.zone("eastus", "location"));
            assertEquals("location", e.field());
            assertTrue(e.getMessage().contains("eastus") && e.getMessage().contains("ES, GB, NO"), e.getMessage());
            assertTrue(z.hasForecasts("GB"));
            assertFalse(z.hasForecasts("ES"));
        }
    }

    @Test
    void actuals_traceZone_pointsOverlappingTheRangeLabelledFromTheFile() throws IOException {
        Map<Instant, Double> es = lca(ES);
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (ZoneIntensities z = ZoneIntensities.of(Map.of("ES", trace(ES, "ES")), Map.of(), IntensityServiceTest.MemoryArchive::new, clock)) {
            List<ZoneIntensities.Point> points = z.actuals("ES", Instant.parse("2022-03-01T10:30:00Z"), Instant.parse("2022-03-01T13:00:00Z"));
            assertEquals(3, points.size());
            for (int i = 0; i < 3; i++) {
                Instant start = Instant.parse("2022-03-01T10:00:00Z").plus(Duration.ofHours(i));
                ZoneIntensities.Point p = points.get(i);
                assertEquals(start, p.start());
                assertEquals(start.plus(Duration.ofHours(1)), p.end());
                assertEquals(es.get(start), p.gramsPerKWh(), 1e-9);
                assertEquals("actual", p.kind());
                assertEquals("average-lifecycle", p.signal());
                assertTrue(p.source().contains("em_ES_2022_hourly.csv"), p.source());
            }
            assertEquals(List.of(), z.forecasts("ES", Instant.parse("2022-03-01T10:00:00Z"), Instant.parse("2022-03-02T10:00:00Z")));
            Instant last = es.keySet().stream().max(Instant::compareTo).orElseThrow();
            assertEquals(last, z.latestActual("ES").orElseThrow().start());
        }
    }

    @Test
    void currentForecast_traceOnlyZone_isUnsupported() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2022-03-01T12:00:00Z"), ZoneOffset.UTC);
        try (ZoneIntensities z = ZoneIntensities.of(Map.of("ES", trace(ES, "ES")), Map.of(), IntensityServiceTest.MemoryArchive::new, clock)) {
            NoForecastException e = assertThrows(NoForecastException.class, () -> z.currentForecast("ES"));
            assertTrue(e.unsupported());
            assertTrue(e.getMessage().contains("historic") && e.getMessage().contains("--provider"), e.getMessage());
            assertTrue(assertThrows(NoForecastException.class, () -> z.forecastAsOf("ES", clock.instant())).unsupported());
        }
    }

    @Test
    void forecasts_providerZone_liveAndArchivedLabelledWithIssueTime() {
        TestClock clock = new TestClock(Instant.parse("2025-03-10T12:10:00Z"));
        IntensityServiceTest.MemoryArchive archive = new IntensityServiceTest.MemoryArchive();
        FakeProvider provider = new FakeProvider(clock, 200, 100, 300);
        try (ZoneIntensities z = ZoneIntensities.of(Map.of(), Map.of("GB", provider), () -> archive, clock)) {
            // An older forecast, archived as the provider's sink would have done an hour ago.
            clock.advance(Duration.ofHours(-1));
            new IntensityService(Map.of(), () -> archive, clock).keep(provider.forecast("GB"));
            clock.advance(Duration.ofHours(1));

            List<ZoneIntensities.Point> points = z.forecasts("GB", Instant.parse("2025-03-10T11:00:00Z"), Instant.parse("2025-03-10T14:00:00Z"));
            assertEquals(6, points.size(), points.toString());
            assertEquals(Instant.parse("2025-03-10T11:10:00Z"), points.getFirst().issuedAt());
            assertEquals(Instant.parse("2025-03-10T12:10:00Z"), points.getLast().issuedAt());
            assertTrue(points.stream().allMatch(p -> p.kind().equals("forecast") && p.source().equals("Fake API")));

            ZoneIntensities.Forecast then = z.forecastAsOf("GB", Instant.parse("2025-03-10T11:30:00Z"));
            assertEquals(Instant.parse("2025-03-10T11:10:00Z"), then.generatedAt());
            assertEquals(List.of(200.0, 100.0, 300.0), then.points().stream().map(ZoneIntensities.Point::gramsPerKWh).toList());
            NoForecastException none = assertThrows(NoForecastException.class, () -> z.forecastAsOf("GB", Instant.parse("2025-03-10T11:00:00Z")));
            assertFalse(none.unsupported());
        }
    }

    @Test
    void current_tracesAndProviders_valuesCoveringNowAndFailuresNamed() throws IOException {
        Map<Instant, Double> es = lca(ES);
        TestClock clock = new TestClock(Instant.parse("2022-06-01T08:20:00Z"));
        IntensityServiceTest.MemoryArchive archive = new IntensityServiceTest.MemoryArchive();
        FakeProvider gb = new FakeProvider(clock, 90, 80);
        FakeProvider de = new FakeProvider(clock, 1, 2);
        de.failing.set(true);
        try (ZoneIntensities z = ZoneIntensities.of(Map.of("ES", trace(ES, "ES")), Map.of("GB", gb, "DE", de), () -> archive, clock)) {
            ZoneIntensities.Snapshot now = z.current();
            assertEquals(3, now.values().size(), now.toString());
            ZoneIntensities.Point esNow = now.values().getFirst();
            assertEquals("ES", esNow.zone());
            assertEquals(es.get(Instant.parse("2022-06-01T08:00:00Z")), esNow.gramsPerKWh(), 1e-9);
            assertTrue(now.values().stream().anyMatch(p -> p.zone().equals("GB") && p.kind().equals("actual") && p.gramsPerKWh() == 123));
            assertTrue(now.values().stream().anyMatch(p -> p.zone().equals("GB") && p.kind().equals("forecast") && p.gramsPerKWh() == 90));
            assertTrue(now.unavailable().get("DE").contains("503"), now.unavailable().toString());
            // The current actual served is archived, so that it can be served later.
            assertEquals(1, archive.actuals("GB", Instant.parse("2022-06-01T08:00:00Z"), Instant.parse("2022-06-01T09:00:00Z")).size());
        }
    }

    @Test
    void open_traceFilesAndAProviderName_readOnceOrTheBadNameNamed(@org.junit.jupiter.api.io.TempDir Path home) throws IOException {
        Map<String, String> env = Map.of("GREENLOOP_HOME", home.toString());
        Clock clock = Clock.fixed(Instant.parse("2022-03-01T10:20:00Z"), ZoneOffset.UTC);
        try (ZoneIntensities z = ZoneIntensities.open(Map.of("ES", ES, "NO", NO), Map.of(), env, clock)) {
            assertEquals(List.of("ES", "NO"), z.zones());
            assertEquals(lca(NO).get(Instant.parse("2022-03-01T10:00:00Z")), z.current().values().get(1).gramsPerKWh(), 1e-9);
        }
        var e = assertThrows(dev.greenloop.carbon.live.UnknownProviderException.class,
                () -> ZoneIntensities.open(Map.of(), Map.of("GB", "nosuch"), env, clock));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }
}
