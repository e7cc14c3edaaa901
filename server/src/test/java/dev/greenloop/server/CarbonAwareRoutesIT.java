package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.IntensityService;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.ElectricityMapsCsv;
import dev.greenloop.testfixtures.SharedData;
import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Carbon Aware SDK routes over HTTP, checked against the SDK's documented requests and answers
 * (casdk-docs/docs/tutorial-basics/carbon-aware-webapi.md), with the locations replaced by the zones of real traces
 * (Electricity Maps 2022, Spain and Norway) and a provider zone (GB) answering from memory, its forecasts archived in a
 * real SQLite store. Expected values are computed from the trace files, read here independently.
 */
class CarbonAwareRoutesIT {

    private static final Path ES = SharedData.carbon("em_ES_2022_hourly.csv");
    private static final Path NO = SharedData.carbon("em_NO_2022_hourly.csv");
    private static final Instant NOW = Instant.parse("2025-03-10T12:10:00Z");

    @TempDir
    Path home;

    private Map<Instant, Double> es;
    private Map<Instant, Double> no;
    private TestClock clock;
    private IntensityArchive archive;
    private ZoneIntensities intensities;
    private IntensityHttp http;

    static Map<Instant, Double> lca(Path file) throws IOException {
        return ElectricityMapsCsv.lifecycle(file);
    }

