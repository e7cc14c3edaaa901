package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.Accounting;
import dev.greenloop.app.ConfigException;
import dev.greenloop.app.Fleet;
import dev.greenloop.report.JobJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.store.ComponentEnergy;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.PowerSeries;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's HTTP API under {@code /api/v1}, {@code /health} and {@code /api/openapi.json}: parse, call
 * {@link Fleet} or the stored records, render. docs/server.md describes each route; the OpenAPI document
 * ({@code openapi.json} beside this class) lists them all.
 */
final class ApiRoutes implements Routes {

    /** The step of {@code /power} when none is given. */
    static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        routes.get("/health", ctx -> health(ctx, context), Access.PUBLIC);
        routes.get("/api/openapi.json", ApiRoutes::openApi, Access.VIEWER);
        routes.post("/api/v1/nodes/{node}/samples", ctx -> ingest(ctx, context), Access.AGENT);
        routes.get("/api/v1/nodes", ctx -> Responses.json(ctx, 200, g -> {
            g.writeStartArray();
            for (FleetNode n : context.fleet().nodes()) {
                writeNode(g, n);
            }
            g.writeEndArray();
        }), Access.VIEWER);
        routes.get("/api/v1/nodes/{node}", ctx -> {
            FleetNode n = context.fleet().node(ctx.pathParam("node")).orElseThrow(() -> unknownNode(ctx));
            Responses.json(ctx, 200, g -> writeNode(g, n));
        }, Access.VIEWER);
        routes.get("/api/v1/nodes/{node}/energy", ctx -> energy(ctx, context), Access.VIEWER);
        routes.get("/api/v1/nodes/{node}/power", ctx -> power(ctx, context), Access.VIEWER);
        routes.get("/api/v1/runs", ctx -> runs(ctx, context), Access.VIEWER);
        routes.get("/api/v1/runs/{id}", ctx -> run(ctx, context), Access.VIEWER);
        routes.get("/api/v1/jobs", ctx -> jobs(ctx, context), Access.VIEWER);
        routes.get("/api/v1/jobs/{id}", ctx -> {
            Records.Job job = context.records().job(ctx.pathParam("id")).orElseThrow(() -> new ProblemException(404, "Not Found",
                    "no job '%s'; GET /api/v1/jobs lists the jobs".formatted(ctx.pathParam("id")), "id"));
            Responses.json(ctx, 200, g -> JobJson.write(g, job.job(), job.events(), job.run()));
        }, Access.VIEWER);
    }

    /** {@code {"status","store","agent"}}: 200 when the store answers, else 503. Says nothing of where the store is. */
    private static void health(Context ctx, ServerContext context) {
        boolean storeUp;
        try {
            context.fleet().ping();
            storeUp = true;
        } catch (StoreException e) {
            context.log().accept("greenloop server: health: store: " + e.getMessage());
            storeUp = false;
        }
        String agent = context.agentStatus().get();
        boolean up = storeUp;
        Responses.json(ctx, up ? 200 : 503, g -> {
            g.writeStartObject();
            g.writeStringField("status", up ? "ok" : "unavailable");
            g.writeStringField("store", up ? "ok" : "unavailable");
            g.writeStringField("agent", agent);
            g.writeEndObject();
        });
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's jar");
            }
            ctx.contentType(Responses.JSON).result(in.readAllBytes());
        }
    }

    /**
     * Node registration comes from the query: {@code zone} (required, the node's grid zone), {@code pue} (optional,
     * 1.0 to about 3, default 1.0) and {@code hardware} (optional, a summary, default empty). The last one sent is kept.
     */
    private static void ingest(Context ctx, ServerContext context) throws IOException {
        String node = ctx.pathParam("node");
        String zone = ctx.queryParam("zone");
        if (zone == null || zone.isBlank()) {
            throw new ProblemException(400, "Bad Request", "the query parameter zone is missing: give the node's grid zone, such as"
                    + " ?zone=DE (greenloop zones lists them)", "zone");
        }
        String pueText = ctx.queryParam("pue");
        double pue;
        try {
            pue = pueText == null || pueText.isBlank() ? 1.0 : Accounting.pue(pueText, "pue");
        } catch (ConfigException e) {
            throw new ProblemException(400, "Bad Request", e.getMessage(), "pue");
        }
        String hardware = Optional.ofNullable(ctx.queryParam("hardware")).orElse("");
        long max = context.options().limits().maxBodyBytes();
        if (ctx.req().getContentLengthLong() > max) {
            throw LimitedInputStream.tooLarge(max);
        }
        List<FleetSample> samples = SampleParser.parse(new LimitedInputStream(ctx.bodyInputStream(), max),
                context.options().limits().maxBatchSamples());
        IngestResult result = context.fleet().ingest(new NodeRegistration(node, zone.strip(), pue, hardware), samples);
        context.metrics().recordIngest(result, samples, context.clock().instant());
        Responses.json(ctx, 202, g -> {
            g.writeStartObject();
            g.writeNumberField("stored", result.stored());
            g.writeNumberField("duplicates", result.duplicates());
            g.writeEndObject();
        });
    }

    private static void energy(Context ctx, ServerContext context) {
        Params.Period p = Params.period(ctx, context.clock().instant());
        Fleet.NodeEnergy e = context.fleet().energy(ctx.pathParam("node"), p.from(), p.to()).orElseThrow(() -> unknownNode(ctx));
        Responses.json(ctx, 200, g -> {
            g.writeStartObject();
            g.writeStringField("node", e.node());
            g.writeStringField("from", Responses.iso(e.from()));
            g.writeStringField("to", Responses.iso(e.to()));
            g.writeNumberField("totalJoules", e.totalJoules());
            g.writeArrayFieldStart("components");
            for (ComponentEnergy c : e.components()) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("scope", c.scope().label());
                g.writeStringField("provenance", c.provenance().label());
                g.writeNumberField("joules", c.joules());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("grams", e.grams());
            g.writeEndObject();
        });
    }

    private static void power(Context ctx, ServerContext context) {
        Params.Period p = Params.period(ctx, context.clock().instant());
        Duration step = Params.step(ctx, "step", DEFAULT_STEP);
        List<PowerSeries> series = context.fleet().power(ctx.pathParam("node"), p.from(), p.to(), step).orElseThrow(() -> unknownNode(ctx));
        Responses.json(ctx, 200, g -> {
            g.writeStartObject();
            g.writeStringField("node", ctx.pathParam("node"));
            g.writeStringField("from", Responses.iso(p.from()));
            g.writeStringField("to", Responses.iso(p.to()));
            g.writeNumberField("stepSeconds", step.toNanos() / 1e9);
            g.writeArrayFieldStart("series");
            for (PowerSeries s : series) {
                g.writeStartObject();
                g.writeStringField("component", s.component());
                g.writeStringField("scope", s.scope().label());
                g.writeStringField("provenance", s.provenance().label());
                g.writeArrayFieldStart("steps");
                for (PowerSeries.Step st : s.steps()) {
                    g.writeStartObject();
                    g.writeStringField("start", Responses.iso(st.start()));
                    g.writeNumberField("seconds", st.seconds());
                    g.writeNumberField("joules", st.joules());
                    numberOrNull(g, "watts", st.watts());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Runs, newest first, as {@code runs list --json}: filtered by {@code node}, {@code tag=k=v} (repeatable), {@code from}, {@code to}. */
    private static void runs(Context ctx, ServerContext context) {
        Optional<java.time.Instant> from = Params.time(ctx, "from");
        Optional<java.time.Instant> to = Params.time(ctx, "to");
        String node = ctx.queryParam("node");
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (String tag : ctx.queryParams("tag")) {
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                throw new ProblemException(400, "Bad Request", "tag '%s' is not KEY=VALUE, such as tag=team=search".formatted(tag), "tag");
            }
            tags.add(Map.entry(tag.substring(0, eq), tag.substring(eq + 1)));
        }
        List<StoredRun> runs = context.records().runs(from).stream()
                .filter(r -> to.isEmpty() || r.start().startedAt().isBefore(to.get()))
                .filter(r -> node == null || node.equals(r.start().node().name()))
                .filter(r -> tags.stream().allMatch(t -> t.getValue().equals(r.start().tags().get(t.getKey()))))
                .toList();
        Responses.json(ctx, 200, g -> {
            g.writeStartArray();
            for (StoredRun r : runs) {
                RunJson.write(g, r);
            }
            g.writeEndArray();
        });
    }

    private static void run(Context ctx, ServerContext context) {
        String text = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Bad Request", "'%s' is not a run id; ids are numbers, GET /api/v1/runs lists them".formatted(text), "id");
        }
        StoredRun run = context.records().run(id).orElseThrow(() -> new ProblemException(404, "Not Found",
                "no run %d; GET /api/v1/runs lists the runs".formatted(id), "id"));
        Responses.json(ctx, 200, g -> RunJson.write(g, run));
    }

    /** Jobs as {@code schedule list --json}, filtered by submission time {@code from} and {@code to}. */
    private static void jobs(Context ctx, ServerContext context) {
        Optional<java.time.Instant> from = Params.time(ctx, "from");
        Optional<java.time.Instant> to = Params.time(ctx, "to");
        List<Records.Job> jobs = context.records().jobs().stream()
                .filter(j -> from.isEmpty() || !j.job().spec().submittedAt().isBefore(from.get()))
                .filter(j -> to.isEmpty() || j.job().spec().submittedAt().isBefore(to.get()))
                .toList();
        Responses.json(ctx, 200, g -> {
            g.writeStartArray();
            for (Records.Job j : jobs) {
                JobJson.write(g, j.job(), null, j.run());
            }
            g.writeEndArray();
        });
    }

    /**
     * A node: name, zone, PUE, hardware, last-seen time, current power ({@code watts}: the latest power of its
     * components that are not a breakdown of another, as totals count them) and each component's latest sample.
     */
    private static void writeNode(JsonGenerator g, FleetNode n) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", n.name());
        g.writeStringField("zone", n.zone());
        g.writeNumberField("pue", n.pue());
        g.writeStringField("hardware", n.hardware());
        if (n.lastSeen().isPresent()) {
            g.writeStringField("lastSeen", Responses.iso(n.lastSeen().get()));
        } else {
            g.writeNullField("lastSeen");
        }
        g.writeNumberField("watts", n.components().stream().filter(c -> !c.scope().isBreakdown()).mapToDouble(ComponentTotal::watts).sum());
        g.writeArrayFieldStart("components");
        for (ComponentTotal c : n.components()) {
            g.writeStartObject();
            g.writeStringField("name", c.component());
            g.writeStringField("scope", c.scope().label());
            g.writeStringField("provenance", c.provenance().label());
            g.writeNumberField("watts", c.watts());
            g.writeNumberField("joules", c.joules());
            g.writeStringField("lastTime", Responses.iso(c.lastTime()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void numberOrNull(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }

    private static ProblemException unknownNode(Context ctx) {
        return new ProblemException(404, "Not Found", ("no node '%s'; GET /api/v1/nodes lists the nodes (a node appears with its first"
                + " samples)").formatted(ctx.pathParam("node")), "node");
    }
}
