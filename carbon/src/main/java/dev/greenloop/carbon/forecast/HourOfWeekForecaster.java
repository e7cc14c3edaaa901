package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;

/**
 * Forecasts a zone from its own recent past: a weekly shape, scaled to the recent level, with the
 * latest deviation from that shape fading out.
 *
 * <ol>
 *   <li><b>Shape</b>: the mean value of each of the 168 hours of the week (UTC) over the last
 *       {@code weeks} weeks before the issue time ({@code p(h)}; an hour with no data takes the mean
 *       of all).
 *   <li><b>Level</b>: the mean of the last {@code levelWindow} of values, divided by the mean of
 *       {@code p} over the same points, gives a scale {@code s}; the base forecast is {@code s·p(h(t))}.
 *   <li><b>Persistence of the anomaly</b>: the last known value minus the base forecast for it, times
 *       {@code exp(-(t - t_last)/tau)}, is added, so the first hours start from where the grid is
 *       now; results below zero are clipped to zero.
 * </ol>
 *
 * A trace that repeats itself every week is forecast exactly. Needs one week of history; uses up to
 * {@code weeks}. Immutable and thread-safe.
 */
public final class HourOfWeekForecaster implements Forecaster {

    private static final int HOURS_PER_WEEK = 168;
    private static final long HOUR = 3600;

    private final int weeks;
    private final Duration levelWindow;
    private final Duration tau;

    /**
     * @param weeks how many weeks of history the shape averages, 1 to 52
     * @param levelWindow how much recent history sets the level, from one hour to one week
     * @param tau the decay time of the last anomaly; zero turns the persistence part off
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public HourOfWeekForecaster(int weeks, Duration levelWindow, Duration tau) {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("weeks " + weeks + " is not between 1 and 52");
        }
        if (levelWindow.compareTo(Duration.ofHours(1)) < 0 || levelWindow.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("level window " + levelWindow + " is not between 1 hour and 7 days");
        }
        if (tau.isNegative()) {
            throw new IllegalArgumentException("tau " + tau + " is negative");
        }
        this.weeks = weeks;
        this.levelWindow = levelWindow;
        this.tau = tau;
    }

    /** @return the settings whose error docs/intensity.md reports: 4 weeks, a 24-hour level, tau 3 hours */
    public static HourOfWeekForecaster defaults() {
        return new HourOfWeekForecaster(4, Duration.ofHours(24), Duration.ofHours(3));
    }

    @Override
    public Forecast forecast(IntensityTrace history, Instant issuedAt, Duration horizon) {
        Issue is = Issue.of(history, issuedAt, horizon, Duration.ofDays(7));
        long issue = issuedAt.getEpochSecond();
        double[] shape = shape(history, is.known(), issue - weeks * 7 * 86_400L);
        long levelFrom = issue - levelWindow.toSeconds();
        double actual = 0;
        double modelled = 0;
        for (int i = is.known() - 1; i >= 0 && history.epochSecond(i) >= levelFrom; i--) {
            actual += history.value(i);
            modelled += shape[hourOfWeek(history.epochSecond(i))];
        }
        double scale = modelled > 0 ? actual / modelled : 1;
        int last = is.known() - 1;
        double anomaly = history.value(last) - scale * shape[hourOfWeek(history.epochSecond(last))];
        double[] v = new double[is.points()];
        for (int i = 0; i < v.length; i++) {
            long t = is.epochSecond(i);
            double fade = tau.isZero() ? 0 : Math.exp(-(double) (t - history.epochSecond(last)) / tau.toSeconds());
            v[i] = Math.max(0, scale * shape[hourOfWeek(t)] + anomaly * fade);
        }
        return Forecast.of(Issue.signal(history, name(), issuedAt), issuedAt, is.firstEpochSecond(), history.step(), v);
    }

    /** @return the mean value of each hour of the week over the known points starting at or after {@code from} */
    private static double[] shape(IntensityTrace history, int known, long from) {
        double[] sum = new double[HOURS_PER_WEEK];
        int[] count = new int[HOURS_PER_WEEK];
        double all = 0;
        int n = 0;
        for (int i = known - 1; i >= 0 && history.epochSecond(i) >= from; i--) {
            int h = hourOfWeek(history.epochSecond(i));
            sum[h] += history.value(i);
            count[h]++;
            all += history.value(i);
            n++;
        }
        double mean = all / n;
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            sum[h] = count[h] > 0 ? sum[h] / count[h] : mean;
        }
        return sum;
    }

    /** @return 0 to 167; the epoch began on a Thursday, so 0 is Thursday 00:00 UTC (any fixed origin will do) */
    private static int hourOfWeek(long epochSecond) {
        return Math.floorMod(Math.floorDiv(epochSecond, HOUR), HOURS_PER_WEEK);
    }

    @Override
    public String name() {
        return "hour-of-week";
    }

    @Override
    public String toString() {
        return "HourOfWeekForecaster[weeks=%d, level=%s, tau=%s]".formatted(weeks, levelWindow, tau);
    }
}
