package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.AnomalyWatch;
import dev.greenloop.store.AnomalyStore;
import dev.greenloop.store.StoredAnomaly;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anomalies that the fleet's online detection found ({@link AnomalyWatch}): {@code GET /api/v1/anomalies}
 * (viewer), the dashboard's {@code /anomalies} page and {@code /anomalies/{id}}, a node page's list (through
 * {@link #nodeSection}), and {@code greenloop_anomalies_total{kind}} in {@code /metrics}. docs/anomalies.md describes
 * them ({@code greenloop_anomaly_webhook_events_total} and {@code greenloop_anomaly_writes_dropped_total} too).
 * Without a watch (the fleet is not watched) the API answers 503 and the pages say so.
 */
final class AnomalyRoutes implements Routes {

    /** Rows the API and the page return when no limit is given. */
    static final int DEFAULT_LIMIT = 100;
    /** Rows a node page lists. */
    static final int NODE_LIMIT = 10;

    private static final com.fasterxml.jackson.core.JsonFactory EVIDENCE = new com.fasterxml.jackson.core.JsonFactory();

    private final DashboardRoutes dashboard;

    AnomalyRoutes(DashboardRoutes dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        routes.get("/api/v1/anomalies", ctx -> list(ctx, context), Access.VIEWER);
        routes.get("/anomalies", ctx -> dashboard.signedIn(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200, page(s, ctx, context))),
                Access.SESSION);
        routes.get("/anomalies/{id}", ctx -> dashboard.signedIn(ctx, context).ifPresent(s -> {
            Optional<StoredAnomaly> a = context.fleet().anomalies().flatMap(w -> w.find(ctx.pathParam("id")));
            DashboardRoutes.html(ctx, a.isPresent() ? 200 : 404, detail(s, ctx.pathParam("id"), a));
        }), Access.SESSION);
        context.metrics().registry().register(new Counts(context));
    }

    /** The query of the API and the page: node, from, to, open, limit; each checked, naming the bad value. */
    record Query(Optional<String> node, Optional<Instant> from, Optional<Instant> to, Optional<Boolean> open, int limit) {

        static Query of(Context ctx) {
            Optional<String> node = Optional.ofNullable(ctx.queryParam("node")).map(String::strip).filter(s -> !s.isEmpty());
            Optional<Instant> from = Params.time(ctx, "from");
            Optional<Instant> to = Params.time(ctx, "to");
            if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                throw new ProblemException(400, "Bad Request", "to %s is before from %s; give a to after the from".formatted(to.get(), from.get()), "to");
            }
            String o = Optional.ofNullable(ctx.queryParam("open")).map(String::strip).orElse("");
            Optional<Boolean> open = switch (o) {
                case "" -> Optional.empty();
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> throw new ProblemException(400, "Bad Request", ("open '%s' is not true or false; give open=true for the"
                        + " anomalies still going on, open=false for the closed ones, or leave it out for both").formatted(o), "open");
            };
            String l = Optional.ofNullable(ctx.queryParam("limit")).map(String::strip).orElse("");
            int limit = DEFAULT_LIMIT;
            if (!l.isEmpty()) {
                try {
                    limit = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > AnomalyStore.MAX_LIST) {
                    throw new ProblemException(400, "Bad Request", "limit '%s' is not a whole number from 1 to %d".formatted(l, AnomalyStore.MAX_LIST),
                            "limit");
                }
            }
            return new Query(node, from, to, open, limit);
        }

        List<StoredAnomaly> run(AnomalyWatch watch) {
            return watch.list(node, from, to, open, limit);
        }
    }

    private static AnomalyWatch watch(ServerContext context) {
        return context.fleet().anomalies().orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "anomaly detection is not running in this server; 'greenloop server' starts it with the server"));
    }

    private static void list(Context ctx, ServerContext context) {
        List<StoredAnomaly> rows = Query.of(ctx).run(watch(context));
        Responses.json(ctx, 200, g -> {
            g.writeStartArray();
            for (StoredAnomaly a : rows) {
                g.writeRawValue(AnomalyWatch.toJson(a));
            }
            g.writeEndArray();
        });
    }

    private static String page(DashboardSessions.Session session, Context ctx, ServerContext context) {
        Query q = Query.of(ctx);
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>Anomalies</h1>\n<p>What the server's online detection found in the power the agents push and in the energy of"
                + " each run: spikes, level shifts, drift and idle waste, newest first. docs/anomalies.md gives the rules.</p>\n");
        b.append("<form class=\"filter\" method=\"get\" action=\"/anomalies\"><label for=\"node\">Node</label> ")
                .append("<input id=\"node\" name=\"node\" value=\"").append(esc(q.node().orElse(""))).append("\" placeholder=\"all nodes\"> ")
                .append("<button type=\"submit\">Filter</button></form>\n");
        Optional<AnomalyWatch> watch = context.fleet().anomalies();
        if (watch.isEmpty()) {
            b.append("<p class=\"error\">Anomaly detection is not running in this server.</p>\n");
        } else {
            b.append(table(q.run(watch.get()), true));
        }
        return DashboardPage.render("Anomalies", "/anomalies", session, b.toString(), List.of());
    }

    /** @return the node page's section: its newest anomalies, or nothing when detection is off */
    static String nodeSection(ServerContext context, String node) {
        Optional<AnomalyWatch> watch = context.fleet().anomalies();
        if (watch.isEmpty()) {
            return "";
        }
        List<StoredAnomaly> rows = watch.get().list(Optional.of(node), Optional.empty(), Optional.empty(), Optional.empty(), NODE_LIMIT);
        return "<section aria-labelledby=\"anomalies-h\"><h2 id=\"anomalies-h\">Anomalies</h2>\n"
                + (rows.isEmpty() ? "<p>None found on this node.</p>\n" : table(rows, false))
                + "<p><a href=\"/anomalies?node=" + esc(java.net.URLEncoder.encode(node, java.nio.charset.StandardCharsets.UTF_8))
                + "\">All of this node's anomalies</a></p></section>\n";
    }

    private static String table(List<StoredAnomaly> rows, boolean withNode) {
        if (rows.isEmpty()) {
            return "<p id=\"no-anomalies\">No anomalies found.</p>\n";
        }
        StringBuilder b = new StringBuilder(4096);
        b.append("<div class=\"scroll\"><table id=\"anomalies\">\n<thead><tr>");
        if (withNode) {
            b.append("<th scope=\"col\">Node</th>");
        }
        b.append("<th scope=\"col\">Series</th><th scope=\"col\">Kind</th><th scope=\"col\">Start</th><th scope=\"col\">End</th>")
                .append("<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
        for (StoredAnomaly a : rows) {
            b.append("<tr class=\"anomaly kind-").append(esc(a.kind())).append("\">");
            if (withNode) {
                b.append("<td><a href=\"/nodes/").append(esc(a.node())).append("\">").append(esc(a.node())).append("</a></td>");
            }
            b.append("<th scope=\"row\"><a href=\"/anomalies/").append(esc(a.id())).append("\">").append(esc(a.series())).append("</a></th>")
                    .append("<td>").append(esc(kind(a.kind()))).append("</td><td>").append(time(a.start())).append("</td><td>")
                    .append(a.open() ? "<span class=\"badge badge-stale\">open</span>" : time(a.end())).append("</td>")
                    .append("<td class=\"num\">").append(DashboardViews.fmt(a.score())).append("</td><td>").append(evidence(a)).append("</td></tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    private static String detail(DashboardSessions.Session session, String id, Optional<StoredAnomaly> found) {
        if (found.isEmpty()) {
            return DashboardPage.render("No such anomaly", "/anomalies", session, "<h1>No anomaly '" + esc(id) + "'</h1>\n<p><a href=\"/anomalies\">"
                    + "The anomalies page</a> lists them.</p>", List.of());
        }
        StoredAnomaly a = found.get();
        StringBuilder b = new StringBuilder(2048);
        b.append("<p class=\"crumbs\"><a href=\"/anomalies\">Anomalies</a> › ").append(esc(a.id())).append("</p>\n<h1>")
                .append(esc(kind(a.kind()))).append(" on ").append(esc(a.node())).append("</h1>\n")
                .append(table(List.of(a), true))
                .append("<p><a href=\"/nodes/").append(esc(a.node())).append("\">The node's page</a> shows its power.</p>\n");
        return DashboardPage.render("Anomaly", "/anomalies", session, b.toString(), List.of());
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "level_shift" -> "level shift";
            case "idle_waste" -> "idle waste";
            default -> kind;
        };
    }

    private static String time(Instant t) {
        String iso = Responses.iso(t);
        return "<time datetime=\"" + iso + "\">" + iso.substring(0, 10) + " " + iso.substring(11, 19) + " UTC</time>";
    }

    /** The evidence in words: observed against baseline, in the series' unit, over its window. */
    private static String evidence(StoredAnomaly a) {
        Map<String, Object> e = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = EVIDENCE.createParser(a.evidence())) {
            // The evidence is a flat object of numbers and strings (AnomalyWatch writes it).
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                    e.put(name, v.isNumeric() ? p.getNumberValue() : p.getValueAsString());
                }
            }
        } catch (IOException ex) {
            return esc(a.evidence());
        }
        String unit = String.valueOf(e.getOrDefault("unit", ""));
        StringBuilder b = new StringBuilder();
        b.append(number(e.get("observed"))).append(' ').append(esc(unit)).append(" against a baseline of ")
                .append(number(e.get("baseline"))).append(' ').append(esc(unit));
        b.append(" (peak ").append(number(e.get("peak"))).append(' ').append(esc(unit)).append(", ").append(e.get("points") instanceof Number n ? Long.toString(n.longValue()) : "–")
                .append(" points over ").append(number(e.get("window_seconds"))).append(" s");
        if (e.containsKey("excess_joules")) {
            b.append(", ").append(DashboardViews.energy(((Number) e.get("excess_joules")).doubleValue())).append(" above the idle floor");
        }
        return b.append(')').toString();
    }

    private static String number(Object v) {
        return v instanceof Number n ? DashboardViews.fmt(n.doubleValue()) : "–";
    }

    /** {@code greenloop_anomalies_total{kind}} and the webhook's events, from the watch at each scrape. */
    private static final class Counts implements MultiCollector {
        private final ServerContext context;

        Counts(ServerContext context) {
            this.context = context;
        }

        @Override
        public MetricSnapshots collect() {
            Optional<AnomalyWatch> watch = context.fleet().anomalies();
            if (watch.isEmpty()) {
                return new MetricSnapshots();
            }
            List<CounterDataPointSnapshot> kinds = new ArrayList<>();
            watch.get().openedByKind().forEach((kind, n) -> kinds.add(point(Labels.of("kind", kind), n)));
            List<CounterDataPointSnapshot> hook = new ArrayList<>();
            watch.get().webhookCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(en -> hook.add(point(Labels.of("outcome", en.getKey()), en.getValue())));
            return new MetricSnapshots(
                    new CounterSnapshot(new MetricMetadata("greenloop_anomalies", "Anomalies this server process opened, by kind"), kinds),
                    new CounterSnapshot(new MetricMetadata("greenloop_anomaly_webhook_events",
                            "Anomaly events for the webhook: sent, failed after every try, dropped on a full queue"), hook),
                    new CounterSnapshot(new MetricMetadata("greenloop_anomaly_writes_dropped",
                            "Anomaly writes to the store dropped on a full queue by this process"),
                            List.of(point(Labels.EMPTY, watch.get().writesDropped()))));
        }

        private static CounterDataPointSnapshot point(Labels labels, double value) {
            return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
        }
    }
}
