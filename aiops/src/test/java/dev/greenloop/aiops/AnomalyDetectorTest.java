package dev.greenloop.aiops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A daily-like cycle with noise: 288 points a period, as NAB's 5-minute series. */
    private static double[] cycle(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian();
        }
        return v;
    }

    private static double[] scores(double[] values) {
        return scores(values, AnomalyDetector.Parameters.DEFAULT);
    }

    private static double[] scores(double[] values, AnomalyDetector.Parameters parameters) {
        AnomalyDetector d = new AnomalyDetector(parameters);
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = d.score(T0.plusSeconds(300L * i), values[i]);
        }
        return s;
    }

    private static double max(double[] s, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, s[i]);
        }
        return m;
    }

    @Test
    void score_isOnline_prefixScoresEqualTheWholeSeriesFirstScores() {
        double[] v = cycle(3000, 1);
        v[2000] = 200;
        double[] whole = scores(v);
        double[] prefix = scores(java.util.Arrays.copyOf(v, 1500));
        assertArrayEquals(prefix, java.util.Arrays.copyOf(whole, 1500));
    }

    @Test
    void score_clearSpike_scoresHigh_andAboveEverythingBefore() {
        double[] v = cycle(3000, 2);
        v[2000] = 200;
        double[] s = scores(v);
        assertTrue(s[2000] >= 0.9, "spike scored " + s[2000]);
        assertTrue(max(s, 1000, 2000) < s[2000] / 2, "before the spike: max " + max(s, 1000, 2000));
    }

    @Test
    void score_levelShift_scoresHigh() {
        double[] v = cycle(3000, 3);
        for (int i = 2000; i < v.length; i++) {
            v[i] += 60;
        }
        double[] s = scores(v);
        assertTrue(max(s, 2000, 2010) >= 0.9, "level shift scored " + max(s, 2000, 2010));
    }

    @Test
    void score_flatLine_scoresNothing() {
        double[] v = new double[2000];
        java.util.Arrays.fill(v, 42.0);
        for (double s : scores(v)) {
            assertEquals(0.0, s);
        }
    }

    @Test
    void score_isAlwaysWithinZeroAndOne() {
        Random r = new Random(4);
        double[] v = new double[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(r.nextGaussian() * 3);
        }
        for (double s : scores(v)) {
            assertTrue(s >= 0 && s <= 1, "score " + s);
        }
    }

    @Test
    void score_rejectsNonFiniteValuesAndTimeGoingBack() {
        AnomalyDetector d = new AnomalyDetector();
        assertThrows(IllegalArgumentException.class, () -> d.score(T0, Double.NaN));
        d.score(T0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.score(T0.minusSeconds(1), 1));
        assertTrue(e.getMessage().contains("time order"), e.getMessage());
    }

    @Test
    void score_valueFarPastTheRangeDuringTheQuiet_stillScores() {
        double[] v = cycle(3000, 5);
        for (int i = 2000; i < v.length; i++) {
            v[i] += 60;
        }
        v[2100] = 400;
        double[] s = scores(v);
        assertTrue(max(s, 2000, 2010) >= 0.9, "level shift scored " + max(s, 2000, 2010));
        assertTrue(s[2100] >= 0.9, "spike 100 points after a detection scored " + s[2100]);
        assertEquals(0.0, max(s, 2101, 2200), "the spike does not end the quiet");
    }

    @Test
    void score_spikesSuddenlyDenser_scoresOnlyThroughItsActivity() {
        Random r = new Random(6);
        double[] v = new double[3500];
        for (int i = 0; i < v.length; i++) {
            boolean spike = i < 3000 ? i % 200 == 0 : i % 10 == 0;
            v[i] = (spike ? 80 : 50) + r.nextGaussian();
        }
        AnomalyDetector.Parameters d = AnomalyDetector.Parameters.DEFAULT;
        AnomalyDetector.Parameters noActivity = new AnomalyDetector.Parameters(d.coarseBins(), d.fineBins(), d.coarseWeight(),
                d.dayBuckets(), d.dayBins(), d.dayWeight(), d.warmup(), d.damping(), d.detection(), d.activityAlpha(), d.activityBins(), 0);
        double with = max(scores(v), 3000, 3100);
        double without = max(scores(v, noActivity), 3000, 3100);
        assertTrue(with >= d.activityWeight(), "denser spikes scored " + with);
        assertTrue(without < d.detection(), "without the activity, denser spikes scored " + without);
    }

    @Test
    void parameters_rejectBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new AnomalyDetector.Parameters(0, 32, 0.5, 6, 8, 0.4, 50, 300, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new AnomalyDetector.Parameters(8, 32, 1.5, 6, 8, 0.4, 50, 300, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new AnomalyDetector.Parameters(8, 32, 0.5, 6, 8, 0.4, 50, 300, 0.25, 0, 8, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AnomalyDetector.Parameters(8, 32, 0.5, 6, 8, 0.4, 50, 300, 0.25, 0.1, 0, 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnomalyDetector.Parameters(8, 32, 0.5, 6, 8, 0.4, 50, 300, 0.25, 0.1, 8, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void parameters_withoutActivitySettings_takeTheDefaultOnes() {
        AnomalyDetector.Parameters d = AnomalyDetector.Parameters.DEFAULT;
        assertEquals(d, new AnomalyDetector.Parameters(d.coarseBins(), d.fineBins(), d.coarseWeight(), d.dayBuckets(), d.dayBins(),
                d.dayWeight(), d.warmup(), d.damping(), d.detection()));
    }
}
