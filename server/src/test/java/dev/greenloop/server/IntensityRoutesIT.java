package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.SharedData;
import dev.greenloop.testfixtures.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/intensity/{zone}} over HTTP: a trace zone (Spain, 2022) and a provider zone archiving in SQLite. */
class IntensityRoutesIT {

    private static final Path ES = SharedData.carbon("em_ES_2022_hourly.csv");

    @TempDir
    Path home;

    private TestClock clock;
    private ZoneIntensities intensities;
    private IntensityHttp http;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2025-03-10T12:10:00Z"));
        intensities = ZoneIntensities.of(Map.of("ES", TraceFiles.read(ES, "ES", TraceFiles.Basis.LIFECYCLE)),
                Map.of("GB", new MemoryProvider(clock, 300, 200)),
                () -> Stores.openArchive(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString()))), clock);
        http = new IntensityHttp(ServerContext.intensityOnly(clock, intensities));
    }

    @AfterEach
    void stop() {
        http.close();
        intensities.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void intensity_traceZone_actualsLabelledAndNoForecasts() throws Exception {
        Map<Instant, Double> es = CarbonAwareRoutesIT.lca(ES);
        IntensityHttp.Answer a = http.get("/api/v1/intensity/es?from=2022-03-01T10:00:00Z&to=2022-03-01T12:00:00Z");
        assertEquals(200, a.status(), a.body());
        assertEquals("ES", a.object().get("zone"));
        List<Map<String, Object>> actuals = (List<Map<String, Object>>) a.object().get("actuals");
        assertEquals(2, actuals.size());
        Map<String, Object> first = actuals.getFirst();
        assertEquals("2022-03-01T10:00:00Z", first.get("start"));
        assertEquals("2022-03-01T11:00:00Z", first.get("end"));
        assertEquals(es.get(Instant.parse("2022-03-01T10:00:00Z")), first.get("gramsPerKWh"));
        assertEquals("actual", first.get("kind"));
        assertEquals("average-lifecycle", first.get("signal"));
        assertTrue(((String) first.get("source")).contains("em_ES_2022_hourly.csv"));
        assertEquals(List.of(), a.object().get("forecasts"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void intensity_providerZoneAroundNow_currentActualArchivedAndForecastWithIssueTime() throws Exception {
        IntensityHttp.Answer a = http.get("/api/v1/intensity/GB?from=2025-03-10T12:00:00Z&to=2025-03-10T13:00:00Z");
        assertEquals(200, a.status(), a.body());
        List<Map<String, Object>> actuals = (List<Map<String, Object>>) a.object().get("actuals");
        assertEquals(1, actuals.size(), a.body());
        assertEquals(210.0, actuals.getFirst().get("gramsPerKWh"));
        assertEquals("Memory API", actuals.getFirst().get("source"));
        List<Map<String, Object>> forecasts = (List<Map<String, Object>>) a.object().get("forecasts");
        assertEquals(List.of(300.0, 200.0), forecasts.stream().map(m -> m.get("gramsPerKWh")).toList());
        assertTrue(forecasts.stream().allMatch(m -> "forecast".equals(m.get("kind")) && "2025-03-10T12:10:00Z".equals(m.get("issuedAt"))), a.body());
    }

    @Test
    void intensity_badRequests_problemNamingTheField() throws Exception {
        IntensityHttp.Answer unknown = http.get("/api/v1/intensity/MARS?from=2022-03-01&to=2022-03-02");
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("zone", unknown.object().get("field"));
        IntensityHttp.Answer bad = http.get("/api/v1/intensity/ES?from=soon");
        assertEquals(400, bad.status());
        assertEquals("from", bad.object().get("field"));
        IntensityHttp.Answer reversed = http.get("/api/v1/intensity/ES?from=2022-03-02&to=2022-03-01");
        assertEquals(400, reversed.status());
        assertEquals("to", reversed.object().get("field"));
        IntensityHttp.Answer tooLong = http.get("/api/v1/intensity/ES?from=2020-01-01&to=2022-03-01");
        assertEquals(400, tooLong.status());
        assertTrue(((String) tooLong.object().get("detail")).contains("366 days"), tooLong.body());
    }
}
