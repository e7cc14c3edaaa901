package dev.greenloop.cli.intensity;

import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.forecast.Backtest;
import dev.greenloop.carbon.forecast.Backtest.Row;
import dev.greenloop.carbon.forecast.ForecastEvaluation;
import dev.greenloop.carbon.live.UnknownProviderException;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop intensity backtest}: how good were the real forecasts archived in the store? For each
 * forecast issued in {@code [--from, --to)}, horizon {@code h} scores the forecast point covering
 * {@code issuedAt + h − 1 s} against the actual covering the same instant (from the archive, or a
 * {@code --trace}); MAPE = mean of |forecast − actual| / actual × 100 over the issues where both exist
 * (actuals of zero are left out). The same is done for Greenloop's hour-of-week forecaster and for persistence,
 * issued at the same times on the actuals known then. The scoring is {@link Backtest}'s, through
 * {@link IntensityService#backtest}; this command parses and renders.
 */
@Command(name = "backtest", description = "MAPE by horizon (1 h, 6 h, 24 h, 48 h) of the provider forecasts archived for --zone, issued in"
        + " [--from, --to), against archived actuals (or --trace); Greenloop's forecaster and persistence issued at the same times for comparison.")
final class IntensityBacktest implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The horizons scored. */
    private static final List<Duration> HORIZONS = Backtest.HORIZONS;

    @Mixin
    IntensityOptions options;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First issue time to score.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "Issue times before this are scored.")
    String to;

    @Option(names = "--source", paramLabel = "TEXT", description = "Only forecasts and actuals whose source contains TEXT (--provider P does the same).")
    String source;

    @Override
    public Integer call() throws IOException {
        String zone = options.zone();
        Instant a = IntensityOptions.time("--from", from);
        Instant b = IntensityOptions.time("--to", to);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s".formatted(a, b));
        }
        if (options.provider != null && source != null) {
            throw new UsageException("--provider and --source: give one of them");
        }
        if (options.refresh != null) {
            throw new UsageException("--refresh %s: backtest reads the archive and fetches nothing; drop --refresh".formatted(options.refresh));
        }
        try (IntensityService service = IntensityLive.service(spec)) {
            Backtest.Result result;
            try {
                result = service.backtest(zone, a, b, options.provider, source, options.trace.isEmpty() ? null : () -> options.trace(zone));
            } catch (UnknownProviderException e) {
                throw new UsageException("--provider: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (options.json) {
                json(zone, a, b, result.actualsFrom(), result.rows());
            } else {
                text(spec.commandLine().getOut(), zone, a, b, result.actualsFrom(), result.rows());
            }
            return 0;
        }
    }

    private void json(String zone, Instant a, Instant b, String actualsFrom, List<Row> rows) throws IOException {
        try (var g = RunJson.generator(spec.commandLine().getOut())) {
            g.writeStartObject();
            g.writeStringField("location", zone);
            g.writeStringField("issuedFrom", Times.iso(a));
            g.writeStringField("issuedTo", Times.iso(b));
            g.writeStringField("actuals", actualsFrom);
            g.writeStringField("method", Backtest.METHOD);
            g.writeArrayFieldStart("forecasters");
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("source", r.source());
                g.writeStringField("signal", r.signal());
                g.writeNumberField("issues", r.issues());
                if (r.note() != null) {
                    g.writeStringField("note", r.note());
                }
                g.writeArrayFieldStart("errors");
                for (int h = 0; h < HORIZONS.size(); h++) {
                    g.writeStartObject();
                    g.writeNumberField("horizonHours", HORIZONS.get(h).toHours());
                    ForecastEvaluation.HorizonError e = r.errors().get(h);
                    if (Double.isNaN(e.mapePercent())) {
                        g.writeNullField("mapePercent");
                    } else {
                        g.writeNumberField("mapePercent", e.mapePercent());
                    }
                    g.writeNumberField("count", e.count());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        spec.commandLine().getOut().println();
    }

    private static void text(PrintWriter out, String zone, Instant a, Instant b, String actualsFrom, List<Row> rows) {
        out.printf("%s: forecasts issued %s to %s, scored against %s%n", zone, Times.table(a), Times.table(b), actualsFrom);
        out.println("MAPE % by horizon (scored issues in brackets)");
        List<String> header = new ArrayList<>(List.of("forecaster", ">issues"));
        HORIZONS.forEach(h -> header.add(">" + h.toHours() + " h"));
        Table t = new Table(header.toArray(String[]::new));
        for (Row r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.name(), r.issues()));
            for (int h = 0; h < HORIZONS.size(); h++) {
                ForecastEvaluation.HorizonError e = r.errors().get(h);
                cells.add(Double.isNaN(e.mapePercent()) ? "-" : String.format(Locale.ROOT, "%.1f (%d)", e.mapePercent(), e.count()));
            }
            t.row(cells.toArray());
        }
        t.print(out);
        for (Row r : rows) {
            if (r.note() != null) {
                out.println("  " + r.name() + ": " + r.note());
            }
        }
    }
}
