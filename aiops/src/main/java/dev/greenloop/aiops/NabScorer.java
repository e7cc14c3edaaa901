package dev.greenloop.aiops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scores anomaly scores against labelled windows with the rules of the Numenta Anomaly Benchmark (NAB; numenta/NAB,
 * {@code nab/scorer.py} and {@code nab/sweeper.py}, read for the rules, not copied):
 * <ul>
 * <li>the first 15 % of each file, at most 750 rows ({@code min(floor(0.15 n), 0.15 * 5000)}), is probation and not
 *     scored;
 * <li>a row is a detection when its score is at or above the threshold;
 * <li>only the first detection in a window counts: weight {@code TP * σ(y) / σ(-1)} with the scaled sigmoid
 *     {@code σ(y) = 2 / (1 + e^(5y)) - 1} and {@code y = -(right - i + 1) / width} (−1 at the window's first row, near
 *     0 at its last);
 * <li>a window without a detection costs {@code -FN};
 * <li>a detection outside every window costs {@code FP * σ(|i - prevRight| / (prevWidth - 1))} after a window
 *     (σ is −1 beyond 3 widths), and {@code -FP} before the first window;
 * <li>the threshold is chosen once for all files to maximise the total, and the total is normalised
 *     {@code 100 (S - S_null) / (S_perfect - S_null)}, where the null detector detects nothing and the perfect one
 *     detects each window at its first row.
 * </ul>
 */
public final class NabScorer {

    private NabScorer() {
    }

