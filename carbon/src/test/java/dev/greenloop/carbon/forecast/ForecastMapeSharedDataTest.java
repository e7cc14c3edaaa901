package dev.greenloop.carbon.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.testfixtures.SharedData;
import dev.greenloop.carbon.TraceFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * MAPE by horizon of the forecaster and the naive baselines on the shared real traces, printed as the
 * Markdown table of docs/intensity.md (bench/forecast-mape.sh runs this test and shows it). Asserts the
 * evaluation ran on every origin and produced finite errors, not that the forecaster wins.
 */
class ForecastMapeSharedDataTest {

    static final List<Duration> HORIZONS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));

    @Test
    void evaluate_sharedTraces_printsMapeTable() throws IOException {
        String[][] traces = {
                {"ES", "em_ES_2022_hourly.csv"}, {"NO", "em_NO_2022_hourly.csv"},
                {"DE", "lwa_ger_2020_ci.csv"}, {"GB", "lwa_gb_2020_ci.csv"}, {"FR", "lwa_fr_2020_ci.csv"}};
        List<Forecaster> forecasters = List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence(), NaiveForecasters.yesterdaySameHour());
        StringBuilder table = new StringBuilder("| trace | step | origins | forecaster | 1 h | 6 h | 24 h | 48 h |\n|---|---|---|---|---|---|---|---|\n");
        for (String[] z : traces) {
            IntensityTrace trace = TraceFiles.read(SharedData.carbon(z[1]), z[0], TraceFiles.Basis.LIFECYCLE);
            var results = ForecastEvaluation.evaluate(trace, forecasters, HORIZONS, Duration.ofDays(28));
            int origins = results.get(0).errors().get(0).count();
            assertTrue(origins > 300, z[1] + ": " + origins + " origins");
            for (var r : results) {
                table.append(String.format(Locale.ROOT, "| %s | %d min | %d | %s |", z[1], trace.step().toMinutes(), origins, r.forecaster()));
                for (var e : r.errors()) {
                    assertTrue(Double.isFinite(e.mapePercent()) && e.mapePercent() >= 0, e.toString());
                    assertEquals(origins, e.count(), z[1]);
                    table.append(String.format(Locale.ROOT, " %.1f |", e.mapePercent()));
                }
                table.append('\n');
            }
        }
        System.out.println("FORECAST-MAPE-TABLE\n" + table + "END-FORECAST-MAPE-TABLE");
    }
}
