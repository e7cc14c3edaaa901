package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The two naive forecasts a real forecaster must beat: {@linkplain #persistence() persistence} (the last
 * known value, for every point) and {@linkplain #yesterdaySameHour() yesterday, same hour} (each point's
 * value one day earlier, or whole days earlier where one day back is not yet known).
 */
public final class NaiveForecasters {

    private static final long DAY = 86_400;

    private NaiveForecasters() {
    }

    /** @return a forecaster that repeats the last value known at the issue time; needs one point of history */
    public static Forecaster persistence() {
        return new Forecaster() {
            @Override
            public Forecast forecast(IntensityTrace history, Instant issuedAt, Duration horizon) {
                Issue is = Issue.of(history, issuedAt, horizon, Duration.ZERO);
                double[] v = new double[is.points()];
                Arrays.fill(v, history.value(is.known() - 1));
                return Forecast.of(Issue.signal(history, name(), issuedAt), issuedAt, is.firstEpochSecond(), history.step(), v);
            }

            @Override
            public String name() {
                return "persistence";
            }
        };
    }

    /**
     * @return a forecaster that answers, for a point at time t, the value at t minus the fewest whole days
     *     that fall before the issue time; needs one day of history
     */
    public static Forecaster yesterdaySameHour() {
        return new Forecaster() {
            @Override
            public Forecast forecast(IntensityTrace history, Instant issuedAt, Duration horizon) {
                Issue is = Issue.of(history, issuedAt, horizon, Duration.ofDays(1));
                long issue = issuedAt.getEpochSecond();
                double[] v = new double[is.points()];
                for (int i = 0; i < v.length; i++) {
                    long t = is.epochSecond(i);
                    long back = t - Math.ceilDiv(t - issue + 1, DAY) * DAY;
                    // the point in force at that time; a missing point's predecessor applies
                    v[i] = history.value(Issue.countBefore(history, back + 1) - 1);
                }
                return Forecast.of(Issue.signal(history, name(), issuedAt), issuedAt, is.firstEpochSecond(), history.step(), v);
            }

            @Override
            public String name() {
                return "yesterday-same-hour";
            }
        };
    }
}
