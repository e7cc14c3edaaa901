package dev.greenloop.aiops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greenloop.aiops.NabScorer.Profile;
import dev.greenloop.aiops.NabScorer.Scored;
import dev.greenloop.aiops.NabScorer.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {

    /** 100 rows: probation is floor(0.15 * 100) = 15 rows; one window at rows 40..59 (width 20). */
    private static Scored file(int... detections) {
        double[] scores = new double[100];
        for (int i : detections) {
            scores[i] = 1.0;
        }
        return new Scored("f.csv", scores, List.of(new Window(40, 59)));
    }

    @Test
    void probation_isFifteenPercentCappedAt750() {
        assertEquals(15, NabScorer.probation(100));
        assertEquals(604, NabScorer.probation(4032));
        assertEquals(750, NabScorer.probation(10_000));
    }

    @Test
    void scaledSigmoid_matchesNab() {
        assertEquals(2 / (1 + Math.exp(-5)) - 1, NabScorer.scaledSigmoid(-1), 1e-12);
        assertEquals(0.0, NabScorer.scaledSigmoid(0), 1e-12);
        assertEquals(-1.0, NabScorer.scaledSigmoid(3.5), 1e-12);
    }

    @Test
    void score_detectionAtWindowStart_earnsOneTruePositive() {
        NabScorer.Result r = NabScorer.at(Profile.STANDARD, List.of(file(40)), 0.5);
        assertEquals(1.0, r.raw(), 1e-12);
        assertEquals(100.0, r.score(), 1e-9);
        assertEquals(1, r.tp());
        assertEquals(0, r.fn());
    }

    @Test
    void score_onlyTheFirstDetectionInAWindowCounts_laterOnesEarnLess() {
        // Row 50 of 40..59: y = -(59 - 50 + 1) / 20 = -0.5.
        double mid = NabScorer.scaledSigmoid(-0.5) / NabScorer.scaledSigmoid(-1);
        assertEquals(mid, NabScorer.at(Profile.STANDARD, List.of(file(50, 55)), 0.5).raw(), 1e-12);
        assertEquals(1.0, NabScorer.at(Profile.STANDARD, List.of(file(40, 50)), 0.5).raw(), 1e-12);
    }

    @Test
    void score_missedWindow_costsFalseNegativeWeight() {
        NabScorer.Result standard = NabScorer.at(Profile.STANDARD, List.of(file()), 0.5);
        assertEquals(-1.0, standard.raw(), 1e-12);
        assertEquals(0.0, standard.score(), 1e-12);
        assertEquals(-2.0, NabScorer.at(Profile.REWARD_LOW_FN_RATE, List.of(file()), 0.5).raw(), 1e-12);
    }

    @Test
    void score_falsePositiveBeforeAnyWindow_costsFullFpWeight() {
        NabScorer.Result r = NabScorer.at(Profile.STANDARD, List.of(file(20, 40)), 0.5);
        assertEquals(1.0 - 0.11, r.raw(), 1e-12);
        assertEquals(1, r.fp());
        assertEquals(1.0 - 0.22, NabScorer.at(Profile.REWARD_LOW_FP_RATE, List.of(file(20, 40)), 0.5).raw(), 1e-12);
    }

    @Test
    void score_falsePositiveJustAfterWindow_costsLessThanFarOne() {
        // Row 61: y = |59 - 61| / (20 - 1); row 99: y = 40 / 19 > 2.
        double near = NabScorer.at(Profile.STANDARD, List.of(file(40, 61)), 0.5).raw() - 1.0;
        assertEquals(0.11 * NabScorer.scaledSigmoid(2.0 / 19), near, 1e-12);
        double far = NabScorer.at(Profile.STANDARD, List.of(file(40, 99)), 0.5).raw() - 1.0;
        assertEquals(0.11 * NabScorer.scaledSigmoid(40.0 / 19), far, 1e-12);
    }

    @Test
    void score_detectionsInProbation_areNotScored() {
        NabScorer.Result r = NabScorer.at(Profile.STANDARD, List.of(file(5, 14, 40)), 0.5);
        assertEquals(1.0, r.raw(), 1e-12);
        assertEquals(0, r.fp());
    }

    @Test
    void score_choosesTheThresholdThatMaximisesTheTotal() {
        double[] scores = new double[100];
        scores[30] = 0.9; // a false positive above the window's score
        scores[45] = 0.6;
        Scored f = new Scored("f.csv", scores, List.of(new Window(40, 59)));
        NabScorer.Result best = NabScorer.score(Profile.STANDARD, List.of(f));
        assertEquals(0.6, best.threshold(), 1e-12);
        assertEquals(NabScorer.at(Profile.STANDARD, List.of(f), 0.6).raw(), best.raw(), 1e-12);
        assertEquals(1, best.tp());
        assertEquals(1, best.fp());
    }
}
