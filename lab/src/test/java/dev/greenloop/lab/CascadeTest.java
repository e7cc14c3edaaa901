package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascade's arithmetic on made numbers: the fits, the budgeted threshold, the features, and the stored rule. */
class CascadeTest {

    @Test
    void ridge_exactLinearMap_recovered() {
        Random r = new Random(3);
        double[][] w = {{1, -2}, {0.5, 3}, {-1, 0.25}};
        double[][] x = new double[200][3];
        double[][] y = new double[200][2];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 3; c++) {
                x[i][c] = r.nextGaussian();
            }
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < 3; c++) {
                    y[i][j] += x[i][c] * w[c][j];
                }
            }
        }
        double[] fit = Cascade.ridge(x, y, 1e-9);
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(w[c][j], fit[c * 2 + j], 1e-6, "w[" + c + "][" + j + "]");
            }
        }
    }

    @Test
    void ridge_singular_labExceptionNamingIt() {
        double[][] x = {{1, 1}, {1, 1}, {1, 1}}; // XᵀX has rank 1, and no ridge
        double[][] y = {{1}, {2}, {3}};
        LabException e = assertThrows(LabException.class, () -> Cascade.ridge(x, y, 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    @Test
    void threshold_routesLowestConfidenceWithinTheBudget() {
        double[] confidence = {0.9, 0.1, 0.5, 0.3, 0.7};
        double[] cost = {1, 1, 1, 1, 1};
        assertEquals(0.5, Cascade.threshold(confidence, cost, 0.4), "0.1 and 0.3 fit in 2 of 5");
        assertEquals(0.1, Cascade.threshold(confidence, cost, 0.1), "nothing fits: the lowest is the threshold, the teacher answers none");
        assertEquals(Double.MAX_VALUE, Cascade.threshold(confidence, cost, 1.0), "all fit: the teacher answers all");
    }

    @Test
    void threshold_weighsByCost_notByCount() {
        double[] confidence = {0.1, 0.2, 0.3, 0.4};
        double[] cost = {7, 1, 1, 1};
        assertEquals(0.1, Cascade.threshold(confidence, cost, 0.5), "the one costly text does not fit in half");
        assertEquals(0.4, Cascade.threshold(confidence, cost, 0.9));
    }

    @Test
    void threshold_budgetOutOfRange_refusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cascade.threshold(new double[1], new double[1], 0));
        assertTrue(e.getMessage().contains("budget 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cascade.threshold(new double[1], new double[1], 1.5));
    }

    @Test
    void features_countUnknownPiecesOverflowAndCoherence() {
        boolean[] piece = {false, false, true, false};
        Cascade.Vocabulary vocab = new Cascade.Vocabulary(3, piece);
        float[][] sameDirection = {{1, 0}, {2, 0}, {1, 0}, {1, 0}};
        double[] f = Cascade.features(new int[] {0, 2, 3, 1}, sameDirection, vocab, 2, 4, 0.8);
        assertEquals(Math.log1p(4), f[0], 1e-12);
        assertEquals(2.0 / 6, f[1], 1e-12, "6 tokens with the specials, 4 seen");
        assertEquals(0.25, f[2], 1e-12, "one [UNK]");
        assertEquals(0.25, f[3], 1e-12, "one ## piece");
        assertEquals(1.0, f[4], 1e-12, "rows all one way");
        assertEquals(0.8, f[5], 1e-12);
        float[][] opposite = {{1, 0}, {-1, 0}};
        assertEquals(0.0, Cascade.features(new int[] {0, 1}, opposite, vocab, 2, 512, 1)[4], 1e-12, "rows that cancel");
        double[] empty = Cascade.features(new int[0], new float[0][], vocab, 2, 512, 1);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1}, empty, 1e-12);
    }

    @Test
    void confidence_standardisedLinearModel() {
        Cascade.Rule rule = new Cascade.Rule(1, 1, new float[2], new double[] {1, 0, 0, 0, 0, 0}, new double[] {2, 1, 1, 1, 1, 1},
                new double[] {0.5, 0.1, 0, 0, 0, 0, -0.2}, 0.4);
        assertEquals(0.5 + 0.1 * (5 - 1) / 2 - 0.2 * 3, Cascade.confidence(rule, new double[] {5, 0, 0, 0, 0, 3}), 1e-12);
    }

    @Test
    void project_appliesTheMapWithItsConstantRow_andGivesTheNorm() {
        // 2 student dimensions + the constant row, to 2 teacher dimensions.
        Cascade.Rule rule = new Cascade.Rule(2, 2, new float[] {1, 0, 0, 2, 3, 4}, new double[6], new double[6], new double[7], 0);
        float[] p = Cascade.project(rule, new float[] {1, 1});
        assertArrayEquals(new float[] {4, 6, (float) Math.sqrt(52)}, p, 1e-6f);
    }

    @Test
    void writeThenRead_sameRule(@TempDir Path dir) throws Exception {
        Cascade.Rule rule = new Cascade.Rule(2, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new double[] {1, 2, 3, 4, 5, 6},
                new double[] {1, 1, 1, 2, 2, 2}, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, 0.75);
        Cascade.write(dir, rule, "  \"label\": \"x cascade\",\n");
        Cascade.Rule back = Cascade.read(dir);
        assertArrayEquals(rule.projection(), back.projection());
        assertArrayEquals(rule.featureMean(), back.featureMean());
        assertArrayEquals(rule.featureScale(), back.featureScale());
        assertArrayEquals(rule.beta(), back.beta());
        assertEquals(0.75, back.threshold());
        assertEquals(2, back.studentDimension());
        assertEquals(3, back.teacherDimension());
    }

    @Test
    void read_notCalibrated_labExceptionNamingTheFolder(@TempDir Path dir) {
        LabException e = assertThrows(LabException.class, () -> Cascade.read(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("not a calibrated cascade"), e.getMessage());
    }

    @Test
    void pearson_perfectAndNone() {
        assertEquals(1.0, Cascade.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
        assertEquals(-1.0, Cascade.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertEquals(0.0, Cascade.pearson(new double[] {1, 1, 1}, new double[] {3, 2, 1}), 1e-12);
    }
}
