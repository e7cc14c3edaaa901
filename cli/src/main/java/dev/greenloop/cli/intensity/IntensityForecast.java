package dev.greenloop.cli.intensity;

import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.forecast.Forecast;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop intensity forecast}: Greenloop's hour-of-week forecast of a zone, issued at a time from its trace. */
@Command(name = "forecast", description = "The --provider's newest forecast (archived), or Greenloop's from the zone's --trace (hour-of-week shape, recent level) issued at --at.")
final class IntensityForecast implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IntensityOptions options;

    @Option(names = "--at", paramLabel = "TIME", description = "Issue time: only trace points before it are used (default: the trace's end).")
    String at;

    @Option(names = "--hours", paramLabel = "H", description = "How many hours ahead (default 24 from a trace; a provider's whole forecast).")
    Integer hours;

    /** Issues the forecast, turning the forecaster's rejections into usage errors. */
    static Forecast issue(IntensityTrace trace, Instant issuedAt, Duration horizon) {
        try {
            return IntensityService.forecast(trace, issuedAt, horizon);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        if (hours != null && (hours < 1 || hours > 24 * 14)) {
            throw new UsageException("--hours: %d is not between 1 and 336".formatted(hours));
        }
        if (options.live()) {
            if (at != null) {
                throw new UsageException("--at: a live provider gives its newest forecast only; drop --at (past forecasts are in 'intensity backtest')");
            }
            return IntensityLive.forecast(spec, options, hours);
        }
        int hours = this.hours == null ? 24 : this.hours;
        String zone = options.zone();
        IntensityTrace trace = options.trace(zone);
        Instant issuedAt = at == null ? trace.end() : IntensityOptions.time("--at", at);
        Forecast f = issue(trace, issuedAt, Duration.ofHours(hours));
        if (options.json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("location", trace.zone());
                g.writeStringField("generatedAt", Times.iso(f.issuedAt()));
                IntensityJson.signal(g, f.signal());
                g.writeArrayFieldStart("forecastData");
                for (int i = 0; i < f.size(); i++) {
                    IntensityJson.point(g, trace.zone(), f.time(i), f.step(), f.value(i));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        spec.commandLine().getOut().println(trace.zone() + ": " + f.signal().label() + ", " + f.signal().source());
        Table t = new Table("start (UTC)", ">minutes", ">gCO2eq/kWh");
        for (int i = 0; i < f.size(); i++) {
            t.row(Times.table(f.time(i)), f.step().toMinutes(), String.format(Locale.ROOT, "%.1f", f.value(i)));
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
