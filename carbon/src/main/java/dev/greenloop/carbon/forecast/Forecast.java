package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A forecast of one zone's carbon intensity: evenly spaced points, each applying for one step, and
 * the instant it was issued. Immutable.
 */
public final class Forecast {

    private final CarbonSignal signal;
    private final Instant issuedAt;
    private final long[] epochSeconds;
    private final double[] values;
    private final long stepSeconds;

    private Forecast(CarbonSignal signal, Instant issuedAt, long[] epochSeconds, double[] values, long stepSeconds) {
        this.signal = signal;
        this.issuedAt = issuedAt;
        this.epochSeconds = epochSeconds;
        this.values = values;
        this.stepSeconds = stepSeconds;
    }

    /**
     * @param signal what the values mean; its resolution must be {@code forecast}
     * @param issuedAt when the forecast was made
     * @param firstEpochSecond start of the first point, seconds since the epoch
     * @param step the spacing of the points, positive
     * @param gramsPerKWh the values, at least one, finite and ≥ 0; copied
     * @return the forecast
     * @throws IllegalArgumentException for a signal not labelled {@code forecast}, a non-positive step, no
     *     values or a bad value
     */
    public static Forecast of(CarbonSignal signal, Instant issuedAt, long firstEpochSecond, Duration step, double[] gramsPerKWh) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (!"forecast".equals(signal.resolution())) {
            throw new IllegalArgumentException("a forecast's signal must say resolution 'forecast', not '" + signal.resolution() + "'");
        }
        long s = step.toSeconds();
        if (s <= 0) {
            throw new IllegalArgumentException("step " + step + " is not positive");
        }
        if (gramsPerKWh.length == 0) {
            throw new IllegalArgumentException("a forecast needs at least one point");
        }
        long[] t = new long[gramsPerKWh.length];
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(gramsPerKWh[i]) || gramsPerKWh[i] < 0) {
                throw new IllegalArgumentException("forecast point %d: %s is not a number >= 0 gCO2eq/kWh".formatted(i + 1, gramsPerKWh[i]));
            }
            t[i] = firstEpochSecond + i * s;
        }
        return new Forecast(signal, issuedAt, t, gramsPerKWh.clone(), s);
    }

    /** @return what the values mean; resolution {@code forecast}, the source names the forecaster and issue time */
    public CarbonSignal signal() {
        return signal;
    }

    /** @return when the forecast was issued */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return the number of points, at least one */
    public int size() {
        return values.length;
    }

    /** @return when point {@code i} starts */
    public Instant time(int i) {
        return Instant.ofEpochSecond(epochSeconds[i]);
    }

    /** @return point {@code i}'s value, gCO2eq/kWh */
    public double value(int i) {
        return values[i];
    }

    /** @return the spacing of the points */
    public Duration step() {
        return Duration.ofSeconds(stepSeconds);
    }

    /** @return the first instant covered */
    public Instant start() {
        return time(0);
    }

    /** @return the first instant after the forecast */
    public Instant end() {
        return Instant.ofEpochSecond(epochSeconds[epochSeconds.length - 1] + stepSeconds);
    }

    /**
     * @param instant an instant within {@link #start()} (inclusive) and {@link #end()} (exclusive)
     * @return the forecast value of the point covering it
     * @throws NoSuchElementException outside the forecast
     */
    public double valueAt(Instant instant) {
        long s = instant.getEpochSecond();
        if (s < epochSeconds[0] || !instant.isBefore(end())) {
            throw new NoSuchElementException("the forecast covers %s to %s, not %s".formatted(start(), end(), instant));
        }
        return values[(int) ((s - epochSeconds[0]) / stepSeconds)];
    }

    /**
     * @return the forecast as a trace (same points and signal), for code that works on traces
     * @throws dev.greenloop.carbon.InvalidTraceException if the forecast has a single point
     */
    public IntensityTrace toTrace() {
        return IntensityTrace.of(signal, epochSeconds, values, signal.source(), null);
    }

    @Override
    public String toString() {
        return "Forecast[%s issued %s, %d points from %s, step %s]".formatted(signal.zone(), issuedAt, values.length, start(), step());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && f.signal.equals(signal) && f.issuedAt.equals(issuedAt) && f.stepSeconds == stepSeconds
                && Arrays.equals(f.epochSeconds, epochSeconds) && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signal, issuedAt, stepSeconds, Arrays.hashCode(values), epochSeconds[0]);
    }
}
