package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Quality} on hand-made vectors whose answers are worked out by hand in each test. */
class QualityTest {

    /** A unit vector in the plane at {@code degrees}. */
    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    private static List<float[]> angles(double... degrees) {
        List<float[]> v = new ArrayList<>();
        for (double d : degrees) {
            v.add(at(d));
        }
        return v;
    }

    @Test
    void measure_cosines_meanAndMinimum() {
        // cos = 1 and cos(45°) = 0.70711; the second variant vector is not unit length, which does not matter.
        List<float[]> ref = List.of(new float[] {1, 0}, new float[] {0, 1});
        List<float[]> var = List.of(new float[] {2, 0}, new float[] {1, 1});
        Quality q = Quality.measure(ref, var, null);
        assertEquals((1 + Math.sqrt(0.5)) / 2, q.meanCosine().getAsDouble(), 1e-9);
        assertEquals(Math.sqrt(0.5), q.minCosine().getAsDouble(), 1e-9);
        assertFalse(q.knnAccuracy().isPresent(), "no labels, no accuracy");
        assertFalse(q.top10Overlap().isPresent(), "two texts have no neighbour to leave out");
    }

    @Test
    void measure_fewTexts_overlapOverTextsMinusTwoNeighbours() {
        // Reference at 0, 10, 25, 90 degrees; the variant swaps texts 1 and 3 (0, 90, 25, 10). With 4 texts k = 2:
        // ref neighbours {1,2} {0,2} {1,0} {2,1}; variant {3,2} {2,3} {3,0} {0,2}: every text shares one of two.
        Quality q = Quality.measure(angles(0, 10, 25, 90), angles(0, 90, 25, 10), null);
        assertEquals(2, q.overlapNeighbours());
        assertEquals(0.5, q.top10Overlap().getAsDouble(), 1e-12);
        assertEquals((2 + 2 * Math.cos(Math.toRadians(80))) / 4, q.meanCosine().getAsDouble(), 1e-6);
        assertEquals(Math.cos(Math.toRadians(80)), q.minCosine().getAsDouble(), 1e-6);
    }

    @Test
    void measure_twelveTexts_tenNeighbours_identicalIsOne() {
        List<float[]> v = angles(0, 7, 15, 24, 34, 45, 57, 70, 84, 99, 115, 132);
        Quality q = Quality.measure(v, v, null);
        assertEquals(10, q.overlapNeighbours());
        assertEquals(1.0, q.top10Overlap().getAsDouble(), 1e-12);
        assertEquals(1.0, q.meanCosine().getAsDouble(), 1e-6);
    }

    @Test
    void measure_twelveTexts_farthestSwapped_overlapCountsTheOneLeftOut() {
        // Texts on a line of angles; the variant moves text 11 (the farthest from text 0) next to text 0.
        // Text 0's ten nearest by the reference are 1..10; by the variant 11, 1..9: 9 of 10 in common.
        double[] refAngles = {0, 7, 15, 24, 34, 45, 57, 70, 84, 99, 115, 132};
        double[] varAngles = refAngles.clone();
        varAngles[11] = -3;
        Quality q = Quality.measure(angles(refAngles), angles(varAngles), null);
        assertTrue(q.top10Overlap().getAsDouble() < 1.0, "the move changes some neighbourhoods: " + q.top10Overlap());
    }

    @Test
    void measure_labels_fiveNearestMajority() {
        // Two tight clusters of four: each text's 5 nearest are its 3 cluster mates and the 2 nearest of the other: 3 to 2.
        List<float[]> v = angles(0, 5, 10, 15, 90, 95, 100, 105);
        List<String> labels = List.of("a", "a", "a", "a", "b", "b", "b", "b");
        Quality q = Quality.measure(v, v, labels);
        assertEquals(5, q.knnNeighbours());
        assertEquals(1.0, q.knnAccuracy().getAsDouble(), 1e-12);
    }

    @Test
    void measure_labelsTied_goToNearestNeighboursLabel() {
        // Five texts, k = 4 (all the others). Angles 0, 10, 22, 36, 53; labels x x y y x.
        // t0: x,y,y,x tie, nearest t1 (x): right.  t1: x,y,y,x tie, nearest t0 (10° vs 12°) x: right.
        // t2: x,x,y,x -> x: wrong.  t3: x,x,y,x -> x: wrong.  t4: x,x,y,y tie, nearest t3 (y): wrong.  2 of 5.
        List<float[]> v = angles(0, 10, 22, 36, 53);
        Quality q = Quality.measure(v, v, List.of("x", "x", "y", "y", "x"));
        assertEquals(4, q.knnNeighbours());
        assertEquals(0.4, q.knnAccuracy().getAsDouble(), 1e-12);
        assertEquals(0.4, Quality.knnAccuracy(v, List.of("x", "x", "y", "y", "x")).getAsDouble(), 1e-12);
    }

    @Test
    void measure_equalCosines_lowerIndexIsNearer() {
        // Text 0 is equally close to texts 1 and 2 (exact integer vectors); k = 1 is not reachable
        // with 3 texts for kNN (k = 2), so the tie shows in the vote: labels b, a vs own label a.
        List<float[]> v = List.of(new float[] {1, 0}, new float[] {1, 1}, new float[] {1, -1});
        Quality q = Quality.measure(v, v, List.of("a", "b", "a"));
        // t0: neighbours 1 (b) and 2 (a) at equal cosine, tie 1-1 -> the nearer by index, text 1: b, wrong.
        // t1: neighbours t0 (cos .707) a, t2 (cos 0) a -> a, wrong.  t2: t0 a, t1 b -> tie, nearest t0 a: right.
        assertEquals(1.0 / 3, q.knnAccuracy().getAsDouble(), 1e-12);
    }

    @Test
    void measure_otherDimension_noCosineButNeighbours() {
        List<float[]> ref = angles(0, 10, 25, 90);
        List<float[]> var = List.of(new float[] {1, 0, 0}, new float[] {0.98f, 0.17f, 0}, new float[] {0.9f, 0.42f, 0}, new float[] {0, 1, 0});
        Quality q = Quality.measure(ref, var, null);
        assertFalse(q.meanCosine().isPresent());
        assertEquals(1.0, q.top10Overlap().getAsDouble(), 1e-12);
    }

    @Test
    void measure_countsDiffer_throwsNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class, () -> Quality.measure(angles(0, 1, 2), angles(0, 1), null));
        assertTrue(e.getMessage().contains("3 reference vectors but 2 variant vectors"), e.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> Quality.measure(angles(0, 1), angles(0, 1), List.of("a")));
        assertTrue(l.getMessage().contains("1 labels for 2 texts"), l.getMessage());
    }
}
