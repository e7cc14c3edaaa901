package dev.greenloop.app;

import dev.greenloop.aiops.AnomalyDetector;
import java.time.Instant;

/**
 * The online state of one watched series and the rules that open, classify and close its anomalies: see
 * {@link AnomalyWatch} for the rules in words. Called once per point, on the ingest path of every sample of the
 * fleet, so it is a measured hot path (bench/anomaly-watch.sh): O(1) arithmetic and no allocation per point but when
 * an anomaly opens or closes. Not thread-safe: the caller holds its lock.
 */
final class SeriesWatch {

    /** What a point did to the series' anomalies. */
    enum Change { NONE, OPENED, UPDATED, CLOSED }

    private final AnomalyRules rules;
    private final AnomalyDetector detector = new AnomalyDetector(AnomalyDetector.Parameters.DEFAULT);
    private final boolean idleWatched;

    private long points;
    private Instant lastEnd;
    private double mean;
    private double deviation;
    private double reference;
    private double floor = Double.POSITIVE_INFINITY;

    /** Points outside the band in a row while no anomaly is open; points back inside in a row while one is. */
    private int anomalousRun;
    private Instant runStart;
    private double runPeak;
    private double runScore;

    /** The open deviation anomaly (spike, level shift, drift), or null. */
    private Episode open;
    /** The open idle-waste anomaly, or null. */
    private Episode idle;
    /** When the current stretch of idle power above the floor began, or null. */
    private Instant idleSince;
    private double idleJoules;
    private double idleSum;
    private long idlePoints;

    /** @param idleWatched true for power series, whose idle waste is watched */
    SeriesWatch(AnomalyRules rules, boolean idleWatched) {
        this.rules = rules;
        this.idleWatched = idleWatched;
    }

    /**
     * An anomaly of this series, open or just closed. Mutable: the watch updates it point by point.
     */
    static final class Episode {
        String kind;
        final Instant start;
        Instant end;
        double score;
        /** The baseline the series was judged against (the idle floor for idle waste). */
        final double baseline;
        final double band;
        double peak;
        double sum;
        long points;
        /** For idle waste: energy above the idle floor, joules. */
        double excessJoules;
        boolean closed;

        Episode(String kind, Instant start, double baseline, double band) {
            this.kind = kind;
            this.start = start;
            this.baseline = baseline;
            this.band = band;
        }

        /** @return the mean of its points' values */
        double observed() {
            return points == 0 ? baseline : sum / points;
        }
    }

    /** @return the open or just-closed deviation anomaly, or null */
    Episode deviationEpisode() {
        return open;
    }

    /** @return the open or just-closed idle-waste anomaly, or null */
    Episode idleEpisode() {
        return idle;
    }

    /**
     * Takes the next point. A point that does not end after the previous one (a replay, or one out of order) is
     * ignored.
     *
     * @param start the start of the point's interval
     * @param end its end
     * @param value its value (watts, or joules per job)
     * @param busy whether work is attributed to the node now: {@code 1} yes, {@code 0} no, {@code -1} unknown (the node
     *     reports no work; idle waste is not judged)
     * @param changes where it writes what happened: to the deviation anomaly in {@code [0]} and to the idle-waste anomaly
     *     in {@code [1]} (see {@link #deviationEpisode()} and {@link #idleEpisode()})
     */
    void step(Instant start, Instant end, double value, int busy, Change[] changes) {
        changes[0] = Change.NONE;
        changes[1] = Change.NONE;
        if (!Double.isFinite(value) || lastEnd != null && !end.isAfter(lastEnd)) {
            return;
        }
        lastEnd = end;
        if (open != null && open.closed) {
            open = null;
        }
        if (idle != null && idle.closed) {
            idle = null;
        }
        double score = detector.score(end, value);
        points++;
        if (points <= rules.warmup()) {
            learn(value, points == 1 ? 1 : 1.0 / points);
            return;
        }
        changes[0] = deviation(start, end, value, score);
        if (idleWatched) {
            changes[1] = idle(start, end, value, busy);
        }
    }

