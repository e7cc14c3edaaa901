package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures forecast error with a rolling origin: a forecast is issued every day at 00:00 UTC, from a
 * copy of the trace cut at that instant (so a forecaster cannot see the future), and compared with
 * the trace's actual values at each horizon.
 *
 * <p>The value at horizon {@code h} is that of the point covering {@code origin + h − 1 s}: with hourly
 * data, horizon 1 h is the hour starting at the origin, 24 h the last hour of the day.
 */
public final class ForecastEvaluation {

    private ForecastEvaluation() {
    }

    /**
     * @param horizon the lead time
     * @param mapePercent mean absolute percentage error, %: mean of |forecast − actual| / actual × 100
     * @param count how many forecasts it averages (actual values of zero are left out)
     */
    public record HorizonError(Duration horizon, double mapePercent, int count) {
    }

    /**
     * @param forecaster the forecaster's {@link Forecaster#name()}
     * @param errors one per horizon asked for, in that order
     */
    public record Result(String forecaster, List<HorizonError> errors) {

        /** @throws NullPointerException if an argument is null */
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /**
     * @param trace the actual values
     * @param forecasters what to evaluate; each gets the same origins
     * @param horizons lead times, each at least one step
     * @param warmUp history before the first origin (the first origin is the first midnight at least
     *     this long after the trace starts); the last origin leaves the longest horizon inside the trace
     * @return one result per forecaster, in order
     * @throws IllegalArgumentException if no origin fits, or a forecaster rejects one
     */
    public static List<Result> evaluate(IntensityTrace trace, List<Forecaster> forecasters, List<Duration> horizons, Duration warmUp) {
        long day = 86_400;
        long longest = horizons.stream().mapToLong(Duration::toSeconds).max().orElseThrow(() -> new IllegalArgumentException("no horizons"));
        long first = Math.ceilDiv(trace.start().plus(warmUp).getEpochSecond(), day) * day;
        long lastPossible = trace.end().getEpochSecond() - longest;
        if (first > lastPossible) {
            throw new IllegalArgumentException("the %s trace (%s to %s) is too short for a %s warm-up and a %s horizon"
                    .formatted(trace.zone(), trace.start(), trace.end(), warmUp, Duration.ofSeconds(longest)));
        }
        int f = forecasters.size();
        List<MapeSum> sums = new ArrayList<>();
        for (int k = 0; k < f; k++) {
            sums.add(new MapeSum(horizons));
        }
        for (long origin = first; origin <= lastPossible; origin += day) {
            Instant at = Instant.ofEpochSecond(origin);
            IntensityTrace past = before(trace, at);
            for (int k = 0; k < f; k++) {
                Forecast fc = forecasters.get(k).forecast(past, at, Duration.ofSeconds(longest));
                for (int h = 0; h < horizons.size(); h++) {
                    Instant target = at.plus(horizons.get(h)).minusSeconds(1);
                    sums.get(k).add(h, fc.valueAt(target), trace.value(trace.indexAt(target)));
                }
            }
        }
        List<Result> out = new ArrayList<>();
        for (int k = 0; k < f; k++) {
            out.add(new Result(forecasters.get(k).name(), sums.get(k).errors()));
        }
        return out;
    }

    /**
     * @param forecast forecast values
     * @param actual actual values, same length; pairs whose actual is zero are left out
     * @return the mean absolute percentage error, %, or NaN when no pair counts
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double mape(double[] forecast, double[] actual) {
        if (forecast.length != actual.length) {
            throw new IllegalArgumentException("%d forecasts for %d actual values".formatted(forecast.length, actual.length));
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0) {
                sum += Math.abs(forecast[i] - actual[i]) / Math.abs(actual[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }

    /**
     * @return a copy of {@code trace} cut at {@code t}: the points that start before it, what a forecaster issued
     *     at {@code t} may see
     * @throws InvalidTraceException if fewer than two points start before {@code t}
     */
    static IntensityTrace before(IntensityTrace trace, Instant t) {
        long[] times = trace.epochSeconds();
        int i = Arrays.binarySearch(times, t.getEpochSecond());
        int known = i >= 0 ? i : -i - 1;
        return IntensityTrace.of(trace.signal(), Arrays.copyOf(times, known), Arrays.copyOf(trace.values(), known),
                trace.signal().source() + " before " + t, null);
    }
}
