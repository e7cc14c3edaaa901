package dev.greenloop.lab;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How close a variant's vectors are to the reference's (fp32) for the same texts, and how well they
 * classify. Immutable.
 *
 * <p>Neighbours are ranked by cosine similarity, highest first; equal cosines by text index, lower
 * first, so every figure is deterministic. A text is never its own neighbour.
 *
 * <ul>
 *   <li><b>Cosines</b>: for each text, cos(reference vector, variant vector); mean and minimum. Empty
 *       when the two have different dimensions (a reduced student).
 *   <li><b>Top-10 overlap</b>: for each text, |its 10 nearest other texts by the reference ∩ by the
 *       variant| / 10; the mean over the texts. With fewer than 12 texts, k = texts − 2 neighbours
 *       (so that at least one other text is left out and the overlap can be below 1); empty below 3
 *       texts. {@link #overlapNeighbours()} says which k was used.
 *   <li><b>kNN accuracy</b> (with labels): leave-one-out, each text takes the majority label of its
 *       5 nearest other texts by the variant's vectors; labels tied for the most votes go to the one
 *       held by the nearest of those neighbours. With fewer than 6 texts, k = texts − 1; empty below
 *       2 texts or without labels. {@link #knnNeighbours()} says which k was used.
 * </ul>
 *
 * @param texts how many texts were compared
 * @param meanCosine mean cosine to the reference; empty if the dimensions differ
 * @param minCosine minimum cosine to the reference; empty if the dimensions differ
 * @param top10Overlap mean neighbour overlap in [0, 1]; empty below 3 texts
 * @param overlapNeighbours the k of the overlap: 10, or fewer for few texts (0 when empty)
 * @param knnAccuracy leave-one-out accuracy in [0, 1] of the variant's vectors; empty without labels or below 2 texts
 * @param knnNeighbours the k of the kNN vote: 5, or fewer for few texts (0 when empty)
 */
public record Quality(int texts, OptionalDouble meanCosine, OptionalDouble minCosine, OptionalDouble top10Overlap, int overlapNeighbours,
        OptionalDouble knnAccuracy, int knnNeighbours) {

    /** Neighbours compared by the overlap. */
    public static final int OVERLAP_K = 10;
    /** Neighbours voting in the kNN accuracy. */
    public static final int KNN_K = 5;

    /**
     * Compares a variant's vectors with the reference's.
     *
     * @param reference the reference's vectors, one per text
     * @param variant the variant's vectors for the same texts, in the same order
     * @param labels one label per text, or null (or empty) for no kNN accuracy
     * @return the figures
     * @throws IllegalArgumentException naming the counts if the lists differ in length, or naming the
     *     text if vectors within one list differ in dimension
     */
    public static Quality measure(List<float[]> reference, List<float[]> variant, List<String> labels) {
        int n = reference.size();
        if (variant.size() != n) {
            throw new IllegalArgumentException("%d reference vectors but %d variant vectors: they must be for the same texts".formatted(n, variant.size()));
        }
        boolean labelled = labels != null && !labels.isEmpty();
        if (labelled && labels.size() != n) {
            throw new IllegalArgumentException("%d labels for %d texts: give one label per text".formatted(labels.size(), n));
        }
        double[][] ref = normalised(reference, "reference");
        double[][] var = normalised(variant, "variant");
        OptionalDouble mean = OptionalDouble.empty();
        OptionalDouble min = OptionalDouble.empty();
        if (n > 0 && ref[0].length == var[0].length) {
            double sum = 0;
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double c = dot(ref[i], var[i]);
                sum += c;
                lowest = Math.min(lowest, c);
            }
            mean = OptionalDouble.of(sum / n);
            min = OptionalDouble.of(lowest);
        }
        int overlapK = n >= OVERLAP_K + 2 ? OVERLAP_K : Math.max(0, n - 2);
        int knnK = labelled ? Math.min(KNN_K, Math.max(0, n - 1)) : 0;
        double overlapSum = 0;
        int correct = 0;
        double[] refRow = new double[n];
        double[] varRow = new double[n];
        for (int i = 0; i < n; i++) {
            if (overlapK == 0 && knnK == 0) {
                break;
            }
            similarities(var, i, varRow);
            int[] varNearest = nearest(varRow, i, Math.max(overlapK, knnK));
            if (overlapK > 0) {
                similarities(ref, i, refRow);
                int[] refNearest = nearest(refRow, i, overlapK);
                overlapSum += (double) common(refNearest, varNearest, overlapK) / overlapK;
            }
            if (knnK > 0 && vote(labels, varNearest, knnK).equals(labels.get(i))) {
                correct++;
            }
        }
        return new Quality(n, mean, min, overlapK == 0 ? OptionalDouble.empty() : OptionalDouble.of(overlapSum / n), overlapK,
                knnK == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correct / n), knnK);
    }

    /**
     * The leave-one-out kNN accuracy of one set of vectors, as {@link #knnAccuracy()} (the reference's own accuracy).
     *
     * @throws IllegalArgumentException naming the counts if there is not one label per vector
     */
    public static OptionalDouble knnAccuracy(List<float[]> vectors, List<String> labels) {
        return measure(vectors, vectors, labels).knnAccuracy();
    }

    private static double[][] normalised(List<float[]> vectors, String which) {
        double[][] out = new double[vectors.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] v = vectors.get(i);
            if (v.length != vectors.getFirst().length) {
                throw new IllegalArgumentException("%s vector %d has %d dimensions, vector 0 has %d".formatted(which, i, v.length, vectors.getFirst().length));
            }
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            // A zero vector has cosine 0 to everything (not NaN): it points nowhere.
            double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            out[i] = new double[v.length];
            for (int d = 0; d < v.length; d++) {
                out[i][d] = v[d] * scale;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    private static void similarities(double[][] v, int i, double[] row) {
        for (int j = 0; j < v.length; j++) {
            row[j] = j == i ? Double.NEGATIVE_INFINITY : dot(v[i], v[j]);
        }
    }

    /** The k indices other than {@code self} with the highest similarity, nearest first; ties by lower index. */
    private static int[] nearest(double[] row, int self, int k) {
        int[] best = new int[k];
        int size = 0;
        for (int j = 0; j < row.length; j++) {
            if (j == self) {
                continue;
            }
            // Insertion into a short sorted list: k is 10 at most, so this beats sorting the row.
            int at = size;
            while (at > 0 && row[best[at - 1]] < row[j]) {
                at--;
            }
            if (at < k) {
                int last = Math.min(size, k - 1);
                System.arraycopy(best, at, best, at + 1, last - at);
                best[at] = j;
                size = Math.min(size + 1, k);
            }
        }
        return Arrays.copyOf(best, size);
    }

    private static int common(int[] a, int[] b, int k) {
        int c = 0;
        for (int x = 0; x < k; x++) {
            for (int y = 0; y < k; y++) {
                if (a[x] == b[y]) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    private static String vote(List<String> labels, int[] nearest, int k) {
        Map<String, Integer> votes = new HashMap<>();
        int most = 0;
        for (int x = 0; x < k; x++) {
            most = Math.max(most, votes.merge(labels.get(nearest[x]), 1, Integer::sum));
        }
        for (int x = 0; x < k; x++) {
            String l = labels.get(nearest[x]);
            if (votes.get(l) == most) {
                return l; // the nearest neighbour among the labels tied for the most votes
            }
        }
        throw new AssertionError("k >= 1 neighbours always give a majority");
    }
}
