package dev.greenloop.bench;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.forecast.ForecastEvaluation;
import dev.greenloop.carbon.forecast.Forecaster;
import dev.greenloop.carbon.forecast.HourOfWeekForecaster;
import dev.greenloop.carbon.forecast.NaiveForecasters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The forecast error table of docs/intensity.md: MAPE by horizon of the hour-of-week forecaster and two naive
 * baselines on the shared real traces (rolling origin, daily at 00:00 UTC, 28 days of warm-up), printed as
 * Markdown. Run by {@code bench/forecast-mape.sh}.
 *
 * <p>Usage: {@code ForecastMape DIR}, where DIR holds the shared carbon traces ({@code shared/data/carbon}).
 */
public final class ForecastMape {

    /** The horizons of the table. */
    static final List<Duration> HORIZONS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));

    /** Zone and file of each shared trace, in the table's order. */
    static final String[][] TRACES = {
            {"ES", "em_ES_2022_hourly.csv"}, {"NO", "em_NO_2022_hourly.csv"},
            {"DE", "lwa_ger_2020_ci.csv"}, {"GB", "lwa_gb_2020_ci.csv"}, {"FR", "lwa_fr_2020_ci.csv"}};

    private ForecastMape() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: ForecastMape DIR (the shared carbon traces, shared/data/carbon)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Forecaster> forecasters = List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence(), NaiveForecasters.yesterdaySameHour());
        StringBuilder table = new StringBuilder("| trace | step | origins | forecaster | 1 h | 6 h | 24 h | 48 h |\n|---|---|---|---|---|---|---|---|\n");
        for (String[] z : TRACES) {
            IntensityTrace trace = TraceFiles.read(dir.resolve(z[1]), z[0], TraceFiles.Basis.LIFECYCLE);
            var results = ForecastEvaluation.evaluate(trace, forecasters, HORIZONS, Duration.ofDays(28));
            int origins = results.getFirst().errors().getFirst().count();
            for (var r : results) {
                table.append(String.format(Locale.ROOT, "| %s | %d min | %d | %s |", z[1], trace.step().toMinutes(), origins, r.forecaster()));
                for (var e : r.errors()) {
                    table.append(String.format(Locale.ROOT, " %.1f |", e.mapePercent()));
                }
                table.append('\n');
            }
        }
        System.out.print(table);
    }
}
