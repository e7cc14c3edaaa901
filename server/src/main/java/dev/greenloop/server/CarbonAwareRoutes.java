package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.CarbonAwareQueries;
import dev.greenloop.app.CarbonAwareQueries.Emission;
import dev.greenloop.app.CarbonAwareQueries.Window;
import dev.greenloop.app.CarbonAwareQueries.WindowedForecast;
import dev.greenloop.app.IntensityQueryException;
import dev.greenloop.app.NoForecastException;
import dev.greenloop.app.UnknownLocationException;
import dev.greenloop.carbon.live.LiveProviderException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The Carbon Aware SDK Web API's routes (v1.8): {@code /emissions/...} and {@code /locations}, with the SDK's
 * parameter names and JSON shapes, so that its clients (and the clients generated from its OpenAPI document) work
 * unchanged. Shapes after the SDK's documentation, casdk-docs/docs/tutorial-basics/carbon-aware-webapi.md, and its
 * Web API models ({@code EmissionsData}: location, time, rating, duration as a .NET TimeSpan;
 * {@code EmissionsForecastDTO}: generatedAt, requestedAt, location, dataStartAt, dataEndAt, windowSize,
 * optimalDataPoints, forecastData of {@code EmissionsDataDTO} location, timestamp, duration in minutes, value;
 * {@code CarbonIntensityDTO}: location, startTime, endTime, carbonIntensity). No SDK code is used.
 *
 * <p>Data comes from the server's {@link dev.greenloop.app.ZoneIntensities} through {@link CarbonAwareQueries}. Errors
 * are RFC 7807 problem details: 400 naming the parameter (a batch item as {@code [i].field}), 404 for an unknown
 * location, 501 for a forecast of a location with only historic data (as the SDK answers when its data source cannot
 * forecast), 502 when a live provider fails; 204 when the window holds no data.
 */
final class CarbonAwareRoutes implements Routes {

