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
 * idle in working hours) is new too; it has {@code dayWeight} of the score, the two levels above the rest.
 *
 * <p>A second signal watches how busy the series is rather than where it is: its <em>activity</em>, the exponentially
 * weighted mean of {@code |value - previous value|} (weight {@code activityAlpha} for the newest step, the plain mean
 * while fewer than {@code 1 / activityAlpha} steps are known), taken on a log scale as
 * {@code ln(activity + 0.01 (max - min))} so that a burst and a calm stretch are equally far from the usual whatever
 * the series' unit. After the warm-up, its range seen so far is cut into {@code activityBins} bins (and margins)
 * counted like the value's; {@code activityWeight} times its novelty competes with the value score, the larger of the
 * two being the point's score. Spikes suddenly coming more often, or a noisy series suddenly smooth, change the
 * activity while every value stays at a level seen before. A slow drift of the activity, as of the value, widens the
 * range step by step and scores little.
 *
 * <p>After a point scores {@code detection} or more, the next {@code damping} points score 0 (NAB counts only the
 * first detection in a window, and each further one outside a window costs), except a value further past the whole
 * range seen so far than two coarse bins: such a value is new beyond doubt and keeps its score, without restarting
 * the quiet.
 *
 * <p>Cost: O(1) arithmetic, one division and one logarithm per point (about 0.1 µs on a loaded machine, see
 * {@code docs/anomalies.md}) and
 * {@code 4 (coarseBins + fineBins + activityBins + dayBuckets * dayBins + 5 (3 + dayBuckets))} bytes of counts plus a
 * few fields per detector: about 0.7 KB with the defaults.
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
     * @param activityAlpha the weight of the newest step in the activity's exponential mean, in (0, 1]
     * @param activityBins bins across the range of the (log) activity seen so far
     * @param activityWeight the factor of the activity's novelty, which competes with the value score by maximum; 0 turns
     *     the activity off
     */
    public record Parameters(int coarseBins, int fineBins, double coarseWeight, int dayBuckets, int dayBins, double dayWeight,
            int warmup, int damping, double detection, double activityAlpha, int activityBins, double activityWeight) {

        /**
         * The one parameter set, chosen once on NAB's rules over the whole 28-file corpus (no per-file tuning): 8 and
         * 32 value bins with equal weights, 6 parts of the day with 8 bins each weighing 0.4, 50 points of warm-up,
         * 325 points of damping after a score of 0.3, and the activity averaged with weight 1/32 over 8 bins, its
         * novelty weighing 0.5.
         */
        public static final Parameters DEFAULT = new Parameters(8, 32, 0.5, 6, 8, 0.4, 50, 325, 0.3, 1.0 / 32, 8, 0.5);

        /**
         * @throws IllegalArgumentException if a bin count is below 1, a length negative, a weight outside [0, 1] or
         *     {@code activityAlpha} outside (0, 1]
         */
        public Parameters {
            if (coarseBins < 1 || fineBins < 1 || dayBuckets < 1 || dayBins < 1 || activityBins < 1 || warmup < 0 || damping < 0) {
                throw new IllegalArgumentException("bins and buckets must be >= 1 and warmup, damping >= 0, were coarseBins "
                        + coarseBins + ", fineBins " + fineBins + ", dayBuckets " + dayBuckets + ", dayBins " + dayBins
                        + ", activityBins " + activityBins + ", warmup " + warmup + ", damping " + damping);
            }
            if (!(activityAlpha > 0 && activityAlpha <= 1) || !(activityWeight >= 0 && activityWeight <= 1)) {
                throw new IllegalArgumentException("activityAlpha must be in (0, 1] and activityWeight in [0, 1], were "
                        + activityAlpha + ", " + activityWeight);
            }
            if (!(coarseWeight >= 0 && coarseWeight <= 1) || !(dayWeight >= 0 && dayWeight <= 1) || !(detection > 0 && detection <= 1)) {
                throw new IllegalArgumentException("coarseWeight and dayWeight must be in [0, 1] and detection in (0, 1], were "
                        + coarseWeight + ", " + dayWeight + ", " + detection);
            }
        }

        /**
         * The parameters without an activity signal's own choice: {@link #DEFAULT}'s activity settings.
         *
         * @throws IllegalArgumentException as the canonical constructor
         */
        public Parameters(int coarseBins, int fineBins, double coarseWeight, int dayBuckets, int dayBins, double dayWeight,
                int warmup, int damping, double detection) {
            this(coarseBins, fineBins, coarseWeight, dayBuckets, dayBins, dayWeight, warmup, damping, detection, 1.0 / 32, 8, 0.5);
        }
    }

    /** Bins past each end of the range seen so far, for values beyond it. */
    private static final int MARGIN = 2;

    private static final long SECONDS_A_DAY = 86_400;

    /**
     * The activity's floor, as a share of the value range: keeps the logarithm finite on a flat stretch and makes
     * steps far below the series' scale count as calm rather than as orders of magnitude.
     */
    private static final double ACTIVITY_FLOOR = 0.01;

    private final Parameters p;
    private final int[] coarse;
    private final int[] fine;
    private final int[][] day;
    private final int[] activityCounts;
    private long n;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double previous;
    private double activity;
    private double activityMin = Double.POSITIVE_INFINITY;
    private double activityMax = Double.NEGATIVE_INFINITY;
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
        this.activityCounts = new int[parameters.activityBins() + 2 * MARGIN + 1];
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
        boolean beyond = false;
        if (max > min) {
            int part = (int) (Math.floorMod(t.getEpochSecond(), SECONDS_A_DAY) * p.dayBuckets() / SECONDS_A_DAY);
            // One division a point: the value's place in the range, shared by the three histograms.
            double x = (value - min) / (max - min);
            s = (1 - p.dayWeight()) * (p.coarseWeight() * novelty(coarse, p.coarseBins(), x)
                    + (1 - p.coarseWeight()) * novelty(fine, p.fineBins(), x))
                    + p.dayWeight() * novelty(day[part], p.dayBins(), x);
            double margin = (double) MARGIN / p.coarseBins();
            beyond = x > 1 + margin || x < -margin;
        }
        if (n > 0) {
            s = Math.max(s, p.activityWeight() * activityNovelty(value));
        }
        previous = value;
        n++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sinceDetection++;
        if (sinceDetection < p.damping()) {
            // A value far past everything seen is new beyond doubt: it is not silenced, nor does it restart the quiet.
            return beyond && n > p.warmup() ? Math.min(1, s) : 0;
        }
        if (s >= p.detection()) {
            sinceDetection = 0;
        }
        return n <= p.warmup() ? 0 : Math.min(1, s);
    }

    /**
     * Updates the activity with the step to {@code value} and returns the novelty of its log in the activity's range
     * seen so far (0 during the warm-up and while a range is still a single point), then counts it.
     */
    private double activityNovelty(double value) {
        double step = Math.abs(value - previous);
        activity += (n * p.activityAlpha() < 1 ? 1.0 / n : p.activityAlpha()) * (step - activity);
        if (!(max > min) || n <= p.warmup()) {
            return 0;
        }
        double a = Math.log(activity + ACTIVITY_FLOOR * (max - min));
        double s = activityMax > activityMin
                ? novelty(activityCounts, p.activityBins(), (a - activityMin) / (activityMax - activityMin)) : 0;
        activityMin = Math.min(activityMin, a);
        activityMax = Math.max(activityMax, a);
        return s;
    }

    /**
     * 1 / (1 + points seen in the bin of {@code x}, a place in the range seen so far (0 its low end, 1 its high end)
     * cut in {@code bins}), then counts it there. A place further past the range than the margin is new by
     * definition (1) and not counted: the range grows to take it in.
     */
    private static double novelty(int[] counts, int bins, double x) {
        double bin = Math.floor(x * bins) + MARGIN;
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
