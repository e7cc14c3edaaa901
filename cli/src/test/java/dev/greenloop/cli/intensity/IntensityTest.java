package dev.greenloop.cli.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop intensity} in process (Main.run), on the shared traces and small files. */
class IntensityTest {

    @TempDir
    Path home;

    static String shared(String name) {
        return SharedData.carbon(name).toString();
    }


    private Cli.Result run(String... args) {
        return Cli.inProcess(home).run(args);
    }

    @Test
    void now_traceCoversTime_answersThePointWithItsLabels() throws IOException {
        var r = run("intensity", "now", "--zone", "ES", "--trace", "ES=" + shared("em_ES_2022_hourly.csv"), "--at", "2022-06-01T12:30Z", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals("ES", j.get("location"));
        assertEquals("2022-06-01T12:00:00.000Z", j.get("timestamp"));
        assertEquals(60.0, j.get("duration"));
        assertEquals(173.95, (double) j.get("value"), 1e-9);
        assertEquals("average-lifecycle-actual", j.get("signal"));
    }

    @Test
    void now_noTrace_fallsBackToYearlyAndSaysSo() throws IOException {
        var r = run("intensity", "now", "--zone", "FR", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(((String) Json.flatten(r.stdout()).get("signal")).endsWith("-yearly"), r.stdout());
    }

    @Test
    void history_sdkJsonTrace_listsPointsInRange() throws IOException {
        Path f = Files.writeString(home.resolve("e.json"), """
                [{"location": "eastus", "time": "2022-05-17T20:00:00+00:00", "duration": "01:00:00", "rating": 70},
                 {"location": "eastus", "time": "2022-05-17T21:00:00+00:00", "duration": "01:00:00", "rating": 50},
                 {"location": "eastus", "time": "2022-05-17T22:00:00+00:00", "duration": "01:00:00", "rating": 60}]
                """);
        var r = run("intensity", "history", "--zone", "eastus", "--trace", "eastus=" + f, "--from", "2022-05-17T21:00Z", "--to", "2022-05-17T23:00Z", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(2, j.get("data.length"));
        assertEquals(50.0, j.get("data[0].value"));
        assertEquals("2022-05-17T22:00:00.000Z", j.get("data[1].timestamp"));
    }

    @Test
    void forecast_issuedAtMidnight_givesHourlyPointsLabelledForecast() throws IOException {
        var r = run("intensity", "forecast", "--zone", "NO", "--trace", "NO=" + shared("em_NO_2022_hourly.csv"), "--at", "2022-03-01", "--hours", "6", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(6, j.get("forecastData.length"));
        assertEquals("average-lifecycle-forecast", j.get("signal"));
        assertEquals("2022-03-01T00:00:00.000Z", j.get("generatedAt"));
        assertEquals("2022-03-01T05:00:00.000Z", j.get("forecastData[5].timestamp"));
    }

    @Test
    void best_twoZones_picksTheCleanerAndMatchesHistory() throws IOException {
        String es = "ES=" + shared("em_ES_2022_hourly.csv");
        String no = "NO=" + shared("em_NO_2022_hourly.csv");
        var r = run("intensity", "best", "--zone", "ES", "--zone", "NO", "--trace", es, "--trace", no, "--duration", "3h",
                "--from", "2022-06-01", "--to", "2022-06-02", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals("NO", j.get("location"));
        assertEquals(180.0, j.get("duration"));
        assertEquals(2, j.get("byLocation.length"));
        // the reported mean is the mean of the three hours history shows
        var h = Json.flatten(run("intensity", "history", "--zone", "NO", "--trace", no, "--from", (String) j.get("timestamp"), "--to",
                java.time.Instant.parse((String) j.get("timestamp")).plusSeconds(3 * 3600).toString(), "--json").stdout());
        double mean = ((double) h.get("data[0].value") + (double) h.get("data[1].value") + (double) h.get("data[2].value")) / 3;
        assertEquals(mean, (double) j.get("value"), 1e-9);
    }

    @Test
    void best_forecast_reportsChoiceAndActualOutcome() throws IOException {
        var r = run("intensity", "best", "--zone", "ES", "--trace", "ES=" + shared("em_ES_2022_hourly.csv"), "--duration", "90m",
                "--from", "2022-06-01", "--to", "2022-06-02", "--forecast", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals("average-lifecycle-forecast", j.get("signal"));
        assertTrue(j.get("actualValue") instanceof Double, r.stdout());
        assertTrue((double) j.get("hindsightBest.value") <= (double) j.get("actualValue") + 1e-9, r.stdout());
    }

    @Test
    void errors_unknownZoneShortWindowAndOutsideTrace_exitTwoWithTheFix() {
        var unknown = run("intensity", "now", "--zone", "germny");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("did you mean DE"), unknown.stderr());
        String es = "ES=" + shared("em_ES_2022_hourly.csv");
        var shortWindow = run("intensity", "best", "--zone", "ES", "--trace", es, "--duration", "5h", "--from", "2022-06-01T00:00Z", "--to", "2022-06-01T04:00Z");
        assertEquals(2, shortWindow.exitCode());
        assertTrue(shortWindow.stderr().contains("shorter than --duration"), shortWindow.stderr());
        var outside = run("intensity", "history", "--zone", "ES", "--trace", es, "--from", "2021-06-01", "--to", "2021-06-02");
        assertEquals(2, outside.exitCode());
        assertTrue(outside.stderr().contains("not within the ES trace"), outside.stderr());
        var noTrace = run("intensity", "history", "--zone", "ES");
        assertEquals(2, noTrace.exitCode());
        assertTrue(noTrace.stderr().contains("--trace ES=FILE"), noTrace.stderr());
        var badTrace = run("intensity", "now", "--zone", "ES", "--trace", "ES");
        assertEquals(2, badTrace.exitCode());
        assertTrue(badTrace.stderr().contains("is not ZONE=FILE"), badTrace.stderr());
    }
}
