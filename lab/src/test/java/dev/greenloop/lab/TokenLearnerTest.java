package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fit on a made problem: texts are random bags of tokens, their targets the normalised sums of
 * a hidden "true" matrix; the student starts from a noisy copy of it.
 */
class TokenLearnerTest {

    private static final int TOKENS = 300;
    private static final int DIM = 16;

    @Test
    void fit_madeProblem_heldOutQualityRises_bestEpochKept_curveMetered() {
        Random r = new Random(7);
        float[][] truth = gaussian(r, TOKENS, DIM, 1);
        float[][] rows = new float[TOKENS][DIM];
        for (int i = 0; i < TOKENS; i++) {
            for (int d = 0; d < DIM; d++) {
                rows[i][d] = truth[i][d] + (float) (1.5 * r.nextGaussian());
            }
        }
        int[][] train = texts(r, 3000);
        int[][] held = texts(r, 300);
        TokenLearner learner = new TokenLearner(rows, 0.02);
        double start = learner.quality(held, targets(truth, held));
        try (TrainingMeter meter = new TrainingMeter()) {
            TokenLearner.Outcome o = learner.fit(train, targets(truth, train), held, targets(truth, held), start, 0, meter,
                    VariantBuilder.Progress.none());
            assertTrue(o.epochs().size() >= 2 && o.epochs().size() <= TokenLearner.MAX_EPOCHS, "epochs " + o.epochs().size());
            double best = o.epochs().stream().mapToDouble(TrainingCurve.Point::heldOutCosine).max().orElseThrow();
            assertTrue(best > start + 0.1, "held-out cosine %.3f -> %.3f".formatted(start, best));
            assertEquals(best, o.epochs().get(o.keptEpoch() - 1).heldOutCosine());
            assertEquals(best, learner.quality(held, targets(truth, held)), 1e-6, "the kept rows are the best epoch's");
            double joules = 0;
            double flops = 0;
            for (int e = 0; e < o.epochs().size(); e++) {
                TrainingCurve.Point p = o.epochs().get(e);
                assertEquals(e + 1, p.epoch());
                assertTrue(p.joules() >= joules && p.flops() > flops, "totals grow: " + p);
                joules = p.joules();
                flops = p.flops();
            }
            assertTrue(!o.stopReason().isEmpty());
        }
    }

    @Test
    void fit_startIsAlreadyTheTruth_noEpochBeatsIt_startRowsKept() {
        Random r = new Random(3);
        float[][] truth = gaussian(r, TOKENS, DIM, 1);
        float[][] rows = new float[TOKENS][];
        for (int i = 0; i < TOKENS; i++) {
            rows[i] = truth[i].clone();
        }
        int[][] train = texts(r, 500);
        int[][] held = texts(r, 100);
        TokenLearner learner = new TokenLearner(rows, 0.05);
        double start = learner.quality(held, targets(truth, held));
        try (TrainingMeter meter = new TrainingMeter()) {
            TokenLearner.Outcome o = learner.fit(train, targets(truth, train), held, targets(truth, held), start, 0, meter,
                    VariantBuilder.Progress.none());
            assertEquals(0, o.keptEpoch());
            assertEquals(TokenLearner.PATIENCE, o.epochs().size(), o.stopReason());
            assertTrue(o.stopReason().contains("no epoch beat the per-token student"), o.stopReason());
            for (int i = 0; i < TOKENS; i++) {
                assertArrayEquals(truth[i], rows[i]);
            }
        }
    }

    private static float[][] gaussian(Random r, int n, int d, double sd) {
        float[][] m = new float[n][d];
        for (float[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (sd * r.nextGaussian());
            }
        }
        return m;
    }

    private static int[][] texts(Random r, int n) {
        int[][] t = new int[n][];
        for (int i = 0; i < n; i++) {
            t[i] = new int[2 + r.nextInt(8)];
            for (int k = 0; k < t[i].length; k++) {
                t[i][k] = r.nextInt(TOKENS);
            }
        }
        return t;
    }

    private static float[][] targets(float[][] truth, int[][] texts) {
        List<float[]> out = new ArrayList<>();
        for (int[] t : texts) {
            float[] s = new float[DIM];
            for (int id : t) {
                for (int d = 0; d < DIM; d++) {
                    s[d] += truth[id][d];
                }
            }
            out.add(Embedder.normalise(s));
        }
        return out.toArray(float[][]::new);
    }
}
