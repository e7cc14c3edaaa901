package dev.greenloop.carbon.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backtest's scoring on hand-computable cases. */
class BacktestTest {

    static final Instant ISSUE = Instant.parse("2025-03-10T00:00:00Z");
    static final String SRC = "Test API";

    /** An hourly forecast issued at {@code issue}: 48 points, value {@code f(h)} for hour h after the issue. */
    static List<Backtest.Point> forecast(Instant issue, java.util.function.IntToDoubleFunction f) {
        List<Backtest.Point> out = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            Instant s = issue.plus(Duration.ofHours(h));
            out.add(new Backtest.Point(SRC, "average-lifecycle", issue, new Interval(s, s.plus(Duration.ofHours(1))), f.applyAsDouble(h)));
        }
        return out;
    }

    @Test
    void scoreArchived_constantActual_errorsAreTheForecastsOffsets() {
        // Actual 100 everywhere. Issue 1 is off by 10 % at hour 0, 20 % at 5, 30 % at 23, 40 % at 47;
        // issue 2 (a day later) is exact: MAPE 5, 10, 15, 20 over two issues each.
        List<Backtest.Point> points = new ArrayList<>(forecast(ISSUE, h -> switch (h) {
            case 0 -> 110;
            case 5 -> 80;
            case 23 -> 130;
            case 47 -> 60;
            default -> 100;
        }));
        points.addAll(forecast(ISSUE.plus(Duration.ofDays(1)), h -> 100));
        var rows = Backtest.scoreArchived(points, t -> 100);
        assertEquals(1, rows.size());
        var r = rows.getFirst();
        assertEquals(2, r.issues());
        assertEquals(5.0, r.errors().get(0).mapePercent(), 1e-9);
        assertEquals(10.0, r.errors().get(1).mapePercent(), 1e-9);
        assertEquals(15.0, r.errors().get(2).mapePercent(), 1e-9);
        assertEquals(20.0, r.errors().get(3).mapePercent(), 1e-9);
        assertEquals(2, r.errors().get(3).count());
    }

    @Test
    void scoreArchived_missingOrZeroActual_isLeftOutAndCounted() {
        var rows = Backtest.scoreArchived(forecast(ISSUE, h -> 150),
                t -> t.isBefore(ISSUE.plus(Duration.ofHours(2))) ? 100 : t.isBefore(ISSUE.plus(Duration.ofHours(30))) ? 0 : Double.NaN);
        var r = rows.getFirst();
        assertEquals(50.0, r.errors().get(0).mapePercent(), 1e-9);
        assertEquals(1, r.errors().get(0).count());
        assertEquals(0, r.errors().get(1).count());
        assertTrue(Double.isNaN(r.errors().get(2).mapePercent()));
        assertTrue(Double.isNaN(r.errors().get(3).mapePercent()));
    }

    @Test
    void scoreArchived_twoSources_oneRowEach() {
        List<Backtest.Point> points = new ArrayList<>(forecast(ISSUE, h -> 100));
        for (Backtest.Point p : forecast(ISSUE, h -> 120)) {
            points.add(new Backtest.Point("Other API", p.signal(), p.issuedAt(), p.interval(), p.gramsPerKWh()));
        }
        var rows = Backtest.scoreArchived(points, t -> 100);
        assertEquals(2, rows.size());
        assertEquals(0.0, rows.get(0).errors().get(0).mapePercent(), 1e-9);
        assertEquals(20.0, rows.get(1).errors().get(0).mapePercent(), 1e-9);
    }

    /** Hourly: 100 on even hours, 200 on odd hours, for {@code days} days before and after {@link #ISSUE}. */
    static IntensityTrace alternating(int daysBefore) {
        int n = (daysBefore + 3) * 24;
        long[] t = new long[n];
        double[] v = new double[n];
        long start = ISSUE.minus(Duration.ofDays(daysBefore)).getEpochSecond();
        for (int i = 0; i < n; i++) {
            t[i] = start + 3600L * i;
            v[i] = i % 2 == 0 ? 100 : 200;
        }
        return IntensityTrace.of(new CarbonSignal("ZZ", "average", "lifecycle", "actual", "test"), t, v, "test", null);
    }

    @Test
    void scoreForecaster_weeklyPeriodicActuals_hourOfWeekIsExact_persistenceIsNot() {
        IntensityTrace trace = alternating(28);
        Backtest.Actuals actuals = t -> trace.value(trace.indexAt(t));
        var how = Backtest.scoreForecaster(HourOfWeekForecaster.defaults(), trace, List.of(ISSUE), actuals);
        assertEquals(1, how.issues());
        for (var e : how.errors()) {
            assertEquals(0.0, e.mapePercent(), 1e-9);
        }
        // Persistence repeats the last known value, 200 (hour 23 before midnight). Horizon h scores the point
        // covering ISSUE + h - 1 s: hour 0 (100) for 1 h -> 100 %; hour 5 (200) for 6 h -> 0 %; hour 23 (200) -> 0 %; hour 47 (200) -> 0 %.
        var p = Backtest.scoreForecaster(NaiveForecasters.persistence(), trace, List.of(ISSUE), actuals);
        assertEquals(100.0, p.errors().get(0).mapePercent(), 1e-9);
        assertEquals(0.0, p.errors().get(1).mapePercent(), 1e-9);
    }

    @Test
    void scoreForecaster_tooLittleHistory_notIssuedAndSaysWhy() {
        IntensityTrace trace = alternating(3);
        var how = Backtest.scoreForecaster(HourOfWeekForecaster.defaults(), trace, List.of(ISSUE), t -> 100);
        assertEquals(0, how.issues());
        assertTrue(how.note().contains("not issued at 1 of 1"), how.note());
        assertTrue(Double.isNaN(how.errors().get(0).mapePercent()));
    }

    @Test
    void score_archivedActualsFromTwoSources_isRejectedNamingThem() {
        List<Backtest.Point> actuals = new ArrayList<>();
        for (String src : List.of("A", "B")) {
            actuals.add(new Backtest.Point(src, "average-lifecycle", ISSUE, new Interval(ISSUE, ISSUE.plus(Duration.ofHours(1))), 100));
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Backtest.score("ZZ", forecast(ISSUE, h -> 100), actuals));
        assertTrue(e.getMessage().contains("A average-lifecycle, B average-lifecycle"), e.getMessage());
    }

    @Test
    void score_noArchivedActuals_providerRowPlusGreenloopRowsWithNotes() {
        var result = Backtest.score("ZZ", forecast(ISSUE, h -> 100), List.of());
        assertEquals("archive (none stored)", result.actualsFrom());
        assertEquals(3, result.rows().size());
        assertEquals(0, result.rows().get(0).errors().get(0).count());
        assertTrue(result.rows().get(1).note().contains("not a regular series"), result.rows().get(1).note());
    }

    @Test
    void score_traceActuals_labelsTheTraceAndScoresGreenloop() {
        IntensityTrace trace = alternating(28);
        var result = Backtest.score(forecast(ISSUE, h -> h % 2 == 0 ? 100 : 200), trace);
        assertEquals("trace: test", result.actualsFrom());
        assertEquals(0.0, result.rows().get(0).errors().get(3).mapePercent(), 1e-9);
        assertEquals(1, result.rows().get(1).issues());
    }
}
