package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fits a static student's rows to a teacher's sentence vectors, after Model2Vec's "tokenlearn"
 * (MinishLab): the targets are the teacher's vectors of corpus texts (projected by the student's
 * PCA), the student's vector of a text is the sum of its tokens' rows, and the rows are fitted so
 * that its direction matches the target's. Measured hot path of {@code lab distill --corpus}.
 *
 * <ul>
 *   <li><b>Loss</b>: {@code 1 − cos(Σ_t W[t], y)} per text, the quantity {@link StaticEncoder}'s
 *       normalised sum is judged by; mini-batches of {@link #BATCH} texts in a seeded order.
 *   <li><b>Optimiser</b>: Adam (Kingma and Ba 2015; β₁ 0.9, β₂ 0.999, ε 1e-8) on the rows a batch
 *       touches only (lazy Adam); untouched rows keep their per-token values.
 *   <li><b>Start</b>: the per-token student (PCA rows with Zipf weights), so tokens the corpus never
 *       shows keep a useful row and the weights are a starting point the fit re-learns as row norms.
 *   <li><b>Early stop</b>: after each epoch the held-out quality {@code q} (mean cosine to the
 *       teacher) and the energy of the epoch are measured. Training stops after epoch {@code e} when
 *       its gain per joule {@code (q_e − q_{e−1}) / J_e} falls below {@link #STOP_SHARE} of the first
 *       epoch's, or when {@code q} has not improved for {@link #PATIENCE} epochs, or at
 *       {@link #MAX_EPOCHS}. The matrix of the best held-out epoch is kept.
 * </ul>
 */
final class TokenLearner {

    static final int BATCH = 64;
    static final int MAX_EPOCHS = 30;
    static final double STOP_SHARE = 0.05;
    static final int PATIENCE = 2;
    static final double LEARNING_RATE = 0.002;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final float[][] rows;
    private final int dimension;
    private final float[][] m;
    private final float[][] v;
    private final double learningRate;
    private long step;

    TokenLearner(float[][] rows, double learningRate) {
        this.rows = rows;
        this.dimension = rows[0].length;
        this.m = new float[rows.length][];
        this.v = new float[rows.length][];
        this.learningRate = learningRate;
    }

    /** What the fit ended with. */
    record Outcome(List<TrainingCurve.Point> epochs, int keptEpoch, String stopReason) {
    }

    /**
     * Trains {@code rows} in place, metering every epoch, and leaves the best epoch's rows in them.
     *
     * @param train token ids of the training texts; {@code trainTargets} their targets
     * @param heldOut token ids of the held-out texts; {@code heldOutTargets} their targets
     * @param start the held-out quality before training
     * @param joulesBefore the meter's energy total before the first epoch
     */
    Outcome fit(int[][] train, float[][] trainTargets, int[][] heldOut, float[][] heldOutTargets, double start, double joulesBefore, TrainingMeter meter,
            VariantBuilder.Progress progress) {
        List<TrainingCurve.Point> points = new ArrayList<>();
        float[][] best = copy(rows);
        double bestQuality = start;
        int bestEpoch = 0;
        double previous = start;
        double previousJoules = joulesBefore;
        double firstRate = Double.NaN;
        int sinceBest = 0;
        String reason = "reached %d epochs".formatted(MAX_EPOCHS);
        Random random = new Random(1);
        int[] order = new int[train.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= MAX_EPOCHS; epoch++) {
            String stage = "training epoch " + epoch;
            progress.update(stage, 0, train.length);
            meter.begin();
            shuffle(order, random);
            double flops = 0;
            for (int from = 0; from < order.length; from += BATCH) {
                flops += batch(train, trainTargets, order, from, Math.min(order.length, from + BATCH));
                progress.update(stage, Math.min(order.length, from + BATCH), train.length);
            }
            double quality = quality(heldOut, heldOutTargets);
            flops += evaluationFlops(heldOut);
            TrainingCurve.Point p = meter.end(epoch, stage, flops, quality);
            double epochJoules = p.joules() - previousJoules;
            previousJoules = p.joules();
            points.add(p);
            double rate = (quality - previous) / Math.max(epochJoules, 1e-9);
            previous = quality;
            if (quality > bestQuality) {
                bestQuality = quality;
                bestEpoch = epoch;
                best = copy(rows);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            if (epoch == 1) {
                firstRate = rate;
            }
            if (sinceBest >= PATIENCE) {
                reason = "held-out quality did not improve for %d epochs".formatted(PATIENCE);
                break;
            }
            if (epoch > 1 && firstRate > 0 && rate < STOP_SHARE * firstRate) {
                reason = "epoch %d gained %.3g per joule, under %.0f %% of epoch 1's %.3g".formatted(epoch, rate, 100 * STOP_SHARE, firstRate);
                break;
            }
        }
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(best[i], 0, rows[i], 0, dimension);
        }
        if (bestEpoch == 0) {
            reason += "; no epoch beat the per-token student, which is kept";
        }
        return new Outcome(points, bestEpoch, reason);
    }

    /** One mini-batch: the loss's gradient on the rows the batch touches, then a lazy Adam step on them. Returns the FLOPs counted. */
    private double batch(int[][] ids, float[][] targets, int[] order, int from, int to) {
        Map<Integer, float[]> grads = new HashMap<>();
        float[] s = new float[dimension];
        float[] g = new float[dimension];
        double flops = 0;
        for (int k = from; k < to; k++) {
            int[] t = ids[order[k]];
            if (t.length == 0) {
                continue;
            }
            float[] y = targets[order[k]];
            sum(t, s);
            double ss = 0;
            double sy = 0;
            for (int d = 0; d < dimension; d++) {
                ss += s[d] * s[d];
                sy += s[d] * y[d];
            }
            double norm = Math.sqrt(ss);
            if (norm == 0) {
                continue;
            }
            double cos = sy / norm; // y is unit length
            // d(1 − cos)/ds = −(y − cos · s/|s|) / |s|
            for (int d = 0; d < dimension; d++) {
                g[d] = (float) (-(y[d] - cos * s[d] / norm) / norm);
            }
            for (int id : t) {
                float[] acc = grads.computeIfAbsent(id, x -> new float[dimension]);
                for (int d = 0; d < dimension; d++) {
                    acc[d] += g[d];
                }
            }
            // sum L·D, norm and dot 2·D multiply-adds, gradient 3·D, accumulation L·D: × 2 FLOPs each
            flops += 2.0 * (2.0 * t.length * dimension + 5.0 * dimension);
        }
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        double scale = 1.0 / (to - from);
        for (Map.Entry<Integer, float[]> e : grads.entrySet()) {
            int id = e.getKey();
            float[] grad = e.getValue();
            if (m[id] == null) {
                m[id] = new float[dimension];
                v[id] = new float[dimension];
            }
            float[] mi = m[id];
            float[] vi = v[id];
            float[] row = rows[id];
            for (int d = 0; d < dimension; d++) {
                double gd = grad[d] * scale;
                mi[d] = (float) (BETA1 * mi[d] + (1 - BETA1) * gd);
                vi[d] = (float) (BETA2 * vi[d] + (1 - BETA2) * gd * gd);
                row[d] -= (float) (learningRate * (mi[d] / c1) / (Math.sqrt(vi[d] / c2) + EPS));
            }
            flops += 12.0 * dimension; // two moment updates, bias corrections, square root, division, step
        }
        return flops;
    }

    /** Mean cosine between the student's sums and the (unit) targets; texts of no tokens count 0. */
    double quality(int[][] ids, float[][] targets) {
        float[] s = new float[dimension];
        double total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length == 0) {
                continue;
            }
            sum(ids[i], s);
            double ss = 0;
            double sy = 0;
            for (int d = 0; d < dimension; d++) {
                ss += s[d] * s[d];
                sy += s[d] * targets[i][d];
            }
            total += ss == 0 ? 0 : sy / Math.sqrt(ss);
        }
        return ids.length == 0 ? Double.NaN : total / ids.length;
    }

    /** FLOPs of one {@link #quality} pass: L·D + 2·D multiply-adds per text. */
    double evaluationFlops(int[][] ids) {
        double f = 0;
        for (int[] t : ids) {
            f += 2.0 * ((double) t.length * dimension + 2.0 * dimension);
        }
        return f;
    }

    private void sum(int[] ids, float[] s) {
        java.util.Arrays.fill(s, 0f);
        for (int id : ids) {
            float[] row = rows[id];
            for (int d = 0; d < dimension; d++) {
                s[d] += row[d];
            }
        }
    }

    /** Fisher–Yates, in place. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
