package dev.greenloop.carbon.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {

    @Test
    void mape_knownPairs_isTheMeanRelativeErrorInPercent() {
        assertEquals((10.0 + 50.0) / 2, ForecastEvaluation.mape(new double[] {110, 50, 7}, new double[] {100, 100, 0}), 1e-12);
        assertTrue(Double.isNaN(ForecastEvaluation.mape(new double[] {1}, new double[] {0})));
        assertThrows(IllegalArgumentException.class, () -> ForecastEvaluation.mape(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void evaluate_periodicTrace_hourOfWeekNearZeroAndPersistenceMatchesHandComputedMape() {
        IntensityTrace trace = HourOfWeekForecasterTest.weekly(42, 3600);
        List<Duration> horizons = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));
        var results = ForecastEvaluation.evaluate(trace, List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence()), horizons,
                Duration.ofDays(28));
        for (var e : results.get(0).errors()) {
            assertEquals(0, e.mapePercent(), 1e-9, e.toString());
        }
        // persistence at 6 h, by hand: origins every midnight from day 28 to the last that leaves 48 h
        double sum = 0;
        int n = 0;
        for (long d = 28; d <= 40; d++) {
            Instant origin = Instant.ofEpochSecond(HourOfWeekForecasterTest.T0 + d * 86_400);
            double last = trace.value(trace.indexAt(origin.minusSeconds(1)));
            double actual = trace.value(trace.indexAt(origin.plus(Duration.ofHours(6)).minusSeconds(1)));
            sum += Math.abs(last - actual) / actual;
            n++;
        }
        var six = results.get(1).errors().get(1);
        assertEquals(n, six.count());
        assertEquals(100 * sum / n, six.mapePercent(), 1e-9);
        assertEquals("persistence", results.get(1).forecaster());
    }

    @Test
    void evaluate_traceTooShort_isRejected() {
        IntensityTrace trace = HourOfWeekForecasterTest.weekly(8, 3600);
        assertThrows(IllegalArgumentException.class, () -> ForecastEvaluation.evaluate(trace, List.of(NaiveForecasters.persistence()),
                List.of(Duration.ofHours(48)), Duration.ofDays(7)));
    }
}