    /**
     * NAB's application profiles ({@code config/profiles.json}): weights of a true positive, a false positive and a
     * false negative.
     */
    public enum Profile {
        /** TP 1, FP 0.11, FN 1. */
        STANDARD("standard", 1.0, 0.11, 1.0),
        /** TP 1, FP 0.22, FN 1. */
        REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 0.22, 1.0),
        /** TP 1, FP 0.11, FN 2. */
        REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 0.11, 2.0);

        private final String nabName;
        private final double tp;
        private final double fp;
        private final double fn;

        Profile(String nabName, double tp, double fp, double fn) {
            this.nabName = nabName;
            this.tp = tp;
            this.fp = fp;
            this.fn = fn;
        }

        /** @return the profile's name in NAB, such as {@code reward_low_FP_rate} */
        public String nabName() {
            return nabName;
        }
    }

    /**
     * A labelled window of rows.
     *
     * @param first the index of its first row
     * @param last the index of its last row, {@code >= first}
     */
    public record Window(int first, int last) {
        /** @throws IllegalArgumentException if {@code first < 0} or {@code last < first} */
        public Window {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("window rows must be 0 <= first <= last, were " + first + ".." + last);
            }
        }

        int width() {
            return last - first + 1;
        }
    }

    /**
     * One file's scores and windows.
     *
     * @param name the file's name
     * @param scores the anomaly score of each row, in [0, 1]
     * @param windows the windows, in row order, not overlapping
     */
    public record Scored(String name, double[] scores, List<Window> windows) {
        /** @throws IllegalArgumentException if a window lies outside the rows or windows overlap */
        public Scored {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scores, "scores");
            windows = List.copyOf(windows);
            int prev = -1;
            for (Window w : windows) {
                if (w.first() <= prev || w.last() >= scores.length) {
                    throw new IllegalArgumentException(name + ": window " + w + " overlaps another or lies past row " + (scores.length - 1));
                }
                prev = w.last();
            }
        }
    }

    /**
     * The corpus's result for one profile at its best threshold.
     *
     * @param profile the profile
     * @param score the normalised score, 100 for the perfect detector and 0 for the null one
     * @param threshold the threshold that maximises the total
     * @param tp windows detected
     * @param fp detections outside every window
     * @param fn windows missed
     * @param raw the raw total S
     * @param nullRaw S_null
     * @param perfectRaw S_perfect
     */
    public record Result(Profile profile, double score, double threshold, int tp, int fp, int fn, double raw, double nullRaw, double perfectRaw) {
    }

    /** @return NAB's probation length for a file of {@code rows} rows: {@code min(floor(0.15 rows), 750)} */
    public static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /** @return {@code 2 / (1 + e^(5y)) - 1}, and −1 for {@code y > 3} as NAB's scorer has it */
    public static double scaledSigmoid(double y) {
        return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /**
     * Scores the files at the threshold that maximises the profile's total over all of them.
     *
     * @param profile the weights
     * @param files the files
     * @return the best threshold's result
     */
    public static Result score(Profile profile, List<Scored> files) {
        double[] best = sweep(profile, files);
        return at(profile, files, best[0]);
    }

    /**
     * Scores the files at a given threshold.
     *
     * @param profile the weights
     * @param files the files
     * @param threshold a row is a detection when its score is {@code >= threshold}
     * @return the result
     */
    public static Result at(Profile profile, List<Scored> files, double threshold) {
        double raw = 0;
        double nullRaw = 0;
        double perfectRaw = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Scored f : files) {
            Rows rows = new Rows(f);
            nullRaw -= profile.fn * f.windows().size();
            perfectRaw += profile.tp * f.windows().size();
            boolean[] detected = new boolean[f.windows().size()];
            for (int i = rows.start; i < f.scores().length; i++) {
                if (f.scores()[i] < threshold) {
                    continue;
                }
                int w = rows.window[i];
                if (w >= 0) {
                    if (!detected[w]) {
                        detected[w] = true;
                        raw += rows.weight(profile, i);
                        tp++;
                    }
                } else {
                    raw += rows.weight(profile, i);
                    fp++;
                }
            }
            for (boolean d : detected) {
                if (!d) {
                    raw -= profile.fn;
                    fn++;
                }
            }
        }
        return new Result(profile, normalise(raw, nullRaw, perfectRaw), threshold, tp, fp, fn, raw, nullRaw, perfectRaw);
    }

    private static double normalise(double raw, double nullRaw, double perfectRaw) {
        return perfectRaw == nullRaw ? 0.0 : 100.0 * (raw - nullRaw) / (perfectRaw - nullRaw);
    }

    /**
     * Sweeps every distinct score of the corpus as a threshold, from high to low, keeping each window's earliest
     * detection: O(n log n) in the corpus's rows (NAB's sweeper does the same sweep).
     *
     * @return {best threshold, its raw total}
     */
    private static double[] sweep(Profile profile, List<Scored> files) {
        int total = 0;
        List<Rows> all = new ArrayList<>();
        for (Scored f : files) {
            Rows r = new Rows(f);
            all.add(r);
            total += f.scores().length - r.start;
        }
        long[] order = new long[total];
        double[] keys = new double[total];
        int k = 0;
        for (int fi = 0; fi < all.size(); fi++) {
            double[] s = files.get(fi).scores();
            for (int i = all.get(fi).start; i < s.length; i++) {
                order[k++] = ((long) fi << 32) | i;
            }
        }
        Long[] boxed = new Long[total];
        for (int j = 0; j < total; j++) {
            boxed[j] = order[j];
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(score(files, b), score(files, a)));
        for (int j = 0; j < total; j++) {
            keys[j] = score(files, boxed[j]);
        }
        double raw = 0;
        int[][] earliest = new int[all.size()][];
        for (int fi = 0; fi < all.size(); fi++) {
            earliest[fi] = new int[files.get(fi).windows().size()];
            Arrays.fill(earliest[fi], Integer.MAX_VALUE);
            raw -= profile.fn * earliest[fi].length;
        }
        double bestRaw = raw;
        double bestThreshold = Math.nextUp(keys.length == 0 ? 1.0 : Math.max(1.0, keys[0]));
        for (int j = 0; j < total; ) {
            double key = keys[j];
            for (; j < total && keys[j] == key; j++) {
                int fi = (int) (boxed[j] >>> 32);
                int i = (int) (long) boxed[j];
                Rows r = all.get(fi);
                int w = r.window[i];
                if (w < 0) {
                    raw += r.weight(profile, i);
                } else if (i < earliest[fi][w]) {
                    raw -= earliest[fi][w] == Integer.MAX_VALUE ? -profile.fn : r.weight(profile, earliest[fi][w]);
                    earliest[fi][w] = i;
                    raw += r.weight(profile, i);
                }
            }
            if (raw > bestRaw + 1e-12) {
                bestRaw = raw;
                bestThreshold = key;
            }
        }
        return new double[] {bestThreshold, bestRaw};
    }

    private static double score(List<Scored> files, long key) {
        return files.get((int) (key >>> 32)).scores()[(int) key];
    }

    /** A file's rows: where scoring starts, and each row's window (or −1) and the previous window. */
    private static final class Rows {
        final int start;
        final int[] window;
        final int[] previous;
        final List<Window> windows;

        Rows(Scored f) {
            int n = f.scores().length;
            start = probation(n);
            windows = f.windows();
            window = new int[n];
            previous = new int[n];
            int w = 0;
            for (int i = 0; i < n; i++) {
                while (w < windows.size() && windows.get(w).last() < i) {
                    w++;
                }
                window[i] = w < windows.size() && windows.get(w).first() <= i ? w : -1;
                previous[i] = w - 1;
            }
        }

        /** The weighted sweep score of a detection at row i (NAB sweeper's calcSweepScore). */
        double weight(Profile p, int i) {
            int w = window[i];
            if (w >= 0) {
                Window win = windows.get(w);
                double y = -(double) (win.last() - i + 1) / win.width();
                return scaledSigmoid(y) * p.tp / scaledSigmoid(-1.0);
            }
            int prev = previous[i];
            if (prev < 0) {
                return -p.fp;
            }
            Window win = windows.get(prev);
            // NAB divides by (width - 1); a one-row window would divide by zero, so treat it as far behind.
            double y = win.width() > 1 ? Math.abs(win.last() - i) / (double) (win.width() - 1) : 4.0;
            return scaledSigmoid(y) * p.fp;
        }
    }
}
