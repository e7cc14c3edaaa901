package dev.greenloop.app;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the server's online anomaly detection ({@link AnomalyWatch} describes the rules they feed).
 * Immutable.
 *
 * @param warmup points a series is only learnt from before it is judged
 * @param alpha weight of a normal point in the baseline's moving mean and mean absolute deviation (1/30: about the last
 *     30 points)
 * @param referenceAlpha weight of the baseline in the slow reference that drift is measured from (1/10,000: about the last
 *     three hours at 1 Hz)
 * @param deviations the normal band's half-width in mean absolute deviations
 * @param relative the band's least half-width as a share of the baseline
 * @param absolute the band's least half-width in the series' unit (watts, joules)
 * @param confirm consecutive points outside the band that open an anomaly even when the detector's score is low
 * @param recover consecutive points back inside the band that close an anomaly
 * @param spikePoints an anomaly of at most this many points outside the band is a spike; a longer one a level shift
 * @param adoptPoints after this many points outside the band, a level shift's new level becomes the baseline and the
 *     anomaly closes
 * @param idleMarginWatts idle waste: least excess over the idle floor, watts
 * @param idleMarginShare idle waste: least excess over the idle floor as a share of it
 * @param idleWindow idle waste: how long the excess must last with no work attributed
 */
public record AnomalyRules(int warmup, double alpha, double referenceAlpha, double deviations, double relative, double absolute,
        int confirm, int recover, int spikePoints, int adoptPoints, double idleMarginWatts, double idleMarginShare, Duration idleWindow) {

    /** The rules for power series, in watts: see docs/anomalies.md for why each value. */
    public static final AnomalyRules POWER = new AnomalyRules(30, 1.0 / 30, 1.0 / 10_000, 6, 0.3, 1.0, 3, 3, 5, 300, 10, 0.5,
            Duration.ofMinutes(5));

    /** The rules for energy-per-work series (joules per completed job): fewer points, so a shorter warm-up. */
    public static final AnomalyRules ENERGY_PER_JOB = new AnomalyRules(8, 1.0 / 8, 1.0 / 100, 6, 0.3, 0.0, 1, 1, 1, 20, 0, 0,
            Duration.ZERO);

    /** @throws IllegalArgumentException naming the first value out of range */
    public AnomalyRules {
        Objects.requireNonNull(idleWindow, "idleWindow");
        if (warmup < 1 || confirm < 1 || recover < 1 || spikePoints < 1 || adoptPoints <= spikePoints) {
            throw new IllegalArgumentException(("warmup, confirm, recover and spikePoints must be >= 1 and adoptPoints > spikePoints,"
                    + " were %d, %d, %d, %d, %d").formatted(warmup, confirm, recover, spikePoints, adoptPoints));
        }
        if (!(alpha > 0 && alpha <= 1) || !(referenceAlpha > 0 && referenceAlpha <= alpha)) {
            throw new IllegalArgumentException("alpha must be in (0, 1] and referenceAlpha in (0, alpha], were %s and %s"
                    .formatted(alpha, referenceAlpha));
        }
        if (!(deviations > 0) || !(relative >= 0) || !(absolute >= 0) || !(idleMarginWatts >= 0) || !(idleMarginShare >= 0)
                || idleWindow.isNegative()) {
            throw new IllegalArgumentException(("deviations must be > 0 and relative, absolute, idle margins and window >= 0, were"
                    + " %s, %s, %s, %s, %s, %s").formatted(deviations, relative, absolute, idleMarginWatts, idleMarginShare, idleWindow));
        }
    }

    /** @return these rules with another idle-waste window (tests and short demos) */
    public AnomalyRules withIdleWindow(Duration window) {
        return new AnomalyRules(warmup, alpha, referenceAlpha, deviations, relative, absolute, confirm, recover, spikePoints,
                adoptPoints, idleMarginWatts, idleMarginShare, window);
    }
}
