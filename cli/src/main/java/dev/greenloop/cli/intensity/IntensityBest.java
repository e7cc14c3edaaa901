package dev.greenloop.cli.intensity;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.BestWindow.Choice;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
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
 * {@code greenloop intensity best}: what the Carbon Aware SDK's best-window query answers — the zone
 * and whole-minute start with the lowest mean intensity for a job of a given length within a window.
 */
@Command(name = "best", description = "The best zone and start (any minute) for a job of --duration within [--from, --to), across --zone's; on their traces or on the --provider's forecast.")
final class IntensityBest implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IntensityOptions options;

    @Option(names = "--duration", required = true, paramLabel = "D", description = "The job's length: 30m, 2h, PT90M.")
    String duration;

    @Option(names = "--from", paramLabel = "TIME", description = "Earliest start (default: the latest trace start).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "The job must end by then (default: the earliest trace end).")
    String to;

    @Option(names = "--forecast", description = "Choose on the forecast issued at --from (trace points before it); report the real outcome too.")
    boolean forecast;

    @Override
    public Integer call() throws IOException {
        if (options.zones.isEmpty()) {
            throw new UsageException("--zone: give at least one zone, e.g. --zone ES --zone NO");
        }
        Duration d = Durations.parse("--duration", duration);
        if (options.live()) {
            if (forecast) {
                throw new UsageException("--forecast: with --provider the choice is always made on the provider's forecast; drop --forecast");
            }
            return IntensityLive.run(spec, options, (service, provider) -> {
                List<IntensityTrace> traces = service.forecastTraces(provider, options.zones);
                // A provider's forecast may begin with the interval under way: by default, start no earlier than now.
                Instant now = Instant.ofEpochSecond(Math.ceilDiv(Instant.now().getEpochSecond(), 60) * 60);
                return choose(traces, d, now);
            });
        }
        List<IntensityTrace> traces = new ArrayList<>();
        for (String z : options.zones) {
            traces.add(options.trace(z));
        }
        return choose(traces, d, Instant.MIN);
    }

    /** @param notBefore the earliest default start (the window's start unless {@code --from} is given) */
    private int choose(List<IntensityTrace> traces, Duration d, Instant notBefore) throws IOException {
        Instant latestStart = traces.stream().map(IntensityTrace::start).max(Instant::compareTo).orElseThrow();
        Instant a = from != null ? IntensityOptions.time("--from", from) : latestStart.isBefore(notBefore) ? notBefore : latestStart;
        Instant b = to != null ? IntensityOptions.time("--to", to) : traces.stream().map(IntensityTrace::end).min(Instant::compareTo).orElseThrow();
        if (Duration.between(a, b).compareTo(d) < 0) {
            throw new UsageException("the window %s to %s (%s) is shorter than --duration %s; widen --from/--to"
                    .formatted(a, b, Durations.format(Duration.between(a, b)), Durations.format(d)));
        }
        if (forecast && from == null) {
            throw new UsageException("--forecast: give --from, the time the forecast is issued");
        }
        IntensityService.Best result;
        try {
            result = IntensityService.best(traces, a, b, d, forecast);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Choice> picks = result.byZone();
        Choice best = result.best();
        Double actual = result.actualMean();
        Choice hindsight = result.hindsight();
        if (options.json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("location", best.zone());
                g.writeStringField("timestamp", Times.iso(best.start()));
                g.writeNumberField("duration", d.toSeconds() / 60.0);
                g.writeNumberField("value", best.meanGramsPerKWh());
                g.writeNumberField("rating", best.meanGramsPerKWh());
                IntensityJson.signal(g, best.signal());
                g.writeStringField("windowStart", Times.iso(a));
                g.writeStringField("windowEnd", Times.iso(b));
                if (forecast) {
                    if (actual == null) {
                        g.writeNullField("actualValue");
                    } else {
                        g.writeNumberField("actualValue", actual);
                    }
                    if (hindsight != null) {
                        g.writeFieldName("hindsightBest");
                        IntensityJson.point(g, hindsight.zone(), hindsight.start(), d, hindsight.meanGramsPerKWh());
                    }
                }
                g.writeArrayFieldStart("byLocation");
                for (Choice p : picks) {
                    write(g, p, d);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "best: %s at %s for %s, mean %.1f gCO2eq/kWh (%s)%n", best.zone(), Times.table(best.start()),
                Durations.format(d), best.meanGramsPerKWh(), best.signal().label());
        if (forecast) {
            spec.commandLine().getOut().printf(Locale.ROOT, "  actual mean over that window: %s%n", actual == null ? "not in the trace" : String.format(Locale.ROOT, "%.1f gCO2eq/kWh", actual));
            if (hindsight != null) {
                spec.commandLine().getOut().printf(Locale.ROOT, "  best in hindsight: %s at %s, %.1f gCO2eq/kWh%n", hindsight.zone(), Times.table(hindsight.start()), hindsight.meanGramsPerKWh());
            }
        }
        Table t = new Table("zone", "best start (UTC)", ">mean gCO2eq/kWh", "source");
        for (Choice p : picks) {
            t.row(p.zone(), Times.table(p.start()), String.format(Locale.ROOT, "%.1f", p.meanGramsPerKWh()), p.signal().source());
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }

    private static void write(JsonGenerator g, Choice p, Duration d) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", p.zone());
        g.writeStringField("timestamp", Times.iso(p.start()));
        g.writeNumberField("duration", d.toSeconds() / 60.0);
        g.writeNumberField("value", p.meanGramsPerKWh());
        IntensityJson.signal(g, p.signal());
        g.writeEndObject();
    }
}
