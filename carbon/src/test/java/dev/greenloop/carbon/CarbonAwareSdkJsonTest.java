package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonAwareSdkJsonTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("emissions.json"), json);
    }

    private static final String TWO_LOCATIONS = """
            [
              {"location": "westus", "time": "2022-05-17T21:00:00+00:00", "duration": "01:00:00", "rating": 64},
              {"location": "eastus", "time": "2022-05-17T20:00:00+00:00", "duration": "01:00:00", "rating": 70},
              {"location": "eastus", "time": "2022-05-17T21:00:00+00:00", "duration": "01:00:00", "rating": 71.5},
              {"location": "westus", "time": "2022-05-17T20:00:00+00:00", "duration": "01:00:00", "rating": 60}
            ]
            """;

    @Test
    void read_twoLocations_selectsZoneIgnoringCaseAndSortsByTime() throws IOException {
        IntensityTrace t = TraceFiles.read(write(TWO_LOCATIONS), "WestUS", TraceFiles.Basis.LIFECYCLE);
        assertEquals("WestUS", t.zone());
        assertEquals(2, t.size());
        assertEquals(Instant.parse("2022-05-17T20:00:00Z"), t.start());
        assertEquals(60, t.value(0));
        assertEquals(64, t.value(1));
        assertEquals(Duration.ofHours(1), t.step());
        assertEquals("actual", t.signal().resolution());
        assertTrue(t.signal().source().startsWith("Carbon Aware SDK emissions JSON"), t.signal().source());
    }

    @Test
    void read_noZoneAndSeveralLocations_namesThem() throws IOException {
        var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(write(TWO_LOCATIONS), null, TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("westus, eastus"), e.getMessage());
    }

    @Test
    void read_unknownLocation_listsThoseInTheFile() throws IOException {
        var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(write(TWO_LOCATIONS), "northeurope", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("no rows for location 'northeurope'") && e.getMessage().contains("eastus"), e.getMessage());
    }

    @Test
    void read_sdkDataSourceFileWithCapitalsAndStringRatings_isAccepted() throws IOException {
        Path f = write("""
                {"Description": "test", "Emissions": [
                  {"Location": "Sydney", "Rating": "60", "Time": "2021-01-01T00:00:00"},
                  {"Location": "Sydney", "Rating": "50.5", "Time": "2021-01-01T00:05:00"},
                  {"Location": "Sydney", "Rating": "40", "Time": "2021-01-01T00:10:00"}
                ]}
                """);
        IntensityTrace t = CarbonAwareSdkJson.read(f, null, TraceFiles.Basis.DIRECT);
        assertEquals("Sydney", t.zone());
        assertEquals(50.5, t.value(1));
        assertEquals(Duration.ofMinutes(5), t.step());
        assertEquals("direct", t.signal().basis());
    }

    @Test
    void read_forecastPointsWithMinuteDurations_isAccepted() throws IOException {
        Path f = write("""
                [{"location": "IE", "timestamp": "2022-07-19T14:00:00+00:00", "duration": 10, "value": 532.0},
                 {"location": "IE", "timestamp": "2022-07-19T14:10:00+00:00", "duration": 10, "value": 500.0}]
                """);
        IntensityTrace t = CarbonAwareSdkJson.read(f, "IE", TraceFiles.Basis.LIFECYCLE);
        assertEquals(Instant.parse("2022-07-19T14:20:00Z"), t.end());
    }

    @Test
    void read_badRating_namesLineAndValue() throws IOException {
        Path f = write("""
                [
                  {"location": "a", "time": "2022-01-01T00:00:00Z", "rating": 1},
                  {"location": "a", "time": "2022-01-01T01:00:00Z", "rating": "lots"}
                ]
                """);
        var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(f, "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void read_badTimeMissingFieldAndBadDuration_nameTheLine() throws IOException {
        var time = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(
                write("[{\"location\": \"a\", \"time\": \"yesterday\", \"rating\": 1}]"), "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(time.getMessage().contains("line 1") && time.getMessage().contains("'yesterday'"), time.getMessage());
        var missing = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(
                write("[\n{\"location\": \"a\", \"rating\": 1}]"), "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(missing.getMessage().contains("line 2") && missing.getMessage().contains("without a \"time\""), missing.getMessage());
        var duration = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(
                write("[{\"location\": \"a\", \"time\": \"2022-01-01T00:00:00Z\", \"duration\": \"an hour\", \"rating\": 1}]"), "a",
                TraceFiles.Basis.LIFECYCLE));
        assertTrue(duration.getMessage().contains("'an hour'"), duration.getMessage());
    }

    @Test
    void read_durationLeavingAGap_isRejected() throws IOException {
        Path f = write("""
                [{"location": "a", "time": "2022-01-01T00:00:00Z", "duration": "00:30:00", "rating": 1},
                 {"location": "a", "time": "2022-01-01T01:00:00Z", "duration": "01:00:00", "rating": 2}]
                """);
        var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(f, "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("fill the gap"), e.getMessage());
    }

    @Test
    void read_duplicateTimeAndMalformedJson_areRejected() throws IOException {
        var dup = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(write("""
                [{"location": "a", "time": "2022-01-01T00:00:00Z", "rating": 1},
                 {"location": "a", "time": "2022-01-01T00:00:00Z", "rating": 2}]
                """), "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(dup.getMessage().contains("repeats the timestamp"), dup.getMessage());
        var bad = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(write("[{\"location\": "), "a", TraceFiles.Basis.LIFECYCLE));
        assertTrue(bad.getMessage().contains("not valid JSON"), bad.getMessage());
    }

    @Test
    void parseDuration_timeSpanForms_giveSeconds() {
        Path f = Path.of("x.json");
        assertEquals(3600, CarbonAwareSdkJson.parseDuration("01:00:00", false, f, 1));
        assertEquals(86_400 + 300, CarbonAwareSdkJson.parseDuration("1.00:05:00", false, f, 1));
        assertEquals(1800, CarbonAwareSdkJson.parseDuration("PT30M", false, f, 1));
        assertEquals(600, CarbonAwareSdkJson.parseDuration("10", true, f, 1));
    }

    @Test
    void read_ratingAboveThePhysicalMaximum_refusedNamingTheLineAndTheLimit() throws IOException {
        Path file = write("""
                [
                  {"location": "westus", "time": "2022-05-17T20:00:00+00:00", "duration": "01:00:00", "rating": 60},
                  {"location": "westus", "time": "2022-05-17T21:00:00+00:00", "duration": "01:00:00", "rating": 1e308}
                ]
                """);
        var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(file, null, TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("line 3: \"rating\" 1e308 is above 5000 gCO2eq/kWh"), e.getMessage());
    }

    @Test
    void read_durationBeyondTenYears_refusedNotClamped() throws IOException {
        for (String duration : new String[] {"1e300", "\"99999999999999999.00:00:00\"", "\"P4000D\""}) {
            Path file = write("""
                    [{"location": "westus", "time": "2022-05-17T20:00:00+00:00", "duration": %s, "rating": 60}]
                    """.formatted(duration));
            var e = assertThrows(InvalidTraceException.class, () -> CarbonAwareSdkJson.read(file, null, TraceFiles.Basis.LIFECYCLE));
            assertTrue(e.getMessage().contains("is longer than 10 years"), duration + ": " + e.getMessage());
        }
    }
}
