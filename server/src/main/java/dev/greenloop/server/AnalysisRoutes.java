package dev.greenloop.server;

import dev.greenloop.app.AnalysisJson;
import dev.greenloop.app.PowerAnalysis;
import dev.greenloop.app.WorkSpan;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's power analysis ({@link PowerAnalysis}): {@code GET /api/v1/nodes/{node}/analysis} and
 * {@code GET /api/v1/nodes/{node}/daily} for viewers, and for the dashboard's node page the runs and jobs of its chart
 * ({@code /dashboard/nodes/{name}/work}, with a session) and the scripts that draw them. docs/analysis.md describes them.
 */
final class AnalysisRoutes implements Routes {

    /** How long before a period's start a run may have started and still be read as overlapping it. */
    static final Duration RUNS_LOOKBACK = Duration.ofDays(1);
    /** The chart's window when the work route is given no {@code from}: the node chart's history. */
    static final Duration CHART_WINDOW = DashboardViews.HISTORY;

    private static final Map<String, String> ASSETS = Map.of(
            "analysis.js", "text/javascript; charset=utf-8",
            "analysis.css", "text/css; charset=utf-8");

    private final DashboardRoutes dashboard;

    /** @param dashboard whose sessions the work route checks */
    AnalysisRoutes(DashboardRoutes dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        routes.get("/api/v1/nodes/{node}/analysis", ctx -> analysis(ctx, context), Access.VIEWER);
        routes.get("/api/v1/nodes/{node}/daily", ctx -> daily(ctx, context), Access.VIEWER);
        routes.get("/dashboard/nodes/{name}/work", ctx -> work(ctx, context), Access.SESSION);
        routes.get("/dashboard/analysis/{file}", AnalysisRoutes::asset, Access.PUBLIC);
    }

    /** {@code from} defaults to the start of today (UTC), {@code to} to now. */
    private static void analysis(Context ctx, ServerContext context) {
        String node = ctx.pathParam("node");
        Instant to = Params.time(ctx, "to").orElse(context.clock().instant());
        Instant from = Params.time(ctx, "from").orElse(PowerAnalysis.startOfDay(to));
        PowerAnalysis.Analysis a = new PowerAnalysis(context.fleet()).analyse(node, from, to, spans(context, node, from))
                .orElseThrow(() -> unknownNode(node));
        Responses.json(ctx, 200, g -> AnalysisJson.analysis(g, a));
    }

    /** {@code from} defaults to the start of today (UTC), {@code to} to now. */
    private static void daily(Context ctx, ServerContext context) {
        String node = ctx.pathParam("node");
        Instant to = Params.time(ctx, "to").orElse(context.clock().instant());
        Instant from = Params.time(ctx, "from").orElse(PowerAnalysis.startOfDay(to));
        List<PowerAnalysis.Day> days = new PowerAnalysis(context.fleet()).daily(node, from, to, spans(context, node, from))
                .orElseThrow(() -> unknownNode(node));
        Responses.json(ctx, 200, g -> AnalysisJson.daily(g, node, days));
    }

    /**
     * {@code {"node", "from", "to", "spans": [...]}}: the node's runs and jobs that overlap {@code [from, to)} (default:
     * the chart's last hour), for the node page's chart.
     */
    private void work(Context ctx, ServerContext context) {
        if (dashboard.current(ctx, context).isEmpty()) {
            throw new ProblemException(401, "Unauthorized", "sign in at /login first; the chart's runs need a dashboard session");
        }
        String node = ctx.pathParam("name");
        if (context.fleet().node(node).isEmpty()) {
            throw unknownNode(node);
        }
        Instant now = context.clock().instant();
        Instant to = Params.time(ctx, "to").orElse(now);
        Instant from = Params.time(ctx, "from").orElse(to.minus(CHART_WINDOW));
        List<WorkSpan> spans = overlapping(spans(context, node, from), from, to, now);
        Responses.json(ctx, 200, g -> {
            g.writeStartObject();
            g.writeStringField("node", node);
            g.writeStringField("from", Responses.iso(from));
            g.writeStringField("to", Responses.iso(to));
            AnalysisJson.spans(g, spans, now);
            g.writeEndObject();
        });
    }

    /** @return the spans that overlap {@code [from, to)}, a running one lasting until {@code now} */
    static List<WorkSpan> overlapping(List<WorkSpan> spans, Instant from, Instant to, Instant now) {
        return spans.stream().filter(s -> s.start().isBefore(to) && s.endOr(now).isAfter(from)).toList();
    }

    /** @return the node's runs and jobs that started from a day before {@code from} on */
    static List<WorkSpan> spans(ServerContext context, String node, Instant from) {
        List<StoredRun> runs = new ArrayList<>(context.records().runs(Optional.of(from.minus(RUNS_LOOKBACK))));
        List<StoredJob> jobs = new ArrayList<>();
        for (Records.Job j : context.records().jobs()) {
            jobs.add(j.job());
            if (j.run() != null) {
                runs.add(j.run());
            }
        }
        return WorkSpan.on(node, runs, jobs);
    }

    private static void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw new ProblemException(404, "Not Found", "no asset '%s'".formatted(file), "file");
        }
        try (InputStream in = AnalysisRoutes.class.getResourceAsStream("dashboard/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the asset dashboard/" + file + " is missing from the server's jar");
            }
            ctx.header("Cache-Control", "max-age=3600").header("X-Content-Type-Options", "nosniff").contentType(type).result(in.readAllBytes());
        }
    }

    private static ProblemException unknownNode(String node) {
        return new ProblemException(404, "Not Found", ("no node '%s'; GET /api/v1/nodes lists the nodes (a node appears with its first"
                + " samples)").formatted(node), "node");
    }
}
