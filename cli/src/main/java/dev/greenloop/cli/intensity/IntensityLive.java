package dev.greenloop.cli.intensity;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.ProviderCalls;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code intensity now|forecast|history|best --provider P}: the live side of those commands, through
 * {@link IntensityService}. Every forecast fetched is archived (by the provider's sink) and so is every actual, in
 * the store of {@code GREENLOOP_DB}/{@code GREENLOOP_HOME}. A provider failure exits 1 with its message; an
 * unknown provider or zone, a bad base URL or a missing credential exits 2.
 */
final class IntensityLive {

    private IntensityLive() {
    }

    /** A command body that may fail with a provider failure. */
    @FunctionalInterface
    interface Body {
        int run(IntensityService service, LiveProvider provider) throws IOException;
    }

    /** @return the service on the command's settings (environment, config file, store) */
    static IntensityService service(CommandSpec spec) {
        return IntensityService.of(Main.settings(spec).effectiveEnvironment());
    }

    /** Opens the provider of {@code options}, runs {@code body}, and reports a provider failure as exit 1. */
    static int run(CommandSpec spec, IntensityOptions options, Body body) throws IOException {
        java.time.Duration refresh = options.refresh();
        try (IntensityService service = service(spec)) {
            LiveProvider provider = ProviderCalls.call(options.provider, () -> service.provider(options.provider, options.trace.signal, refresh));
            return ProviderCalls.call(provider.name(), () -> {
                try {
                    return body.run(service, provider);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (ProviderCalls.ProviderFailure e) {
            spec.commandLine().getErr().println("greenloop: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static int now(CommandSpec spec, IntensityOptions options) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String zone = options.zone();
        return run(spec, options, (service, provider) -> {
            Instant asked = Instant.now();
            IntensityService.LiveNow now = service.now(provider, zone);
            LivePoint p = now.point();
            int kept = now.archived();
            Duration length = p.interval().duration();
            double value = p.intensity().gramsPerKWh();
            Duration age = now.age(asked);
            if (now.stale(asked)) {
                spec.commandLine().getErr().printf(Locale.ROOT,
                        "greenloop: %s: the newest value for %s covers %s to %s UTC, %s ago: stale (older than %d h), so not shown as"
                                + " current; try again later, or use --trace for offline data%n",
                        provider.name(), p.zone(), Times.table(p.interval().start()), Times.table(p.interval().end()), ago(age),
                        IntensityService.STALE_AFTER.toHours());
                return 1;
            }
            if (options.json) {
                try (var g = RunJson.generator(out)) {
                    g.writeStartObject();
                    g.writeStringField("location", p.zone());
                    g.writeStringField("timestamp", Times.iso(p.interval().start()));
                    g.writeNumberField("duration", length.toSeconds() / 60.0);
                    g.writeNumberField("value", value);
                    g.writeStringField("at", Times.iso(asked));
                    IntensityJson.signal(g, p.signal());
                    g.writeStringField("issuedAt", Times.iso(p.issuedAt()));
                    g.writeStringField("provider", provider.name());
                    g.writeNumberField("archived", kept);
                    g.writeNumberField("ageSeconds", age.toSeconds());
                    g.writeEndObject();
                }
                out.println();
                return 0;
            }
            out.printf(Locale.ROOT, "%s now: %.1f gCO2eq/kWh (%s; %s, %s to %s, issued %s%s)%n", p.zone(), value, p.signal().label(),
                    p.signal().source(), Times.table(p.interval().start()), Times.table(p.interval().end()), Times.table(p.issuedAt()),
                    age.isZero() ? "" : "; ended " + ago(age) + " ago, the provider's newest");
            return 0;
        });
    }

    /** @return a duration as {@code 45 min} or {@code 3 h 05 min} */
    private static String ago(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 60 ? minutes + " min" : "%d h %02d min".formatted(minutes / 60, minutes % 60);
    }

    /** @param hours how many hours of the forecast to show, or null for all of it */
    static int forecast(CommandSpec spec, IntensityOptions options, Integer hours) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String zone = options.zone();
        return run(spec, options, (service, provider) -> {
            List<LivePoint> shown = service.forecast(provider, zone, hours);
            LivePoint first = shown.getFirst();
            if (options.json) {
                try (var g = RunJson.generator(out)) {
                    g.writeStartObject();
                    g.writeStringField("location", first.zone());
                    g.writeStringField("generatedAt", Times.iso(first.issuedAt()));
                    IntensityJson.signal(g, first.signal());
                    g.writeStringField("provider", provider.name());
                    g.writeStringField("archive", service.archiveLocation());
                    g.writeArrayFieldStart("forecastData");
                    for (LivePoint p : shown) {
                        IntensityJson.point(g, p.zone(), p.interval().start(), p.interval().duration(), p.intensity().gramsPerKWh());
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out.println();
                return 0;
            }
            out.printf("%s: %s, %s, issued %s (archived in %s)%n", first.zone(), first.signal().label(), first.signal().source(),
                    Times.table(first.issuedAt()), service.archiveLocation());
            table(shown, false).print(out);
            return 0;
        });
    }

    static int history(CommandSpec spec, IntensityOptions options, String from, String to) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String zone = options.zone();
        Instant b = to == null ? Instant.now() : IntensityOptions.time("--to", to);
        Instant a = from == null ? b.minus(Duration.ofHours(24)) : IntensityOptions.time("--from", from);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s".formatted(a, b));
        }
        return run(spec, options, (service, provider) -> {
            IntensityService.LiveHistory history = service.history(provider, zone, a, b);
            List<LivePoint> points = history.points();
            int kept = history.archived();
            if (options.json) {
                try (var g = RunJson.generator(out)) {
                    g.writeStartObject();
                    g.writeStringField("location", points.isEmpty() ? zone : points.getFirst().zone());
                    if (!points.isEmpty()) {
                        IntensityJson.signal(g, points.getFirst().signal());
                    }
                    g.writeStringField("provider", provider.name());
                    g.writeNumberField("archived", kept);
                    g.writeArrayFieldStart("data");
                    for (LivePoint p : points) {
                        point(g, p);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out.println();
                return 0;
            }
            if (points.isEmpty()) {
                out.printf("%s: the provider has no points from %s to %s%n", zone, Times.table(a), Times.table(b));
                return 0;
            }
            LivePoint first = points.getFirst();
            out.printf("%s: %s, %s%n", first.zone(), first.signal().label(), first.signal().source());
            table(points, true).print(out);
            return 0;
        });
    }

    /** One point with its own label, since a provider's history may mix actuals and forecasts. */
    private static void point(JsonGenerator g, LivePoint p) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", p.zone());
        g.writeStringField("timestamp", Times.iso(p.interval().start()));
        g.writeNumberField("duration", p.interval().duration().toSeconds() / 60.0);
        g.writeNumberField("value", p.intensity().gramsPerKWh());
        g.writeStringField("signal", p.signal().label());
        g.writeStringField("issuedAt", Times.iso(p.issuedAt()));
        g.writeEndObject();
    }

    private static Table table(List<LivePoint> points, boolean withResolution) {
        Table t = withResolution ? new Table("start (UTC)", ">minutes", ">gCO2eq/kWh", "resolution")
                : new Table("start (UTC)", ">minutes", ">gCO2eq/kWh");
        for (LivePoint p : points) {
            String v = String.format(Locale.ROOT, "%.1f", p.intensity().gramsPerKWh());
            if (withResolution) {
                t.row(Times.table(p.interval().start()), p.interval().duration().toMinutes(), v, p.signal().resolution());
            } else {
                t.row(Times.table(p.interval().start()), p.interval().duration().toMinutes(), v);
            }
        }
        return t;
    }
}