    private Change deviation(Instant start, Instant end, double value, double score) {
        double band = band(mean);
        double distance = Math.abs(value - mean);
        boolean anomalous = distance > band;
        double pointScore = anomalous ? Math.max(score, distance / (distance + band)) : score;
        if (open != null) {
            return extend(end, value, anomalous, pointScore);
        }
        if (anomalous) {
            if (anomalousRun == 0) {
                runStart = start;
                runPeak = value;
                runScore = 0;
            }
            anomalousRun++;
            runPeak = Math.abs(value - mean) > Math.abs(runPeak - mean) ? value : runPeak;
            runScore = Math.max(runScore, pointScore);
            if (score >= AnomalyDetector.Parameters.DEFAULT.detection() || anomalousRun >= rules.confirm()) {
                open = new Episode(anomalousRun <= rules.spikePoints() ? "spike" : "level_shift", runStart, mean, band);
                open.end = end;
                open.peak = runPeak;
                open.sum = value * anomalousRun;
                open.points = anomalousRun;
                open.score = runScore;
                anomalousRun = 0;
                return Change.OPENED;
            }
            return Change.NONE;
        }
        anomalousRun = 0;
        learn(value, rules.alpha());
        reference += (mean - reference) * rules.referenceAlpha();
        double gap = Math.abs(mean - reference);
        double driftBand = Math.max(rules.deviations() * deviation, rules.relative() * Math.abs(reference));
        if (gap > driftBand && gap > rules.absolute()) {
            open = new Episode("drift", start, reference, driftBand);
            open.end = end;
            open.peak = mean;
            open.sum = mean;
            open.points = 1;
            open.score = gap / (gap + driftBand);
            return Change.OPENED;
        }
        return Change.NONE;
    }

    /** Extends or closes the open deviation anomaly. */
    private Change extend(Instant end, double value, boolean anomalous, double pointScore) {
        Episode e = open;
        if (e.kind.equals("drift")) {
            learn(value, rules.alpha());
            reference += (mean - reference) * rules.referenceAlpha();
            double gap = Math.abs(mean - reference);
            if (gap <= e.band) {
                // Back near the reference, or the reference has caught up with the new level over hours: normal again.
                return close(e);
            }
            e.end = end;
            e.peak = Math.abs(mean - e.baseline) > Math.abs(e.peak - e.baseline) ? mean : e.peak;
            e.sum += mean;
            e.points++;
            e.score = Math.max(e.score, gap / (gap + e.band));
            return Change.UPDATED;
        }
        if (!anomalous) {
            anomalousRun++;
            if (anomalousRun >= rules.recover()) {
                anomalousRun = 0;
                return close(e);
            }
            return Change.NONE;
        }
        anomalousRun = 0;
        e.end = end;
        e.points++;
        e.sum += value;
        e.peak = Math.abs(value - e.baseline) > Math.abs(e.peak - e.baseline) ? value : e.peak;
        e.score = Math.max(e.score, pointScore);
        if (e.points > rules.spikePoints()) {
            e.kind = "level_shift";
        }
        if (e.points >= rules.adoptPoints()) {
            // The new level has lasted: it is the series' normal now. Start learning it afresh.
            mean = e.observed();
            deviation = Math.max(deviation, Math.abs(value - mean));
            reference = mean;
            return close(e);
        }
        return Change.UPDATED;
    }

    private Change close(Episode e) {
        e.closed = true;
        return Change.CLOSED;
    }

    /**
     * Idle waste: work is known not to be attributed to the node, and the series' smoothed power stays above its idle
     * floor by more than the margin for the whole window.
     */
    private Change idle(Instant start, Instant end, double value, int busy) {
        if (open == null || open.kind.equals("drift")) {
            floor = Math.min(floor, mean);
        }
        double threshold = floor + Math.max(rules.idleMarginWatts(), rules.idleMarginShare() * floor);
        boolean wasting = busy == 0 && value > threshold;
        double seconds = (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
        if (idle != null) {
            if (!wasting) {
                return close(idle);
            }
            idle.end = end;
            idle.points++;
            idle.sum += value;
            idle.peak = Math.max(idle.peak, value);
            idle.excessJoules += (value - floor) * seconds;
            return Change.UPDATED;
        }
        if (!wasting) {
            idleSince = null;
            return Change.NONE;
        }
        if (idleSince == null) {
            idleSince = start;
            idleJoules = 0;
            idleSum = 0;
            idlePoints = 0;
        }
        idleJoules += (value - floor) * seconds;
        idleSum += value;
        idlePoints++;
        if (end.toEpochMilli() - idleSince.toEpochMilli() >= rules.idleWindow().toMillis()) {
            idle = new Episode("idle_waste", idleSince, floor, threshold - floor);
            idle.end = end;
            idle.points = idlePoints;
            idle.sum = idleSum;
            idle.peak = value;
            idle.excessJoules = idleJoules;
            double excess = idle.observed() - floor;
            idle.score = excess / (excess + (threshold - floor));
            idleSince = null;
            return Change.OPENED;
        }
        return Change.NONE;
    }

    /** The half-width of the normal band around {@code baseline}. */
    private double band(double baseline) {
        return Math.max(rules.deviations() * deviation, Math.max(rules.relative() * Math.abs(baseline), rules.absolute()));
    }

    /** Moves the mean and the mean absolute deviation toward {@code value}; during warm-up, running means. */
    private void learn(double value, double alpha) {
        if (points <= 1 && open == null && deviation == 0 && mean == 0) {
            mean = value;
            reference = value;
            return;
        }
        deviation += (Math.abs(value - mean) - deviation) * alpha;
        mean += (value - mean) * alpha;
        if (points <= rules.warmup()) {
            reference = mean;
        }
    }
}
