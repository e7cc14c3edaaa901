package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabResultsJsonTest {

    @TempDir
    Path dir;

    static LabResult result(boolean labelled) {
        RunnerSettings s = new RunnerSettings(1, 1, 1, false, RunnerSettings.Optimization.ALL, 32);
        Profile fp32 = new Profile("fp32 label", 3, 2, 0.002, 0.01, Provenance.MODELLED, 1.5, Double.NaN, 3, 250.0, 1, 2.0e6, 12.5, 0, 1000,
                OptionalLong.of(5000));
        Profile int8 = new Profile("int8 label", 3, 2, 0.001, 0.004, Provenance.MODELLED, 0.75, 1.25, 3, 500.0, 2, 2.0e6, 12.5, 1, 250,
                OptionalLong.empty());
        Quality ref = new Quality(3, OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(1), 2,
                labelled ? OptionalDouble.of(0.5) : OptionalDouble.empty(), labelled ? 2 : 0);
        Quality q = new Quality(3, OptionalDouble.of(0.99), OptionalDouble.of(0.98), OptionalDouble.empty(), 2, OptionalDouble.empty(), labelled ? 2 : 0);
        return new LabResult("all-minilm-l6-v2", 3, labelled,
                List.of(new LabResult.Row("fp32", s, fp32, ref, EnergyLabel.E), new LabResult.Row("int8", s, int8, q, EnergyLabel.B)));
    }

    private static String json(LabResult r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LabResultsJson.write(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void write_keysInOrder_nullsForAbsentFigures() throws IOException {
        String json = json(result(false));
        String[] keys = {"\"model\"", "\"variants\"", "\"variant\"", "\"cpuSecondsPerQuery\"", "\"joulesPerQuery\"", "\"provenance\"", "\"latencyMsP50\"",
            "\"meanCosineToReference\"", "\"minCosineToReference\"", "\"flopsPerQuery\"", "\"sizeBytes\"", "\"latencyMsP95\"", "\"latencyTexts\"",
            "\"throughputPerSecond\"", "\"passesPerRound\"", "\"top10Overlap\"", "\"overlapNeighbours\"", "\"peakRssBytes\"", "\"energyLabel\"",
            "\"meanTokens\"", "\"truncated\"", "\"rounds\"", "\"label\"", "\"settingsName\"", "\"settings\"", "\"intraOpThreads\"", "\"interOpThreads\"",
            "\"workers\"", "\"spinning\"", "\"batchSize\"", "\"optimization\"", "\"texts\"", "\"labelled\"", "\"reference\"", "\"energyLabelRule\"",
            "\"processors\""};
        int at = 0;
        for (String k : keys) {
            int i = json.indexOf(k, at);
            assertTrue(i >= at, k + " after position " + at + " in " + json);
            at = i;
        }
        assertTrue(json.startsWith("{\n  \"model\" : \"all-minilm-l6-v2\",\n  \"variants\" : [ {\n    \"variant\" : \"fp32\","), json);
        assertTrue(json.contains("\"latencyMsP95\" : null"), json);
        assertTrue(json.contains("\"peakRssBytes\" : 5000") && json.contains("\"peakRssBytes\" : null"), json);
        assertTrue(!json.contains("knnAccuracy"), "no kNN keys without labels");
        assertTrue(json.endsWith("}" + System.lineSeparator()), json);
    }

    @Test
    void readWrite_roundTrip_sameBytes() throws IOException {
        for (boolean labelled : new boolean[] {false, true}) {
            String json = json(result(labelled));
            Path file = Files.writeString(dir.resolve("r-" + labelled + ".json"), json);
            LabResult back = LabResultsJson.read(file);
            assertEquals(labelled, back.labelled());
            assertEquals(json, json(back));
        }
    }

    @Test
    void read_notAResult_namesTheFile() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertEquals(missing + ": no such file", assertThrows(LabResultsJson.MalformedResultException.class, () -> LabResultsJson.read(missing)).getMessage());
        Path array = Files.writeString(dir.resolve("a.json"), "[1]");
        assertTrue(assertThrows(LabResultsJson.MalformedResultException.class, () -> LabResultsJson.read(array)).getMessage()
                .startsWith(array + " is not a JSON object"));
        Path notJson = Files.writeString(dir.resolve("n.json"), "{x");
        assertTrue(assertThrows(LabResultsJson.MalformedResultException.class, () -> LabResultsJson.read(notJson)).getMessage()
                .startsWith(notJson + " is not JSON"));
        Path other = Files.writeString(dir.resolve("o.json"), "{\"model\": \"m\"}");
        assertTrue(assertThrows(LabResultsJson.MalformedResultException.class, () -> LabResultsJson.read(other)).getMessage()
                .startsWith(other + " is not a lab profile or sweep result"));
    }
}
