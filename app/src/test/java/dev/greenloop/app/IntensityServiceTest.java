package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.carbon.live.NesoProvider;
import dev.greenloop.carbon.live.UnknownProviderException;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntensityServiceTest {

    private static final Instant T0 = Instant.parse("2025-03-10T00:00:00Z");

    /** An archive in memory: enough of the store's contract for the service. */
    static final class MemoryArchive implements IntensityArchive {
        final List<ArchivedIntensity> rows = new ArrayList<>();
        int opened;
        boolean closed;

        @Override
        public int save(Collection<ArchivedIntensity> points) {
            int n = 0;
            for (ArchivedIntensity p : points) {
                if (!rows.contains(p)) {
                    rows.add(p);
                    n++;
                }
            }
            return n;
        }

        @Override
        public List<ArchivedIntensity> forecastsIssued(String zone, Instant issuedFrom, Instant issuedTo) {
            return rows.stream().filter(p -> p.zone().equals(zone) && p.kind() == ArchivedIntensity.Kind.FORECAST
                    && !p.issuedAt().isBefore(issuedFrom) && p.issuedAt().isBefore(issuedTo)).toList();
        }

        @Override
        public List<ArchivedIntensity> actuals(String zone, Instant from, Instant to) {
            return rows.stream().filter(p -> p.zone().equals(zone) && p.kind() == ArchivedIntensity.Kind.ACTUAL
                    && !p.interval().start().isBefore(from) && p.interval().start().isBefore(to)).toList();
        }

        final Map<String, Answer> answers = new java.util.HashMap<>();

        @Override
        public java.util.Optional<Answer> answer(String key) {
            return java.util.Optional.ofNullable(answers.get(key));
        }

        @Override
        public void keepAnswer(String key, Answer answer) {
            answers.merge(key, answer, (old, now) -> now.fetchedAt().isAfter(old.fetchedAt()) ? now : old);
        }

        @Override
        public String location() {
            return "memory";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static LivePoint point(String resolution, Instant start, double value) {
        return new LivePoint(new CarbonSignal("ZZ", LivePoint.AVERAGE, LivePoint.LIFECYCLE, resolution, "Test API"),
                new Interval(start, start.plus(Duration.ofHours(1))), CarbonIntensity.ofGramsPerKWh(value), T0);
    }

    private static IntensityTrace hourly(String zone, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0.getEpochSecond() + 3600L * i;
        }
        return IntensityTrace.of(new CarbonSignal(zone, "average", "lifecycle", "actual", "test"), t, values, "test", null);
    }

    @Test
    void keep_archiveOpenedOnceOnFirstUse_closedWithTheService() {
        MemoryArchive archive = new MemoryArchive();
        try (IntensityService s = new IntensityService(Map.of(), () -> {
            archive.opened++;
            return archive;
        })) {
            assertEquals(0, s.keep(List.of()));
            assertEquals(0, archive.opened);
            assertEquals(2, s.keep(List.of(point(LivePoint.FORECAST, T0, 100), point(LivePoint.ACTUAL, T0, 90))));
            assertEquals(0, s.keep(List.of(point(LivePoint.ACTUAL, T0, 90))));
            assertEquals("memory", s.archiveLocation());
            assertEquals(1, archive.opened);
            assertEquals(ArchivedIntensity.Kind.FORECAST, archive.rows.getFirst().kind());
            assertEquals("average-lifecycle", archive.rows.getFirst().signal());
        }
        assertTrue(archive.closed);
    }

    @Test
    void provider_byRegistryName_unknownNameListsTheNames() {
        try (IntensityService s = new IntensityService(Map.of("GREENLOOP_NESO_URL", "http://127.0.0.1:9"), MemoryArchive::new)) {
            assertTrue(s.provider("NESO", "lifecycle") instanceof NesoProvider);
            var e = assertThrows(UnknownProviderException.class, () -> s.provider("nope", "lifecycle"));
            assertTrue(e.getMessage().contains("neso, electricitymaps, watttime"), e.getMessage());
        }
    }

    @Test
    void trace_ofProviderPoints_needsTwo() {
        IntensityTrace t = IntensityService.trace(List.of(point(LivePoint.FORECAST, T0, 100), point(LivePoint.FORECAST, T0.plusSeconds(3600), 50)));
        assertEquals(2, t.size());
        var e = assertThrows(LiveProviderException.class, () -> IntensityService.trace(List.of(point(LivePoint.FORECAST, T0, 1))));
        assertTrue(e.getMessage().contains("1 point(s)"), e.getMessage());
    }

    @Test
    void best_acrossZones_lowestZoneWins_onForecastReportsHindsight() {
        var a = hourly("A", 300, 300, 300, 300);
        var b = hourly("B", 400, 100, 100, 400);
        var r = IntensityService.best(List.of(a, b), T0, T0.plus(Duration.ofHours(4)), Duration.ofHours(2), false);
        assertEquals("B", r.best().zone());
        assertEquals(T0.plus(Duration.ofHours(1)), r.best().start());
        assertEquals(100, r.best().meanGramsPerKWh(), 1e-9);
        assertEquals(2, r.byZone().size());
        assertNull(r.actualMean());
        var e = assertThrows(IllegalArgumentException.class,
                () -> IntensityService.best(List.of(a), T0, T0.plus(Duration.ofHours(9)), Duration.ofHours(2), false));
        assertTrue(e.getMessage().startsWith("A: "), e.getMessage());
    }

    @Test
    void at_traceNotCovering_yearlyValueWithNote() {
        var t = hourly("DE", 100, 200);
        assertNull(IntensityService.at(t, "DE", T0.plusSeconds(10)).note());
        var now = IntensityService.at(t, "DE", T0.minus(Duration.ofDays(1)));
        assertNotNull(now.note());
        assertEquals("yearly", now.signal().resolution());
    }

    @Test
    void backtest_noForecasts_saysHowToFetch_thenScoresArchived() {
        MemoryArchive archive = new MemoryArchive();
        try (IntensityService s = new IntensityService(Map.of(), () -> archive)) {
            var e = assertThrows(IllegalArgumentException.class, () -> s.backtest("ZZ", T0.minusSeconds(1), T0.plusSeconds(1), null, null, null));
            assertTrue(e.getMessage().contains("greenloop intensity forecast --provider P --zone ZZ"), e.getMessage());
            List<LivePoint> points = new ArrayList<>();
            for (int h = 0; h < 48; h++) {
                points.add(point(LivePoint.FORECAST, T0.plus(Duration.ofHours(h)), h == 0 ? 110 : 100));
            }
            for (int h = -24 * 30; h < 72; h++) {
                points.add(new LivePoint(new CarbonSignal("ZZ", LivePoint.AVERAGE, LivePoint.LIFECYCLE, LivePoint.ACTUAL, "Test API"),
                        new Interval(T0.plus(Duration.ofHours(h)), T0.plus(Duration.ofHours(h + 1))), CarbonIntensity.ofGramsPerKWh(100),
                        T0.plus(Duration.ofHours(h))));
            }
            s.keep(points);
            var r = s.backtest("ZZ", T0.minusSeconds(1), T0.plusSeconds(1), null, "test api", null);
            assertEquals("archive: Test API average-lifecycle", r.actualsFrom());
            assertEquals(10.0, r.rows().getFirst().errors().getFirst().mapePercent(), 1e-9);
            assertEquals("hour-of-week", r.rows().get(1).name());
            assertThrows(UnknownProviderException.class, () -> s.backtest("ZZ", T0, T0.plusSeconds(1), "nope", null, null));
        }
    }

    @Test
    void of_unsupportedStoreUrl_refusedBeforeAnyProviderIsAsked() {
        assertThrows(dev.greenloop.store.UnsupportedStoreUrlException.class,
                () -> IntensityService.of(Map.of("GREENLOOP_DB", "jdbc:mysql://db/greenloop", "GREENLOOP_HOME", "/nonexistent")));
    }

    /** NESO's national forecast shape: two half hours from {@code start}. */
    private static String nesoForecast(Instant start) {
        return ("{\"data\":[{\"from\":\"%s\",\"to\":\"%s\",\"intensity\":{\"forecast\":120,\"actual\":null,\"index\":\"low\"}},"
                + "{\"from\":\"%s\",\"to\":\"%s\",\"intensity\":{\"forecast\":90,\"actual\":null,\"index\":\"low\"}}]}")
                .formatted(start, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(60)));
    }

    @Test
    void provider_refresh_answersYoungerThanItAreReusedAcrossServices_olderOnesFetchedAgain() throws Exception {
        try (var api = new dev.greenloop.testfixtures.FakeProviderApi()) {
            api.route("/intensity", r -> dev.greenloop.testfixtures.FakeProviderApi.Answer.ok(nesoForecast(T0)));
            var clock = new dev.greenloop.testfixtures.TestClock(T0);
            MemoryArchive archive = new MemoryArchive();
            Map<String, String> env = Map.of("GREENLOOP_NESO_URL", api.baseUrl().toString());

            // Two services on one store, as two commands are: the second reuses the first's fetch.
            new IntensityService(env, () -> archive, clock).provider("neso", "lifecycle", Duration.ofMinutes(5)).forecast("GB");
            new IntensityService(env, () -> archive, clock).provider("neso", "lifecycle", null).forecast("GB");
            assertEquals(1, api.count("/intensity"));

            clock.advance(Duration.ofMinutes(6));
            new IntensityService(env, () -> archive, clock).provider("neso", "lifecycle", null).forecast("GB"); // 30 min default
            assertEquals(1, api.count("/intensity"));
            new IntensityService(env, () -> archive, clock).provider("neso", "lifecycle", Duration.ofMinutes(5)).forecast("GB");
            assertEquals(2, api.count("/intensity"));
            new IntensityService(env, () -> archive, clock).provider("neso", "lifecycle", Duration.ZERO).forecast("GB");
            assertEquals(3, api.count("/intensity"));
        }
    }
}
