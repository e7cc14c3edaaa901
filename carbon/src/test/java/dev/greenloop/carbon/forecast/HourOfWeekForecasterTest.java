package dev.greenloop.carbon.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourOfWeekForecasterTest {

    static final long T0 = Instant.parse("2022-01-03T00:00:00Z").getEpochSecond();

    /** A trace that repeats every week: a daily wave, weekends lower. */
    static IntensityTrace weekly(int days, long stepSeconds) {
        int n = (int) (days * 86_400L / stepSeconds);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * stepSeconds;
            double hour = (t[i] % 86_400) / 3600.0;
            long dow = Math.floorMod((t[i] - T0) / 86_400, 7);
            v[i] = 300 + 100 * Math.sin(2 * Math.PI * hour / 24) * (dow >= 5 ? 0.5 : 1) - (dow >= 5 ? 80 : 0) + (int) hour % 3;
        }
        return IntensityTrace.of(new CarbonSignal("XX", "average", "lifecycle", "actual", "synthetic"), t, v, "synthetic", null);
    }

    @Test
    void forecast_weeklyPeriodicTrace_isExact() {
        IntensityTrace trace = weekly(42, 3600);
        Instant issue = Instant.ofEpochSecond(T0 + 30 * 86_400L + 7 * 3600);
        Forecast f = HourOfWeekForecaster.defaults().forecast(trace, issue, Duration.ofHours(48));
        assertEquals(48, f.size());
        assertEquals(issue, f.start());
        for (int i = 0; i < f.size(); i++) {
            double actual = trace.value(trace.indexAt(f.time(i)));
            assertEquals(actual, f.value(i), 1e-9, "point " + i);
        }
        assertEquals("forecast", f.signal().resolution());
        assertTrue(f.signal().source().contains("hour-of-week") && f.signal().source().contains(issue.toString()), f.signal().source());
    }

    @Test
    void forecast_levelShift_isFollowedAfterPersistenceFades() {
        IntensityTrace base = weekly(35, 3600);
        double[] v = base.values();
        for (int i = v.length - 48; i < v.length; i++) {
            v[i] *= 1.5; // the last two days are half again as dirty
        }
        IntensityTrace shifted = IntensityTrace.of(base.signal(), base.epochSeconds(), v, "shifted", null);
        Forecast f = HourOfWeekForecaster.defaults().forecast(shifted, shifted.end(), Duration.ofHours(24));
        IntensityTrace aWeekAgo = base;
        int i = 20;
        double sameHourLastWeek = aWeekAgo.value(aWeekAgo.indexAt(f.time(i).minus(Duration.ofDays(7))));
        assertTrue(f.value(i) > 1.3 * sameHourLastWeek, f.value(i) + " vs " + sameHourLastWeek);
    }

    @Test
    void forecast_midStepIssue_startsOnTheNextGridPoint() {
        IntensityTrace trace = weekly(14, 900);
        Instant issue = Instant.ofEpochSecond(T0 + 8 * 86_400L + 600);
        Forecast f = HourOfWeekForecaster.defaults().forecast(trace, issue, Duration.ofHours(1));
        assertEquals(Instant.ofEpochSecond(T0 + 8 * 86_400L + 900), f.start());
        assertEquals(4, f.size());
        assertEquals(Duration.ofMinutes(15), f.step());
    }

    @Test
    void forecast_lessThanAWeekOfHistory_isRejectedWithTheEarliestIssueTime() {
        IntensityTrace trace = weekly(14, 3600);
        var e = assertThrows(IllegalArgumentException.class,
                () -> HourOfWeekForecaster.defaults().forecast(trace, Instant.ofEpochSecond(T0 + 86_400), Duration.ofHours(24)));
        assertTrue(e.getMessage().contains("2022-01-10T00:00:00Z"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HourOfWeekForecaster.defaults().forecast(trace, trace.end().plus(Duration.ofHours(2)), Duration.ofHours(24)));
    }

    @Test
    void naive_persistenceAndYesterday_followTheirDefinitions() {
        IntensityTrace trace = weekly(10, 3600);
        Instant issue = Instant.ofEpochSecond(T0 + 9 * 86_400L);
        Forecast p = NaiveForecasters.persistence().forecast(trace, issue, Duration.ofHours(30));
        Forecast y = NaiveForecasters.yesterdaySameHour().forecast(trace, issue, Duration.ofHours(30));
        double last = trace.value(trace.indexAt(issue.minusSeconds(1)));
        for (int i = 0; i < 30; i++) {
            assertEquals(last, p.value(i));
            Instant back = issue.minus(Duration.ofDays(1)).plus(Duration.ofHours(i % 24));
            assertEquals(trace.value(trace.indexAt(back)), y.value(i), "hour " + i);
        }
    }
}
