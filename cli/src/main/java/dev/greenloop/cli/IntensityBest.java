package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.forecast.Forecast;
import dev.greenloop.core.CarbonSignal;
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
import picocli.CommandLine.Option;

/**
 * {@code greenloop intensity best}: what the Carbon Aware SDK's best-window query answers — the zone
 * and whole-minute start with the lowest mean intensity for a job of a given length within a window.
 */
@Command(name = "best", description = "The best zone and start (any minute) for a job of --duration within [--from, --to), across --zone's; on their traces or on the --provider's forecast.")
final class IntensityBest implements Callable<Integer> {

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

    private record Pick(String zone, CarbonSignal signal, Instant start, double mean) {
    }

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
            return IntensityLive.run(options, (providers, provider) -> {
                List<IntensityTrace> traces = new ArrayList<>();
                for (String z : options.zones) {
                    traces.add(IntensityProviders.trace(IntensityProviders.call(provider.name(), () -> provider.forecast(z))));
                }
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
        List<Pick> picks = new ArrayList<>();
        for (IntensityTrace trace : traces) {
            IntensityTrace chosenOn = trace;
            if (forecast) {
                Forecast f = IntensityForecast.issue(trace, a, Duration.between(a, b).plus(trace.step()));
                chosenOn = f.toTrace();
            }
            picks.add(pick(trace.zone(), chosenOn, a, b, d));
        }
        Pick best = picks.getFirst();
        for (Pick p : picks) {
            if (p.mean() < best.mean()) {
                best = p;
            }
        }
        IntensityTrace bestTrace = traces.get(picks.indexOf(best));
        Double actual = null;
        Pick hindsight = null;
        if (forecast) {
            Instant end = best.start().plus(d);
            if (!best.start().isBefore(bestTrace.start()) && !end.isAfter(bestTrace.end())) {
                actual = new IntensityBestWindow(bestTrace).mean(best.start().getEpochSecond(), d.toSeconds());
            }
            for (IntensityTrace trace : traces) {
                if (!a.isBefore(trace.start()) && !b.isAfter(trace.end())) {
                    Pick p = pick(trace.zone(), trace, a, b, d);
                    if (hindsight == null || p.mean() < hindsight.mean()) {
                        hindsight = p;
                    }
                }
            }
        }
        if (options.json) {
            try (var g = RunJson.generator(System.out)) {
                g.writeStartObject();
                g.writeStringField("location", best.zone());
                g.writeStringField("timestamp", Times.iso(best.start()));
                g.writeNumberField("duration", d.toSeconds() / 60.0);
                g.writeNumberField("value", best.mean());
                g.writeNumberField("rating", best.mean());
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
                        IntensityJson.point(g, hindsight.zone(), hindsight.start(), d, hindsight.mean());
                    }
                }
                g.writeArrayFieldStart("byLocation");
                for (Pick p : picks) {
                    write(g, p, d);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            System.out.println();
            return 0;
        }
        System.out.printf(Locale.ROOT, "best: %s at %s for %s, mean %.1f gCO2eq/kWh (%s)%n", best.zone(), Times.table(best.start()),
                Durations.format(d), best.mean(), best.signal().label());
        if (forecast) {
            System.out.printf(Locale.ROOT, "  actual mean over that window: %s%n", actual == null ? "not in the trace" : String.format(Locale.ROOT, "%.1f gCO2eq/kWh", actual));
            if (hindsight != null) {
                System.out.printf(Locale.ROOT, "  best in hindsight: %s at %s, %.1f gCO2eq/kWh%n", hindsight.zone(), Times.table(hindsight.start()), hindsight.mean());
            }
        }
        Table t = new Table("zone", "best start (UTC)", ">mean gCO2eq/kWh", "source");
        for (Pick p : picks) {
            t.row(p.zone(), Times.table(p.start()), String.format(Locale.ROOT, "%.1f", p.mean()), p.signal().source());
        }
        t.print(System.out);
        return 0;
    }

    private static Pick pick(String zone, IntensityTrace on, Instant a, Instant b, Duration d) {
        try {
            IntensityBestWindow.Choice c = new IntensityBestWindow(on).best(a, b, d);
            return new Pick(zone, on.signal(), c.start(), c.meanGramsPerKWh());
        } catch (IllegalArgumentException e) {
            throw new UsageException(zone + ": " + e.getMessage());
        }
    }

    private static void write(JsonGenerator g, Pick p, Duration d) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", p.zone());
        g.writeStringField("timestamp", Times.iso(p.start()));
        g.writeNumberField("duration", d.toSeconds() / 60.0);
        g.writeNumberField("value", p.mean());
        IntensityJson.signal(g, p.signal());
        g.writeEndObject();
    }
}