    @BeforeEach
    void start() throws IOException {
        es = lca(ES);
        no = lca(NO);
        clock = new TestClock(NOW);
        Supplier<IntensityArchive> opener = () -> Stores.openArchive(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())));
        archive = opener.get();
        LiveProvider gb = new MemoryProvider(clock, 300, 200, 100, 150, 400);
        // A forecast issued a day ago, archived as the provider's sink would have.
        clock.set(NOW.minus(Duration.ofDays(1)));
        new IntensityService(Map.of(), () -> archive, clock).keep(gb.forecast("GB"));
        clock.set(NOW);
        intensities = ZoneIntensities.of(Map.of("ES", TraceFiles.read(ES, "ES", TraceFiles.Basis.LIFECYCLE),
                "NO", TraceFiles.read(NO, "NO", TraceFiles.Basis.LIFECYCLE)), Map.of("GB", gb), opener, clock);
        http = new IntensityHttp(ServerContext.intensityOnly(clock, intensities));
    }

    @AfterEach
    void stop() {
        http.close();
        intensities.close();
        archive.close();
    }

    @Test
    void bylocation_documentedRequest_emissionsDataItems() throws Exception {
        IntensityHttp.Answer a = http.get("/emissions/bylocation?location=ES&time=2022-03-01T10:00:00Z&toTime=2022-03-01T13:00:00Z");
        assertEquals(200, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        assertEquals(3, a.array().size());
        for (int i = 0; i < 3; i++) {
            Instant t = Instant.parse("2022-03-01T10:00:00Z").plus(Duration.ofHours(i));
            Map<String, Object> item = a.array().get(i);
            assertEquals(Set.of("location", "time", "rating", "duration"), item.keySet());
            assertEquals("ES", item.get("location"));
            assertEquals(t.atOffset(ZoneOffset.UTC).toLocalDateTime() + ":00+00:00", item.get("time"));
            assertEquals(es.get(t), item.get("rating"));
            assertEquals("01:00:00", item.get("duration"));
        }
    }

    @Test
    void bylocations_repeatedLocation_bothLocationsInOrder() throws Exception {
        // The documentation's example writes "locations=", the controller binds "location=": both are taken.
        IntensityHttp.Answer a = http.get("/emissions/bylocations?location=es&locations=no&time=2022-06-01T08:30:00%2B00:00");
        assertEquals(200, a.status(), a.body());
        Instant t = Instant.parse("2022-06-01T08:00:00Z");
        assertEquals(List.of("ES", "NO"), a.array().stream().map(m -> m.get("location")).toList());
        assertEquals(List.of(es.get(t), no.get(t)), a.array().stream().map(m -> m.get("rating")).toList());
    }

    @Test
    void best_aYearOfTwoLocations_theLowestRating() throws Exception {
        IntensityHttp.Answer a = http.get("/emissions/bylocations/best?location=ES&location=NO&time=2022-01-01&toTime=2023-01-01");
        assertEquals(200, a.status(), a.body());
        double min = Math.min(es.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                no.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        assertTrue(!a.array().isEmpty());
        for (Map<String, Object> item : a.array()) {
            assertEquals(min, item.get("rating"));
        }
    }

    @Test
    void emissions_noDataInTheWindow_204() throws Exception {
        assertEquals(204, http.get("/emissions/bylocation?location=ES&time=2030-01-01T00:00:00Z&toTime=2030-01-02T00:00:00Z").status());
        assertEquals(204, http.get("/emissions/bylocations/best?location=ES").status()); // now: after the trace
    }

    @Test
    void emissions_badRequests_problemNamingTheParameter() throws Exception {
        assertProblem(http.get("/emissions/bylocation?time=2022-03-01T10:00:00Z"), 400, "location");
        assertProblem(http.get("/emissions/bylocation?location=ES&time=yesterday"), 400, "time");
        assertProblem(http.get("/emissions/bylocation?location=ES&toTime=2022-03-01T10:00:00Z"), 400, "time");
        assertProblem(http.get("/emissions/bylocations?location=ES&time=2022-03-02&toTime=2022-03-01"), 400, "toTime");
        IntensityHttp.Answer unknown = assertProblem(http.get("/emissions/bylocations?location=ES&location=eastus&time=2022-03-01"), 404, "location");
        assertTrue(((String) unknown.object().get("detail")).contains("eastus"), unknown.body());
    }

    @Test
    void forecastsCurrent_documentedRequest_windowsAndOptimal() throws Exception {
        IntensityHttp.Answer a = http.get("/emissions/forecasts/current?location=GB&dataStartAt=2025-03-10T12:00:00Z&dataEndAt=2025-03-10T14:30:00Z&windowSize=60");
        assertEquals(200, a.status(), a.body());
        Map<String, Object> f = a.array().getFirst();
        assertEquals(Set.of("generatedAt", "requestedAt", "location", "dataStartAt", "dataEndAt", "windowSize", "optimalDataPoints", "forecastData"),
                f.keySet());
        assertEquals("2025-03-10T12:10:00+00:00", f.get("generatedAt"));
        assertEquals("2025-03-10T12:10:00+00:00", f.get("requestedAt"));
        assertEquals("GB", f.get("location"));
        assertEquals("2025-03-10T12:00:00+00:00", f.get("dataStartAt"));
        assertEquals(60.0, f.get("windowSize"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) f.get("forecastData");
        assertEquals(List.of(250.0, 150.0, 125.0, 275.0), data.stream().map(m -> m.get("value")).toList());
        assertEquals(Set.of("location", "timestamp", "duration", "value"), data.getFirst().keySet());
        assertEquals(List.of(Map.of("location", "GB", "timestamp", "2025-03-10T13:00:00+00:00", "duration", 60.0, "value", 125.0)),
                f.get("optimalDataPoints"));
    }

    @Test
    void forecastsCurrent_historicOnlyLocation_501() throws Exception {
        IntensityHttp.Answer a = assertProblem(http.get("/emissions/forecasts/current?location=ES"), 501, "location");
        assertTrue(((String) a.object().get("detail")).contains("historic"), a.body());
        assertProblem(http.get("/emissions/forecasts/current?location=GB&windowSize=ten"), 400, "windowSize");
        assertProblem(http.get("/emissions/forecasts/current?location=GB&dataStartAt=2025-03-09T00:00:00Z"), 400, "dataStartAt");
    }

    @Test
    void forecastsBatch_documentedBody_theForecastArchivedAsOfRequestedAt() throws Exception {
        String body = """
                [
                  {"location": "GB", "dataStartAt": "2025-03-09T12:30:00Z", "dataEndAt": "2025-03-09T14:00:00Z", "windowSize": 30,
                   "requestedAt": "2025-03-09T12:15:00Z"},
                  {"location": "GB", "requestedAt": "2025-03-09T13:00:00Z"}
                ]""";
        IntensityHttp.Answer a = http.post("/emissions/forecasts/batch", body);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.array().size());
        Map<String, Object> first = a.array().getFirst();
        assertEquals("2025-03-09T12:10:00+00:00", first.get("generatedAt"));
        assertEquals("2025-03-09T12:15:00+00:00", first.get("requestedAt"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) first.get("forecastData");
        assertEquals(List.of(200.0, 100.0, 150.0), data.stream().map(m -> m.get("value")).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> optimal = (List<Map<String, Object>>) first.get("optimalDataPoints");
        assertEquals("2025-03-09T13:00:00+00:00", optimal.getFirst().get("timestamp"));
        assertEquals(30.0, a.array().get(1).get("windowSize"));

        assertProblem(http.post("/emissions/forecasts/batch", "[{\"location\": \"GB\"}]"), 400, "[0].requestedAt");
        assertProblem(http.post("/emissions/forecasts/batch", "[{\"location\": \"ES\", \"requestedAt\": \"2022-03-01T00:00:00Z\"}]"), 501, "[0].location");
        assertProblem(http.post("/emissions/forecasts/batch", "{\"location\": \"GB\"}"), 400, "body");
    }

    @Test
    void average_documentedRequest_timeWeightedMean() throws Exception {
        IntensityHttp.Answer a = http.get("/emissions/average-carbon-intensity?location=ES&startTime=2022-07-19T14:00:00Z&endTime=2022-07-19T18:00:00Z");
        assertEquals(200, a.status(), a.body());
        double expected = 0;
        for (int h = 14; h < 18; h++) {
            expected += es.get(Instant.parse("2022-07-19T%02d:00:00Z".formatted(h))) / 4;
        }
        assertEquals(Set.of("location", "startTime", "endTime", "carbonIntensity"), a.object().keySet());
        assertEquals("ES", a.object().get("location"));
        assertEquals("2022-07-19T14:00:00+00:00", a.object().get("startTime"));
        assertEquals("2022-07-19T18:00:00+00:00", a.object().get("endTime"));
        assertEquals(expected, (Double) a.object().get("carbonIntensity"), 1e-9);

        assertEquals(204, http.get("/emissions/average-carbon-intensity?location=ES&startTime=2030-01-01T00:00:00Z&endTime=2030-01-02T00:00:00Z").status());
        assertProblem(http.get("/emissions/average-carbon-intensity?location=ES&startTime=2022-07-19T14:00:00Z"), 400, "endTime");
        assertProblem(http.get("/emissions/average-carbon-intensity?location=westus&startTime=2022-07-19T14:00:00Z&endTime=2022-07-19T18:00:00Z"), 404,
                "location");
    }

    @Test
    void averageBatch_documentedBody_oneObjectPerItem() throws Exception {
        String body = """
                [
                  {"location": "NO", "startTime": "2022-05-01T14:00:00", "endTime": "2022-05-01T18:00:00"},
                  {"location": "NO", "startTime": "2022-06-01T14:00:00", "endTime": "2022-06-01T18:00:00"}
                ]""";
        IntensityHttp.Answer a = http.post("/emissions/average-carbon-intensity/batch", body);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.array().size());
        double may = 0;
        for (int h = 14; h < 18; h++) {
            may += no.get(Instant.parse("2022-05-01T%02d:00:00Z".formatted(h))) / 4;
        }
        assertEquals(may, (Double) a.array().getFirst().get("carbonIntensity"), 1e-9);
        assertEquals("2022-06-01T14:00:00+00:00", a.array().get(1).get("startTime"));
        assertProblem(http.post("/emissions/average-carbon-intensity/batch", "[{\"location\": \"NO\", \"startTime\": \"x\"}]"), 400, "[0].startTime");
    }

    @Test
    void locations_everyZone() throws Exception {
        IntensityHttp.Answer a = http.get("/locations");
        assertEquals(200, a.status());
        assertEquals(List.of("ES", "GB", "NO"), List.copyOf(a.object().keySet()));
        assertEquals("ES", ((Map<?, ?>) a.object().get("ES")).get("Name"));
    }

    private static IntensityHttp.Answer assertProblem(IntensityHttp.Answer a, int status, String field) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
        assertEquals(field, a.object().get("field"), a.body());
        return a;
    }
}
