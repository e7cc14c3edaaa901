package dev.greenloop.carbon.live;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * One carbon-intensity value from a live provider, labelled with what it means. Immutable.
 *
 * <p>The label is a {@link CarbonSignal}: its {@code zone} is the zone as the caller asked for it, its
 * {@code kind} is {@value #AVERAGE} or {@value #MARGINAL}, its {@code basis} is {@value #LIFECYCLE} or
 * {@value #DIRECT}, its {@code resolution} is {@value #ACTUAL} or {@value #FORECAST}, and its
 * {@code source} names the provider and the endpoint, such as {@code "UK NESO Carbon Intensity API"}.
 *
 * @param signal what the value means and who published it
 * @param interval when the value applies
 * @param intensity the value in gCO2eq/kWh (converted from the provider's unit where it differs)
 * @param issuedAt when the provider issued the value: its own issue or update time where it publishes
 *     one, otherwise the time Greenloop fetched it (the provider's documentation for each says which)
 */
public record LivePoint(CarbonSignal signal, Interval interval, CarbonIntensity intensity, Instant issuedAt) {

    /** Signal kind: the mean intensity of all generation in the zone. */
    public static final String AVERAGE = "average";
    /** Signal kind: the intensity of the generator that answers an extra load. */
    public static final String MARGINAL = "marginal";
    /** Basis: construction, fuel supply and combustion. */
    public static final String LIFECYCLE = "lifecycle";
    /** Basis: combustion only. */
    public static final String DIRECT = "direct";
    /** Resolution: a measured or estimated value for a past or present interval. */
    public static final String ACTUAL = "actual";
    /** Resolution: a prediction made at {@code issuedAt}. */
    public static final String FORECAST = "forecast";

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if the signal's resolution is neither {@value #ACTUAL} nor {@value #FORECAST}, or
     *     the intensity is above {@link CarbonIntensity#MAX_GRAMS_PER_KWH} (a provider's answer that is no grid's)
     */
    public LivePoint {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (!ACTUAL.equals(signal.resolution()) && !FORECAST.equals(signal.resolution())) {
            throw new IllegalArgumentException("a live point is an actual or a forecast, not " + signal.resolution());
        }
        if (intensity.gramsPerKWh() > CarbonIntensity.MAX_GRAMS_PER_KWH) {
            throw new IllegalArgumentException("intensity %s gCO2eq/kWh for %s is above %.0f, more than any grid emits"
                    .formatted(intensity.gramsPerKWh(), interval.start(), CarbonIntensity.MAX_GRAMS_PER_KWH));
        }
    }

    /** @return the zone the point is for */
    public String zone() {
        return signal.zone();
    }

    /** @return true if the point is a forecast */
    public boolean isForecast() {
        return FORECAST.equals(signal.resolution());
    }
}