    private static final String JSON = "application/json";

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        CarbonAwareQueries q = new CarbonAwareQueries(context.intensities(), context.clock());
        routes.get("/emissions/bylocation", ctx -> emissions(ctx, answer(() -> q.emissions(locations(ctx),
                IntensityJson.parseTime("time", ctx.queryParam("time")), IntensityJson.parseTime("toTime", ctx.queryParam("toTime"))))), Access.VIEWER);
        routes.get("/emissions/bylocations", ctx -> emissions(ctx, answer(() -> q.emissions(locations(ctx),
                IntensityJson.parseTime("time", ctx.queryParam("time")), IntensityJson.parseTime("toTime", ctx.queryParam("toTime"))))), Access.VIEWER);
        routes.get("/emissions/bylocations/best", ctx -> emissions(ctx, answer(() -> q.best(locations(ctx),
                IntensityJson.parseTime("time", ctx.queryParam("time")), IntensityJson.parseTime("toTime", ctx.queryParam("toTime"))))), Access.VIEWER);
        routes.get("/emissions/forecasts/current", ctx -> currentForecasts(ctx, q), Access.VIEWER);
        routes.post("/emissions/forecasts/batch", ctx -> batchForecasts(ctx, q), Access.VIEWER);
        routes.get("/emissions/average-carbon-intensity", ctx -> average(ctx, q), Access.VIEWER);
        routes.post("/emissions/average-carbon-intensity/batch", ctx -> averageBatch(ctx, q), Access.VIEWER);
        routes.get("/locations", ctx -> locations(ctx, context), Access.VIEWER);
    }

    /** The SDK binds {@code location}, repeated; its documentation's examples write {@code locations}: both are taken. */
    private static List<String> locations(Context ctx) {
        List<String> out = new ArrayList<>(ctx.queryParams("location"));
        out.addAll(ctx.queryParams("locations"));
        out.removeIf(String::isBlank);
        return out;
    }

    private static void emissions(Context ctx, List<Emission> items) {
        if (items.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.contentType(JSON).result(IntensityJson.write(g -> {
            g.writeStartArray();
            for (Emission e : items) {
                g.writeStartObject();
                g.writeStringField("location", e.location());
                g.writeStringField("time", IntensityJson.time(e.time()));
                g.writeNumberField("rating", e.rating());
                g.writeStringField("duration", IntensityJson.timeSpan(e.duration()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    private static void currentForecasts(Context ctx, CarbonAwareQueries q) {
        List<String> locations = locations(ctx);
        if (locations.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "location is required: give one or more, as location=eastus", "location");
        }
        Instant start = IntensityJson.parseTime("dataStartAt", ctx.queryParam("dataStartAt"));
        Instant end = IntensityJson.parseTime("dataEndAt", ctx.queryParam("dataEndAt"));
        Integer window = windowSize("windowSize", ctx.queryParam("windowSize"));
        List<WindowedForecast> out = new ArrayList<>();
        for (String location : locations) {
            out.add(answer(() -> q.current(location, start, end, window)));
        }
        forecasts(ctx, out);
    }

    private static void batchForecasts(Context ctx, CarbonAwareQueries q) {
        List<Map<String, String>> items = IntensityJson.batch(ctx.body());
        List<WindowedForecast> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, String> item = items.get(i);
            String at = "[" + i + "].";
            Instant requested = IntensityJson.parseTime(at + "requestedAt", item.get("requestedAt"));
            Instant start = IntensityJson.parseTime(at + "dataStartAt", item.get("dataStartAt"));
            Instant end = IntensityJson.parseTime(at + "dataEndAt", item.get("dataEndAt"));
            Integer window = windowSize(at + "windowSize", item.get("windowSize"));
            out.add(answer(at, () -> q.asOf(item.get("location"), requested, start, end, window)));
        }
        forecasts(ctx, out);
    }

    private static Integer windowSize(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Bad Request", "%s '%s' is not a whole number of minutes".formatted(field, text), field);
        }
    }

    private static void forecasts(Context ctx, List<WindowedForecast> forecasts) {
        ctx.contentType(JSON).result(IntensityJson.write(g -> {
            g.writeStartArray();
            for (WindowedForecast f : forecasts) {
                g.writeStartObject();
                g.writeStringField("generatedAt", IntensityJson.time(f.generatedAt()));
                g.writeStringField("requestedAt", IntensityJson.time(f.requestedAt()));
                g.writeStringField("location", f.location());
                g.writeStringField("dataStartAt", IntensityJson.time(f.dataStartAt()));
                g.writeStringField("dataEndAt", IntensityJson.time(f.dataEndAt()));
                g.writeNumberField("windowSize", f.windowSize());
                windows(g, "optimalDataPoints", f.optimalDataPoints());
                windows(g, "forecastData", f.forecastData());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    private static void windows(JsonGenerator g, String name, List<Window> windows) throws IOException {
        g.writeArrayFieldStart(name);
        for (Window w : windows) {
            g.writeStartObject();
            g.writeStringField("location", w.location());
            g.writeStringField("timestamp", IntensityJson.time(w.timestamp()));
            g.writeNumberField("duration", w.durationMinutes());
            g.writeNumberField("value", w.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void average(Context ctx, CarbonAwareQueries q) {
        String location = ctx.queryParam("location");
        Instant start = IntensityJson.parseTime("startTime", ctx.queryParam("startTime"));
        Instant end = IntensityJson.parseTime("endTime", ctx.queryParam("endTime"));
        OptionalDouble mean = answer(() -> q.average(location, start, end));
        if (mean.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.contentType(JSON).result(IntensityJson.write(g -> averageItem(g, location, start, end, mean.getAsDouble())));
    }

    private static void averageBatch(Context ctx, CarbonAwareQueries q) {
        List<Map<String, String>> items = IntensityJson.batch(ctx.body());
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, String> item = items.get(i);
            String at = "[" + i + "].";
            Instant start = IntensityJson.parseTime(at + "startTime", item.get("startTime"));
            Instant end = IntensityJson.parseTime(at + "endTime", item.get("endTime"));
            String location = item.get("location");
            OptionalDouble mean = answer(at, () -> q.average(location, start, end));
            if (mean.isEmpty()) {
                // One item cannot be "204": the SDK's answer is one object per item, so an empty one is the caller's to fix.
                throw new ProblemException(404, "Not Found", "[%d]: no intensity data for %s from %s to %s".formatted(i, location, start, end),
                        at + "startTime");
            }
            out.add(new Object[] {location, start, end, mean.getAsDouble()});
        }
        ctx.contentType(JSON).result(IntensityJson.write(g -> {
            g.writeStartArray();
            for (Object[] o : out) {
                averageItem(g, (String) o[0], (Instant) o[1], (Instant) o[2], (Double) o[3]);
            }
            g.writeEndArray();
        }));
    }

    private static void averageItem(JsonGenerator g, String location, Instant start, Instant end, double mean) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", location);
        g.writeStringField("startTime", IntensityJson.time(start));
        g.writeStringField("endTime", IntensityJson.time(end));
        g.writeNumberField("carbonIntensity", mean);
        g.writeEndObject();
    }

    /**
     * The SDK's {@code GET /locations}: a dictionary of location keys to {@code {Latitude, Longitude, Name}} (as its
     * documentation shows the location source files); Greenloop's zones have no coordinates, so those are null.
     */
    private static void locations(Context ctx, ServerContext context) {
        ctx.contentType(JSON).result(IntensityJson.write(g -> {
            g.writeStartObject();
            for (String zone : context.intensities().zones()) {
                g.writeObjectFieldStart(zone);
                g.writeNullField("Latitude");
                g.writeNullField("Longitude");
                g.writeStringField("Name", zone);
                g.writeEndObject();
            }
            g.writeEndObject();
        }));
    }

    private static <T> T answer(Supplier<T> query) {
        return answer("", query);
    }

    /** Runs a query, turning the application's failures into problem details; {@code at} prefixes a batch item's fields. */
    static <T> T answer(String at, Supplier<T> query) {
        String item = at.isEmpty() ? "" : at.substring(0, at.length() - 1) + ": ";
        try {
            return query.get();
        } catch (UnknownLocationException e) {
            throw new ProblemException(404, "Not Found", item + e.getMessage(), at + e.field());
        } catch (IntensityQueryException e) {
            throw new ProblemException(400, "Bad Request", item + e.getMessage(), at + e.field());
        } catch (NoForecastException e) {
            throw new ProblemException(e.unsupported() ? 501 : 404, e.unsupported() ? "Not Implemented" : "Not Found", item + e.getMessage(),
                    at + "location");
        } catch (LiveProviderException e) {
            throw new ProblemException(502, "Bad Gateway", item + e.getMessage());
        }
    }
}
