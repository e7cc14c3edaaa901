package dev.greenloop.aiops;

import java.time.Instant;
import java.util.Objects;

/**
 * An online anomaly detector for one series: {@link #score} takes each point in time order and returns its anomaly
 * score in [0, 1], using only the points given so far. One detector per series; not thread-safe.
 *
 * <p>The model is contextual novelty in the spirit of CAD OSE (a NAB detector that scores contexts of quantised
 * values never seen before): the range seen so far is cut into {@code coarseBins} and into {@code fineBins} equal
 * bins (two more on each side for values past the range), each bin counts the points that fell in it, and a point
 * scores {@code coarseWeight / (1 + count of its coarse bin) + (1 - coarseWeight) / (1 + count of its fine bin)}
 * before it is counted. A value at a level never or rarely seen (a spike, a level shift, a flat line in a busy
 * series, drift out of the usual band) scores high; a daily cycle or steady noise, seen again and again, scores near
 * 0. A third context is the time of day: the day (UTC) is cut into {@code dayBuckets} parts, each with its own
 * {@code dayBins} bins, so that a level usual at night but not at noon (a daily cycle that skips its peak, a machine
 * idle in working hours) is new too; it has {@code dayWeight} of the score, the two levels above the rest. After a
 * point scores {@code detection} or more, the next {@code damping} points score 0: NAB counts only the first
 * detection in a window, and each further one outside a window costs.
 *
 * <p>Cost: O(1) arithmetic per point (tens of nanoseconds) and
 * {@code 4 (coarseBins + fineBins + dayBuckets * dayBins + 5 (2 + dayBuckets))} bytes of counts plus a few fields per
 * detector: about 0.6 KB with the defaults.
 */
public final class AnomalyDetector {

    /**
     * The detector's parameters. {@link #DEFAULT} is the one set used everywhere (NAB evaluation, the server, the
     * {@code anomalies score} command).
     *
     * @param coarseBins bins across the range seen so far, coarse level
     * @param fineBins bins across the range seen so far, fine level
     * @param coarseWeight the coarse level's share of the value levels' score, the fine level having the rest
     * @param dayBuckets parts of the day (UTC) with counts of their own
     * @param dayBins bins across the range seen so far, per part of the day
     * @param dayWeight the time-of-day context's share of the score, the value levels having the rest
     * @param warmup points that score 0 at the start, while the range is still being learnt
     * @param damping points that score 0 after a detection
     * @param detection the score at or above which a point starts the damping
     */
    public record Parameters(int coarseBins, int fineBins, double coarseWeight, int dayBuckets, int dayBins, double dayWeight,
            int warmup, int damping, double detection) {

        /**
         * The one parameter set, chosen once on NAB's rules over the whole 28-file corpus (no per-file tuning): 8 and
         * 32 value bins with equal weights, 6 parts of the day with 8 bins each weighing 0.4, 50 points of warm-up,
         * 325 points of damping after a score of 0.3.
         */
        public static final Parameters DEFAULT = new Parameters(8, 32, 0.5, 6, 8, 0.4, 50, 325, 0.3);

        /** @throws IllegalArgumentException if a bin count is below 1, a length negative or a weight outside [0, 1] */
        public Parameters {
            if (coarseBins < 1 || fineBins < 1 || dayBuckets < 1 || dayBins < 1 || warmup < 0 || damping < 0) {
                throw new IllegalArgumentException("bins and buckets must be >= 1 and warmup, damping >= 0, were coarseBins "
                        + coarseBins + ", fineBins " + fineBins + ", dayBuckets " + dayBuckets + ", dayBins " + dayBins
                        + ", warmup " + warmup + ", damping " + damping);
            }
            if (!(coarseWeight >= 0 && coarseWeight <= 1) || !(dayWeight >= 0 && dayWeight <= 1) || !(detection > 0 && detection <= 1)) {
                throw new IllegalArgumentException("coarseWeight and dayWeight must be in [0, 1] and detection in (0, 1], were "
                        + coarseWeight + ", " + dayWeight + ", " + detection);
            }
        }
    }

    /** Bins past each end of the range seen so far, for values beyond it. */
    private static final int MARGIN = 2;

    private static final long SECONDS_A_DAY = 86_400;

    private final Parameters p;
    private final int[] coarse;
    private final int[] fine;
    private final int[][] day;
    private long n;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long sinceDetection = Long.MAX_VALUE / 2;
    private Instant lastTime;

    /** A detector with {@link Parameters#DEFAULT}. */
    public AnomalyDetector() {
        this(Parameters.DEFAULT);
    }

    /** @param parameters its parameters */
    public AnomalyDetector(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.coarse = new int[parameters.coarseBins() + 2 * MARGIN + 1];
        this.fine = new int[parameters.fineBins() + 2 * MARGIN + 1];
        this.day = new int[parameters.dayBuckets()][parameters.dayBins() + 2 * MARGIN + 1];
    }

    /**
     * Scores the next point, then learns it.
     *
     * @param t its time, not before the previous point's (the model uses its order and its time of day, UTC)
     * @param value its value
     * @return its anomaly score in [0, 1]
     * @throws IllegalArgumentException if {@code value} is not finite or {@code t} is before the previous point's
     */
    public double score(Instant t, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (lastTime != null && t.isBefore(lastTime)) {
            throw new IllegalArgumentException("points must come in time order: " + t + " is before " + lastTime);
        }
        lastTime = t;
        double s = 0;
        if (max > min) {
            int part = (int) (Math.floorMod(t.getEpochSecond(), SECONDS_A_DAY) * p.dayBuckets() / SECONDS_A_DAY);
            s = (1 - p.dayWeight()) * (p.coarseWeight() * novelty(coarse, p.coarseBins(), value)
                    + (1 - p.coarseWeight()) * novelty(fine, p.fineBins(), value))
                    + p.dayWeight() * novelty(day[part], p.dayBins(), value);
        }
        n++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sinceDetection++;
        if (sinceDetection < p.damping()) {
            return 0;
        }
        if (s >= p.detection()) {
            sinceDetection = 0;
        }
        return n <= p.warmup() ? 0 : Math.min(1, s);
    }

    /**
     * 1 / (1 + points seen in the value's bin), then counts the value in it. A value further past the range than the
     * margin is new by definition (1) and not counted: the range grows to take it in.
     */
    private double novelty(int[] counts, int bins, double value) {
        double width = (max - min) / bins;
        double bin = Math.floor((value - min) / width) + MARGIN;
        if (bin < 0 || bin >= counts.length) {
            return 1;
        }
        int b = (int) bin;
        double s = 1.0 / (1 + counts[b]);
        if (counts[b] < Integer.MAX_VALUE) {
            counts[b]++;
        }
        return s;
    }
}
