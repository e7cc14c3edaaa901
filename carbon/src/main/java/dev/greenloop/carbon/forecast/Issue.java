package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;

/**
 * What every forecaster works out first: how many points are known at the issue time, and the grid
 * the forecast lies on. Checks the arguments every {@link Forecaster} promises to reject.
 *
 * @param known the number of points of the trace that start before the issue time (they are the history)
 * @param firstEpochSecond the start of the first forecast point
 * @param points how many points the horizon needs
 * @param stepSeconds the trace's step
 */
record Issue(int known, long firstEpochSecond, int points, long stepSeconds) {

    static Issue of(IntensityTrace history, Instant issuedAt, Duration horizon, Duration minHistory) {
        long t = issuedAt.getEpochSecond();
        // One step past the end is allowed: a history cut where one point is missing ends a step early.
        if (!issuedAt.isAfter(history.start()) || issuedAt.isAfter(history.end().plus(history.step()))) {
            throw new IllegalArgumentException("issue time %s is outside the %s trace, which covers %s to %s; issue within it"
                    .formatted(issuedAt, history.zone(), history.start(), history.end()));
        }
        if (issuedAt.isBefore(history.start().plus(minHistory))) {
            throw new IllegalArgumentException("issue time %s leaves less than %s of history; the %s trace starts at %s, so issue at %s or later"
                    .formatted(issuedAt, minHistory, history.zone(), history.start(), history.start().plus(minHistory)));
        }
        long step = history.step().toSeconds();
        if (horizon.toSeconds() < step) {
            throw new IllegalArgumentException("horizon %s is shorter than the trace's step %s".formatted(horizon, history.step()));
        }
        int lo = countBefore(history, t);
        long last = history.epochSecond(lo - 1);
        long first = last + Math.ceilDiv(t - last, step) * step;
        int points = (int) Math.ceilDiv(horizon.toSeconds(), step);
        return new Issue(lo, first, points, step);
    }

    /** @return the forecast's signal: the history's, labelled {@code forecast}, sourced to the forecaster and issue time */
    static CarbonSignal signal(IntensityTrace history, String forecaster, Instant issuedAt) {
        CarbonSignal h = history.signal();
        return new CarbonSignal(h.zone(), h.kind(), h.basis(), "forecast",
                "Greenloop %s forecaster, issued %s, from %s".formatted(forecaster, issuedAt, h.source()));
    }

    /** @return how many points of {@code trace} start before {@code epochSecond} */
    static int countBefore(IntensityTrace trace, long epochSecond) {
        int lo = 0;
        int hi = trace.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trace.epochSecond(mid) < epochSecond) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long epochSecond(int i) {
        return firstEpochSecond + i * stepSeconds;
    }
}
