package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues forecasts of carbon intensity from the past of a trace. Implementations are immutable and
 * thread-safe.
 */
public interface Forecaster {

    /**
     * Forecasts the points after {@code issuedAt}, using only the points of {@code history} that start
     * before it (they are taken as known at {@code issuedAt}, as a provider publishes the current
     * interval's value).
     *
     * <p>The forecast's points lie on the trace's grid (its last known point plus whole steps), from
     * the first grid instant at or after {@code issuedAt}, until {@code horizon} later; each is
     * labelled {@code forecast}, with {@code issuedAt} as its issue time.
     *
     * @param history a trace of actual values of one zone
     * @param issuedAt when the forecast is issued: after the trace's start plus the history this forecaster
     *     needs, and no later than one step after the trace's end
     * @param horizon how far ahead to forecast, at least one step of the trace
     * @return the forecast
     * @throws IllegalArgumentException if {@code issuedAt} is outside the trace, the history before it is
     *     too short for this forecaster, or the horizon is shorter than one step
     */
    Forecast forecast(IntensityTrace history, Instant issuedAt, Duration horizon);

    /** @return a short name for reports, such as {@code hour-of-week} */
    String name();
}
