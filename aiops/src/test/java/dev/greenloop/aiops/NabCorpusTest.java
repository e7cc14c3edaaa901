package dev.greenloop.aiops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.InputTooLargeException;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector on the 28 NAB files of the shared data, scored with NAB's rules: a regression guard. */
class NabCorpusTest {

    /** The standard score measured with {@link AnomalyDetector.Parameters#DEFAULT} (docs/anomalies.md), less a margin. */
    private static final double STANDARD_FLOOR = 71.72 - 0.5;

    @Test
    void evaluate_defaultParameters_keepsTheMeasuredStandardScore() throws IOException {
        Path dir = SharedData.anomaly("windows.json").getParent();
        NabCorpus corpus = NabCorpus.load(dir);
        assertEquals(28, corpus.files().size());
        assertEquals(36, corpus.files().stream().mapToInt(f -> f.windows().size()).sum());
        List<NabScorer.Result> results = corpus.evaluate(AnomalyDetector.Parameters.DEFAULT);
        NabScorer.Result standard = results.getFirst();
        assertEquals(NabScorer.Profile.STANDARD, standard.profile());
        assertTrue(standard.score() >= STANDARD_FLOOR, "standard NAB score fell to " + standard.score());
        assertEquals(-36.0, standard.nullRaw(), 1e-9);
        assertEquals(36.0, standard.perfectRaw(), 1e-9);
    }

    @Test
    void load_windowsJsonLargerThanTheLimit_refusedNamingItAndTheLimit_notReadWhole(@TempDir Path dir) throws IOException {
        // Blanks are valid JSON around nothing: read whole, this was an empty corpus; a device such as /dev/zero never ended.
        Path windows = dir.resolve("windows.json");
        try (var out = Files.newOutputStream(windows)) {
            byte[] blanks = new byte[1 << 16];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i <= NabCorpus.MAX_WINDOWS_BYTES / blanks.length; i++) {
                out.write(blanks);
            }
        }
        InputTooLargeException e = assertThrows(InputTooLargeException.class, () -> NabCorpus.load(dir));
        assertTrue(e.getMessage().contains(windows.toString()) && e.getMessage().contains("1 MiB"), e.getMessage());
    }

    @Test
    void load_windowsJsonOfTheLimit_isRead(@TempDir Path dir) throws IOException {
        String json = "{\"a.csv\": []}";
        Files.writeString(dir.resolve("windows.json"), json + " ".repeat(NabCorpus.MAX_WINDOWS_BYTES - json.length()));
        Files.writeString(dir.resolve("a.csv"), "timestamp,value\n2014-01-01 00:00:00,1\n");
        assertEquals(1, NabCorpus.load(dir).files().size());
    }

    @Test
    void parseWindows_readsNabShape() {
        var w = NabCorpus.parseWindows("{\"a/x.csv\": [], \"b/y.csv\": [[\"2014-01-01 00:00:00.000000\", \"2014-01-02 00:00:00.000000\"]]}", "w.json");
        assertEquals(List.of("a/x.csv", "b/y.csv"), List.copyOf(w.keySet()));
        assertEquals("2014-01-02 00:00:00.000000", w.get("b/y.csv").getFirst()[1]);
    }
}
