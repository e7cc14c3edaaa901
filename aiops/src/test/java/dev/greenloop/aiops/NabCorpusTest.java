package dev.greenloop.aiops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void parseWindows_readsNabShape() {
        var w = NabCorpus.parseWindows("{\"a/x.csv\": [], \"b/y.csv\": [[\"2014-01-01 00:00:00.000000\", \"2014-01-02 00:00:00.000000\"]]}", "w.json");
        assertEquals(List.of("a/x.csv", "b/y.csv"), List.copyOf(w.keySet()));
        assertEquals("2014-01-02 00:00:00.000000", w.get("b/y.csv").getFirst()[1]);
    }
}
