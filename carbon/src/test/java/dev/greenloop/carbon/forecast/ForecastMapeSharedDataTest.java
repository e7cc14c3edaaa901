package dev.greenloop.carbon.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.testfixtures.SharedData;
import dev.greenloop.carbon.TraceFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MAPE by horizon of the forecaster and the naive baselines on the shared real traces. Asserts the evaluation
 * ran on every origin and produced finite errors, not that the forecaster wins; the table of docs/intensity.md
 * is printed by bench/forecast-mape.sh (dev.greenloop.bench.ForecastMape).
 */
class ForecastMapeSharedDataTest {

    static final List<Duration> HORIZONS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));

    @Test
    void evaluate_sharedTraces_everyOriginFiniteErrors() throws IOException {
        String[][] traces = {
                {"ES", "em_ES_2022_hourly.csv"}, {"NO", "em_NO_2022_hourly.csv"},
                {"DE", "lwa_ger_2020_ci.csv"}, {"GB", "lwa_gb_2020_ci.csv"}, {"FR", "lwa_fr_2020_ci.csv"}};
        List<Forecaster> forecasters = List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence(), NaiveForecasters.yesterdaySameHour());
        for (String[] z : traces) {
            IntensityTrace trace = TraceFiles.read(SharedData.carbon(z[1]), z[0], TraceFiles.Basis.LIFECYCLE);
            var results = ForecastEvaluation.evaluate(trace, forecasters, HORIZONS, Duration.ofDays(28));
            int origins = results.get(0).errors().get(0).count();
            assertTrue(origins > 300, z[1] + ": " + origins + " origins");
            for (var r : results) {
                for (var e : r.errors()) {
                    assertTrue(Double.isFinite(e.mapePercent()) && e.mapePercent() >= 0, e.toString());
                    assertEquals(origins, e.count(), z[1]);
                }
            }
        }
    }
}
