package dev.greenloop.cli.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.cli.Times;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.Interval;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.FakeProviderApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop intensity ... --provider P} and {@code intensity backtest} in process, against a local fake API. */
class IntensityLiveIT {

    @TempDir
    Path home;

    private final FakeProviderApi api;
    private final Instant slot0 = Instant.now().truncatedTo(ChronoUnit.HOURS);

    IntensityLiveIT() throws IOException {
        api = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** NESO's national shape: half-hour entries from {@link #slot0} with the given forecasts. */
    private String neso(double... forecasts) {
        StringBuilder sb = new StringBuilder("{\"data\":[");
        for (int i = 0; i < forecasts.length; i++) {
            Instant a = slot0.plus(Duration.ofMinutes(30L * i));
            sb.append(i > 0 ? "," : "").append("{\"from\":\"%sZ\",\"to\":\"%sZ\",\"intensity\":{\"forecast\":%s,\"actual\":null,\"index\":\"low\"}}"
                    .formatted(a.toString().substring(0, 16), a.plus(Duration.ofMinutes(30)).toString().substring(0, 16), forecasts[i]));
        }
        return sb.append("]}").toString();
    }

    private Cli cli() {
        return Cli.inProcess(home).env("GREENLOOP_NESO_URL", api.baseUrl().toString()).env("GREENLOOP_ELECTRICITYMAPS_URL", api.baseUrl().toString())
                .env("ELECTRICITYMAPS_TOKEN", "");
    }

    private IntensityArchive archive() {
        return Stores.openArchive(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())));
    }

    @Test
    void scheduleRun_neso_plansTheJobAtTheForecastsCleanestHalfHourWithinItsHorizon() throws IOException {
        api.route("/intensity/", r -> FakeProviderApi.Answer.ok(neso(300, 300, 300, 300, 40, 300, 300, 300)));
        Cli.Result submitted = cli().run("schedule", "submit", "--id", "nightly", "--duration", "30m", "--deadline", "24h", "--power", "100",
                "--zone", "GB", "--", "true");
        assertEquals(0, submitted.exitCode(), submitted.stderr());

        Cli.Result run = cli().run("schedule", "run", "--provider", "neso", "--zone", "GB", "--once");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("within the data, which ends at " + slot0.plus(Duration.ofHours(4))), run.stderr());
        Cli.Result show = cli().run("schedule", "show", "nightly", "--json");
        Map<String, Object> j = Json.flatten(show.stdout());
        assertEquals("planned", j.get("state"), j.toString());
        assertEquals(slot0.plus(Duration.ofHours(2)), Instant.parse((String) j.get("plan.segments[0].start")));
        assertEquals(100 * 0.5 * 40 / 1000, (Double) j.get("plan.plannedGrams"), 1e-9);
        try (IntensityArchive archive = archive()) {
            assertEquals(8, archive.forecastsIssued("GB", slot0.minus(Duration.ofDays(1)), Instant.now().plusSeconds(60)).size());
        }
    }

    @Test
    void scheduleRun_providerWithoutZone_saysToGiveOne() {
        Cli.Result run = cli().run("schedule", "run", "--provider", "neso", "--once");

        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("give the zones to fetch with --zone"), run.stderr());
    }

    @Test
    void forecast_neso_printsLabelledPointsAndArchivesThem() throws IOException {
        api.route("/intensity/", r -> FakeProviderApi.Answer.ok(neso(200, 100, 50, 60)));
        var r = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(4, j.get("forecastData.length"));
        assertEquals("average-direct-forecast", j.get("signal"));
        assertEquals("UK NESO Carbon Intensity API", j.get("source"));
        assertEquals(50.0, j.get("forecastData[2].value"));
        assertTrue(api.requests().getFirst().path().endsWith("/fw48h"), api.requests().toString());
        try (IntensityArchive a = archive()) {
            List<ArchivedIntensity> kept = a.forecastsIssued("GB", slot0.minus(Duration.ofDays(1)), Instant.now().plusSeconds(60));
            assertEquals(4, kept.size());
            assertEquals(100.0, kept.get(1).intensity().gramsPerKWh());
        }
    }

    @Test
    void best_neso_choosesOnTheProvidersForecast() throws IOException {
        api.route("/intensity/", r -> FakeProviderApi.Answer.ok(neso(200, 100, 50, 60, 300, 300)));
        var r = cli().run("intensity", "best", "--provider", "neso", "--zone", "GB", "--duration", "1h", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(Times.iso(slot0.plus(Duration.ofHours(1))), j.get("timestamp"));
        assertEquals(55.0, (double) j.get("value"), 1e-9);
        assertEquals("average-direct-forecast", j.get("signal"));
    }

    @Test
    void history_neso_archivesActuals() throws IOException {
        api.route("/intensity/", r -> FakeProviderApi.Answer.ok("""
                {"data":[{"from":"2025-03-01T10:00Z","to":"2025-03-01T10:30Z","intensity":{"forecast":190,"actual":180,"index":"low"}},
                         {"from":"2025-03-01T10:30Z","to":"2025-03-01T11:00Z","intensity":{"forecast":170,"actual":null,"index":"low"}}]}"""));
        var r = cli().run("intensity", "history", "--provider", "neso", "--zone", "GB", "--from", "2025-03-01T10:00Z", "--to", "2025-03-01T11:00Z", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(2, j.get("data.length"));
        assertEquals("average-direct-actual", j.get("data[0].signal"));
        assertEquals("average-direct-forecast", j.get("data[1].signal"));
        assertEquals(1.0, j.get("archived"));
        try (IntensityArchive a = archive()) {
            assertEquals(1, a.actuals("GB", Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z")).size());
        }
    }

    /** NESO's current-intensity answer: one half-hour that ended {@code endedMinutesAgo} ago. */
    private static String nesoCurrentEnded(long endedMinutesAgo) {
        Instant end = Instant.now().minus(Duration.ofMinutes(endedMinutesAgo)).truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(30));
        return "{\"data\":[{\"from\":\"%sZ\",\"to\":\"%sZ\",\"intensity\":{\"forecast\":120,\"actual\":118,\"index\":\"low\"}}]}"
                .formatted(start.toString().substring(0, 16), end.toString().substring(0, 16));
    }

    @Test
    void now_valueOlderThanTwoHours_exits1SayingStaleAndShowsNoValue() {
        api.route("/intensity", r -> FakeProviderApi.Answer.ok(nesoCurrentEnded(3 * 60)));
        var r = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB", "--json");
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("stale") && r.stderr().contains("3 h"), r.stderr());
        assertFalse(r.stdout().contains("\"value\""), r.stdout());
    }

    @Test
    void now_valueEndedRecently_isShownWithItsAge() {
        api.route("/intensity", r -> FakeProviderApi.Answer.ok(nesoCurrentEnded(40)));
        var r = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("ago, the provider's newest"), r.stdout());
        var json = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB", "--json");
        assertEquals(0, json.exitCode(), json.stderr());
        assertTrue(json.stdout().matches("(?s).*\"ageSeconds\" : (2[4-9]\\d\\d|3\\d\\d\\d).*"), json.stdout());
    }

    @Test
    void now_unknownZoneForProvider_exits2WithTheCodesItTakes() {
        var r = cli().run("intensity", "now", "--provider", "neso", "--zone", "DE");
        assertEquals(2, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("GB-1 to GB-17"), r.stderr());
    }

    @Test
    void now_electricityMapsWithoutToken_exits2NamingTheVariable() {
        var r = cli().run("intensity", "now", "--provider", "electricitymaps", "--zone", "DE");
        assertEquals(2, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("ELECTRICITYMAPS_TOKEN"), r.stderr());
    }

    @Test
    void now_providerRefusesToken_exits1WithItsMessageButNotTheToken() {
        api.route("/v3/carbon-intensity/latest", r -> new FakeProviderApi.Answer(401, Map.of(),
                "{\"message\":\"invalid auth-token sekret-1234\"}"));
        var r = cli().env("ELECTRICITYMAPS_TOKEN", "sekret-1234").run("intensity", "now", "--provider", "electricitymaps", "--zone", "DE");
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("401"), r.stderr());
        assertFalse(r.stderr().contains("sekret-1234"), r.stderr());
        assertFalse(r.stdout().contains("sekret-1234"), r.stdout());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void forecast_rateLimitedBeyondRetries_exits1() {
        api.route("/intensity/", r -> new FakeProviderApi.Answer(429, Map.of("Retry-After", "0"), "{\"error\":\"slow down\"}"));
        var r = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB");
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("429"), r.stderr());
        assertEquals(4, api.requests().size(), api.requests().toString());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void backtest_seededArchive_mapeByHorizonForProviderAndGreenloop() throws IOException {
        Instant issue = Instant.parse("2025-03-10T00:00:00Z");
        List<ArchivedIntensity> seed = new ArrayList<>();
        // An hourly forecast issued at 'issue': 48 points, off by 10 % at hour 0, 20 % at 5, 30 % at 23 and 40 % at 47.
        for (int h = 0; h < 48; h++) {
            Instant s = issue.plus(Duration.ofHours(h));
            double v = h == 0 ? 110 : h == 5 ? 80 : h == 23 ? 130 : h == 47 ? 60 : 100;
            seed.add(new ArchivedIntensity("ZZ", "Test API", "average-lifecycle", ArchivedIntensity.Kind.FORECAST, issue,
                    new Interval(s, s.plus(Duration.ofHours(1))), CarbonIntensity.ofGramsPerKWh(v)));
        }
        // Actuals 100 for 30 days before the issue and 3 days after: the hour-of-week forecast is exactly 100.
        for (Instant t = issue.minus(Duration.ofDays(30)); t.isBefore(issue.plus(Duration.ofDays(3))); t = t.plus(Duration.ofHours(1))) {
            seed.add(new ArchivedIntensity("ZZ", "Test API", "average-lifecycle", ArchivedIntensity.Kind.ACTUAL, t,
                    new Interval(t, t.plus(Duration.ofHours(1))), CarbonIntensity.ofGramsPerKWh(100)));
        }
        try (IntensityArchive a = archive()) {
            a.save(seed);
        }
        var r = cli().run("intensity", "backtest", "--zone", "ZZ", "--from", "2025-03-09", "--to", "2025-03-11", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(3, j.get("forecasters.length"));
        assertEquals("Test API", j.get("forecasters[0].source"));
        assertEquals(1.0, j.get("forecasters[0].issues"));
        assertEquals(10.0, (double) j.get("forecasters[0].errors[0].mapePercent"), 1e-9);
        assertEquals(20.0, (double) j.get("forecasters[0].errors[1].mapePercent"), 1e-9);
        assertEquals(30.0, (double) j.get("forecasters[0].errors[2].mapePercent"), 1e-9);
        assertEquals(40.0, (double) j.get("forecasters[0].errors[3].mapePercent"), 1e-9);
        assertEquals("hour-of-week", j.get("forecasters[1].name"));
        assertEquals(0.0, (double) j.get("forecasters[1].errors[3].mapePercent"), 1e-9);
        assertEquals("persistence", j.get("forecasters[2].name"));

        var text = cli().run("intensity", "backtest", "--zone", "ZZ", "--from", "2025-03-09", "--to", "2025-03-11");
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().contains("40.0 (1)"), text.stdout());
    }

    @Test
    void backtest_emptyArchive_exits2SayingHowToFill() {
        var r = cli().run("intensity", "backtest", "--zone", "GB", "--from", "2025-03-09", "--to", "2025-03-11");
        assertEquals(2, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("intensity forecast --provider"), r.stderr());
    }

    @Test
    void now_providerNotListening_exits1NamingTheHostAndSuggestingATraceFile() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed at once: nothing listens there
        }
        var r = Cli.inProcess(home).env("GREENLOOP_NESO_URL", "http://127.0.0.1:" + port).run("intensity", "now", "--provider", "neso", "--zone", "GB");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("cannot reach neso at 127.0.0.1:" + port), r.stderr());
        assertTrue(r.stderr().contains("connection refused"), r.stderr());
        assertTrue(r.stderr().contains("to work offline, give the intensities as --trace ZONE=FILE"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void now_providerAnswersWithoutEnd_exits1ResponseTooLargeNamingTheHost() {
        api.routeStream("/intensity", 1L << 30);

        var r = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("neso at 127.0.0.1:" + api.baseUrl().getPort() + ": response too large"), r.stderr());
        assertTrue(api.streamedBytes() < (1L << 30), "read " + api.streamedBytes());
    }
}
