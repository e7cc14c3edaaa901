package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code intensity now|forecast|history --provider P}: the live side of those commands. Every forecast fetched
 * is archived (by the provider's sink) and so is every actual, in the store of {@code GREENLOOP_DB}/{@code GREENLOOP_HOME}.
 * A provider failure exits 1 with its message; an unknown zone or a missing credential exits 2.
 */
final class IntensityLive {

    private IntensityLive() {
    }

    /** A command body that may fail with a provider failure. */
    @FunctionalInterface
    interface Body {
        int run(IntensityProviders providers, LiveProvider provider) throws IOException;
    }

    /** Opens the provider of {@code options}, runs {@code body}, and reports a provider failure as exit 1. */
    static int run(IntensityOptions options, Body body) throws IOException {
        try (IntensityProviders providers = IntensityProviders.fromEnvironment()) {
            LiveProvider provider = providers.open(options.provider, options.basis);
            return body.run(providers, provider);
        } catch (IntensityProviders.ProviderFailure e) {
            System.err.println("greenloop: " + e.getMessage());
            return 1;
        }
    }

    static int now(IntensityOptions options) throws IOException {
        String zone = options.zone();
        return run(options, (providers, provider) -> {
            Instant asked = Instant.now();
            LivePoint p = IntensityProviders.call(provider.name(), () -> provider.current(zone));
            int kept = p.isForecast() ? 0 : providers.keep(List.of(p));
            Duration length = p.interval().duration();
            double value = p.intensity().gramsPerKWh();
            if (options.json) {
                try (var g = RunJson.generator(System.out)) {
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
                    g.writeEndObject();
                }
                System.out.println();
                return 0;
            }
            System.out.printf(Locale.ROOT, "%s now: %.1f gCO2eq/kWh (%s; %s, %s to %s, issued %s)%n", p.zone(), value, p.signal().label(),
                    p.signal().source(), Times.table(p.interval().start()), Times.table(p.interval().end()), Times.table(p.issuedAt()));
            return 0;
        });
    }

    /** @param hours how many hours of the forecast to show, or null for all of it */
    static int forecast(IntensityOptions options, Integer hours) throws IOException {
        String zone = options.zone();
        return run(options, (providers, provider) -> {
            List<LivePoint> all = IntensityProviders.call(provider.name(), () -> provider.forecast(zone));
            if (all.isEmpty()) {
                throw new IntensityProviders.ProviderFailure(provider.name() + ": the provider answered an empty forecast for " + zone);
            }
            List<LivePoint> shown = all;
            if (hours != null) {
                Instant end = all.getFirst().interval().start().plus(Duration.ofHours(hours));
                shown = all.stream().filter(p -> p.interval().start().isBefore(end)).toList();
            }
            LivePoint first = shown.getFirst();
            if (options.json) {
                try (var g = RunJson.generator(System.out)) {
                    g.writeStartObject();
                    g.writeStringField("location", first.zone());
                    g.writeStringField("generatedAt", Times.iso(first.issuedAt()));
                    IntensityJson.signal(g, first.signal());
                    g.writeStringField("provider", provider.name());
                    g.writeStringField("archive", providers.archive().location());
                    g.writeArrayFieldStart("forecastData");
                    for (LivePoint p : shown) {
                        IntensityJson.point(g, p.zone(), p.interval().start(), p.interval().duration(), p.intensity().gramsPerKWh());
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                System.out.println();
                return 0;
            }
            System.out.printf("%s: %s, %s, issued %s (archived in %s)%n", first.zone(), first.signal().label(), first.signal().source(),
                    Times.table(first.issuedAt()), providers.archive().location());
            table(shown, false).print(System.out);
            return 0;
        });
    }

    static int history(IntensityOptions options, String from, String to) throws IOException {
        String zone = options.zone();
        Instant b = to == null ? Instant.now() : IntensityOptions.time("--to", to);
        Instant a = from == null ? b.minus(Duration.ofHours(24)) : IntensityOptions.time("--from", from);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s".formatted(a, b));
        }
        return run(options, (providers, provider) -> {
            List<LivePoint> points = IntensityProviders.call(provider.name(), () -> provider.history(zone, a, b));
            // Only actuals: a forecast value for a past interval, fetched now, is no forecast to score later.
            int kept = providers.keep(points.stream().filter(p -> !p.isForecast()).toList());
            if (options.json) {
                try (var g = RunJson.generator(System.out)) {
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
                System.out.println();
                return 0;
            }
            if (points.isEmpty()) {
                System.out.printf("%s: the provider has no points from %s to %s%n", zone, Times.table(a), Times.table(b));
                return 0;
            }
            LivePoint first = points.getFirst();
            System.out.printf("%s: %s, %s%n", first.zone(), first.signal().label(), first.signal().source());
            table(points, true).print(System.out);
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
