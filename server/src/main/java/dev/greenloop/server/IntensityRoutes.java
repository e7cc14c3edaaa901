package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.ZoneIntensities;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/intensity/{zone}?from=&to=}: a zone's actuals and forecasts over a range, each labelled with its
 * kind ({@code actual} or {@code forecast}), signal and source, forecasts with their issue time. {@code from} defaults
 * to a day before now, {@code to} to a day after; the range may be at most {@link #MAX_RANGE} long.
 */
final class IntensityRoutes implements Routes {

    /** The longest range one request may ask for. */
    static final Duration MAX_RANGE = Duration.ofDays(366);

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        routes.get("/api/v1/intensity/{zone}", ctx -> intensity(ctx, context), Access.VIEWER);
    }

    private static void intensity(Context ctx, ServerContext context) {
        ZoneIntensities intensities = context.intensities();
        Instant now = context.clock().instant();
        Instant parsedFrom = IntensityJson.parseTime("from", ctx.queryParam("from"));
        Instant parsedTo = IntensityJson.parseTime("to", ctx.queryParam("to"));
        Instant from = parsedFrom != null ? parsedFrom : (parsedTo != null ? parsedTo : now).minus(Duration.ofDays(1));
        Instant to = parsedTo != null ? parsedTo : (parsedFrom != null ? parsedFrom.plus(Duration.ofDays(2)) : now.plus(Duration.ofDays(1)));
        if (!to.isAfter(from)) {
            throw new ProblemException(400, "Bad Request", "to %s is not after from %s".formatted(to, from), "to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new ProblemException(400, "Bad Request", "the range %s to %s is longer than %d days; ask for less".formatted(from, to, MAX_RANGE.toDays()),
                    "to");
        }
        String zone = CarbonAwareRoutes.answer("", () -> intensities.zone(ctx.pathParam("zone"), "zone"));
        List<ZoneIntensities.Point> actuals = CarbonAwareRoutes.answer("", () -> intensities.actuals(zone, from, to));
        List<ZoneIntensities.Point> forecasts = CarbonAwareRoutes.answer("", () -> intensities.forecasts(zone, from, to));
        ctx.contentType("application/json").result(IntensityJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("zone", zone);
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeStringField("sources", intensities.describe(zone));
            points(g, "actuals", actuals);
            points(g, "forecasts", forecasts);
            g.writeEndObject();
        }));
    }

    private static void points(JsonGenerator g, String name, List<ZoneIntensities.Point> points) throws IOException {
        g.writeArrayFieldStart(name);
        for (ZoneIntensities.Point p : points) {
            g.writeStartObject();
            g.writeStringField("start", p.start().toString());
            g.writeStringField("end", p.end().toString());
            g.writeNumberField("gramsPerKWh", p.gramsPerKWh());
            g.writeStringField("kind", p.kind());
            g.writeStringField("signal", p.signal());
            g.writeStringField("source", p.source());
            if (p.issuedAt() != null) {
                g.writeStringField("issuedAt", p.issuedAt().toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
