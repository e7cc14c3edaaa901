package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.badge;
import static dev.greenloop.server.DashboardPage.csrfField;
import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.Fleet;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.PowerSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The dashboard's pages as HTML: parse nothing, call {@link Fleet}, render with {@link DashboardPage}. */
final class DashboardViews {

    /** How much history the node page's chart loads. */
    static final Duration HISTORY = Duration.ofHours(1);
    /** The step of that history. */
    static final Duration HISTORY_STEP = Duration.ofSeconds(5);
    /** How often the fleet page renews its figures in place. */
    static final int REFRESH_SECONDS = 5;
    /** How many nodes the fleet page's top consumers list. */
    static final int TOP = 5;

    private final ServerContext context;

    DashboardViews(ServerContext context) {
        this.context = context;
    }

    /** A node with today's energy (UTC day) and carbon. */
    private record Today(FleetNode node, double joules, double grams) {
    }

    /** The fleet page: every node with its last sample, live power per component, today's energy and carbon. */
    String fleet(DashboardSessions.Session session) {
        Instant now = context.clock().instant();
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        List<Today> today = new ArrayList<>();
        for (FleetNode n : context.fleet().nodes()) {
            Optional<Fleet.NodeEnergy> e = context.fleet().energy(n.name(), midnight, now);
            today.add(new Today(n, e.map(Fleet.NodeEnergy::totalJoules).orElse(0.0), e.map(Fleet.NodeEnergy::grams).orElse(0.0)));
        }
        StringBuilder b = new StringBuilder(2048 + today.size() * 600);
        b.append("<h1>Fleet</h1>\n<div id=\"refresh\" data-refresh=\"").append(REFRESH_SECONDS).append("\">\n");
        double watts = today.stream().mapToDouble(t -> nodeWatts(t.node())).sum();
        double joules = today.stream().mapToDouble(Today::joules).sum();
        double grams = today.stream().mapToDouble(Today::grams).sum();
        b.append("<ul class=\"stats\">")
                .append(stat("Nodes", Integer.toString(today.size())))
                .append(stat("Power now", fmt(watts) + " W"))
                .append(stat("Energy today", energy(joules)))
                .append(stat("Carbon today", fmt(grams) + " g CO₂e"))
                .append("</ul>\n");
        if (today.isEmpty()) {
            b.append("<p class=\"empty\">No node has sent samples yet. Start <code>greenloop agent --server …</code> on a node, or"
                    + " <code>greenloop server --local-agent</code>.</p>\n");
            return DashboardPage.render("Fleet", "/", session, b.append("</div>\n").toString(), List.of());
        }
        b.append("<section aria-labelledby=\"top-h\"><h2 id=\"top-h\">Top consumers today</h2>\n<ol class=\"top\">");
        List<Today> top = today.stream().sorted(Comparator.comparingDouble(Today::joules).reversed()).limit(TOP).toList();
        double max = Math.max(1e-9, top.get(0).joules());
        for (Today t : top) {
            b.append("<li><a href=\"/nodes/").append(esc(t.node().name())).append("\">").append(esc(t.node().name())).append("</a> ")
                    .append("<meter min=\"0\" max=\"1\" value=\"").append(String.format(Locale.ROOT, "%.3f", t.joules() / max))
                    .append("\" aria-hidden=\"true\"></meter> <span class=\"num\">").append(energy(t.joules())).append("</span></li>");
        }
        b.append("</ol></section>\n");
        b.append("<section aria-labelledby=\"nodes-h\"><h2 id=\"nodes-h\">Nodes</h2>\n<div class=\"scroll\"><table class=\"nodes\">\n")
                .append("<thead><tr><th scope=\"col\">Node</th><th scope=\"col\">Zone</th><th scope=\"col\">Last seen</th>")
                .append("<th scope=\"col\" class=\"num\">Power</th><th scope=\"col\">Components</th>")
                .append("<th scope=\"col\" class=\"num\">Energy today</th><th scope=\"col\" class=\"num\">Carbon today</th></tr></thead>\n<tbody>\n");
        for (Today t : today) {
            FleetNode n = t.node();
            b.append("<tr><th scope=\"row\"><a href=\"/nodes/").append(esc(n.name())).append("\">").append(esc(n.name())).append("</a></th>")
                    .append("<td>").append(esc(n.zone())).append("</td><td>").append(lastSeen(n, now)).append("</td>")
                    .append("<td class=\"num\">").append(fmt(nodeWatts(n))).append(" W</td><td>").append(components(n)).append("</td>")
                    .append("<td class=\"num\">").append(energy(t.joules())).append("</td>")
                    .append("<td class=\"num\">").append(fmt(t.grams())).append(" g</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n</div>\n");
        return DashboardPage.render("Fleet", "/", session, b.toString(), List.of());
    }

    /** @return the node page, empty if there is no such node */
    Optional<String> node(DashboardSessions.Session session, String name) {
        Optional<FleetNode> found = context.fleet().node(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FleetNode n = found.get();
        Instant now = context.clock().instant();
        List<PowerSeries> series = context.fleet().power(name, now.minus(HISTORY), now, HISTORY_STEP).orElse(List.of()).stream()
                .filter(s -> !s.scope().isBreakdown()).toList();
        StringBuilder b = new StringBuilder(8192);
        b.append("<p class=\"crumbs\"><a href=\"/\">Fleet</a> › ").append(esc(n.name())).append("</p>\n")
                .append("<h1>").append(esc(n.name())).append("</h1>\n<ul class=\"stats\">")
                .append(stat("Zone", esc(n.zone())))
                .append(stat("PUE", fmt(n.pue())))
                .append(stat("Last seen", lastSeen(n, now)))
                .append(stat("Power now", "<span id=\"power-now\">" + fmt(nodeWatts(n)) + "</span> W"))
                .append("</ul>\n");
        if (!n.hardware().isBlank()) {
            b.append("<p class=\"hw\">").append(esc(n.hardware())).append("</p>\n");
        }
        b.append("<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Power, last hour, live</h2>\n")
                .append("<p>Components stacked (parts of a package, such as cores, are not added again). New points arrive every second.</p>\n")
                .append("<div id=\"chart\" class=\"chart\" role=\"img\" aria-label=\"Stacked power of each component of ")
                .append(esc(n.name())).append(" over the last hour, in watts\" data-stream=\"/dashboard/nodes/")
                .append(esc(n.name())).append("/stream\"></div>\n")
                .append("<p id=\"live-status\" class=\"live\" role=\"status\" aria-live=\"polite\">Connecting…</p>\n")
                .append("<script type=\"application/json\" id=\"history\">").append(history(series).replace("</", "<\\/")).append("</script>\n")
                .append("</section>\n");
        b.append(AnomalyRoutes.nodeSection(context, n.name()));
        b.append("<section aria-labelledby=\"comp-h\"><h2 id=\"comp-h\">Components</h2>\n<div class=\"scroll\"><table>\n")
                .append("<thead><tr><th scope=\"col\">Component</th><th scope=\"col\">Scope</th><th scope=\"col\">Provenance</th>")
                .append("<th scope=\"col\" class=\"num\">Power</th><th scope=\"col\">Last sample</th></tr></thead>\n<tbody>\n");
        for (ComponentTotal c : n.components()) {
            b.append("<tr><th scope=\"row\">").append(esc(c.component())).append("</th><td>").append(esc(c.scope().label()))
                    .append(c.scope().isBreakdown() ? " (part)" : "").append("</td><td>").append(badge(c.provenance().label()))
                    .append("</td><td class=\"num\">").append(fmt(c.watts())).append(" W</td><td>").append(time(c.lastTime()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
        b.append(AnalysisSection.html(context, n, now));
        return Optional.of(DashboardPage.render(n.name(), null, session, b.toString(), List.of("uplot/uPlot.iife.min.js", "node.js")));
    }

    String unknownNode(DashboardSessions.Session session, String name) {
        return DashboardPage.render("No such node", null, session, "<h1>No node '" + esc(name) + "'</h1>\n<p>A node appears with its first"
                + " samples. <a href=\"/\">The fleet page</a> lists the nodes.</p>", List.of());
    }

    /** The sign-in page; {@code error}, when not null, is said above the form. */
    static String login(DashboardSessions.Session form, String error) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<h1>Sign in</h1>\n");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\" id=\"login-error\">").append(esc(error)).append("</p>\n");
        }
        b.append("<form class=\"login\" method=\"post\" action=\"/login\">").append(csrfField(form))
                .append("<label for=\"token\">API token</label>")
                .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus")
                .append(error != null ? " aria-describedby=\"login-error\"" : "").append(" placeholder=\"glt_…\">")
                .append("<button type=\"submit\">Sign in</button></form>\n")
                .append("<p class=\"hint\">A viewer token shows the fleet; an admin token may also act. An admin creates one with"
                        + " <code>greenloop server token create --role viewer</code>.</p>\n");
        return DashboardPage.render("Sign in", null, null, b.toString(), List.of());
    }

    /**
     * The chart's history as JSON: {@code {"t": [epoch seconds], "series": [{"name", "provenance", "watts": [...]}]}},
     * the steps of every component on one time axis (null where a component has no value).
     */
    static String history(List<PowerSeries> series) {
        // Only the steps that hold a value: a node that began sampling ten minutes ago shows ten minutes, not an hour of gaps.
        TreeSet<Instant> times = new TreeSet<>();
        series.forEach(s -> s.steps().stream().filter(st -> Double.isFinite(st.watts())).forEach(st -> times.add(st.start())));
        List<Instant> axis = List.copyOf(times);
        return Responses.text(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("t");
            for (Instant t : axis) {
                g.writeNumber(java.math.BigDecimal.valueOf(t.toEpochMilli(), 3));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (PowerSeries s : series) {
                g.writeStartObject();
                g.writeStringField("name", s.component());
                g.writeStringField("provenance", s.provenance().label());
                g.writeArrayFieldStart("watts");
                java.util.Map<Instant, Double> byTime = new java.util.HashMap<>();
                s.steps().forEach(st -> byTime.put(st.start(), st.watts()));
                for (Instant t : axis) {
                    Double w = byTime.get(t);
                    if (w == null || !Double.isFinite(w)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(Math.round(w * 1000) / 1000.0);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static double nodeWatts(FleetNode n) {
        return n.components().stream().filter(c -> !c.scope().isBreakdown()).mapToDouble(ComponentTotal::watts).sum();
    }

    private static String components(FleetNode n) {
        StringBuilder b = new StringBuilder("<ul class=\"comps\">");
        for (ComponentTotal c : n.components()) {
            if (!c.scope().isBreakdown()) {
                b.append("<li>").append(esc(c.component())).append(" <span class=\"num\">").append(fmt(c.watts())).append(" W</span> ")
                        .append(badge(c.provenance().label())).append("</li>");
            }
        }
        return b.append("</ul>").toString();
    }

    private static String lastSeen(FleetNode n, Instant now) {
        if (n.lastSeen().isEmpty()) {
            return "never";
        }
        Instant t = n.lastSeen().get();
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        String ago = s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s < 86_400 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
        return "<time datetime=\"" + Responses.iso(t) + "\" title=\"" + Responses.iso(t) + "\">" + ago + "</time>"
                + (s > 120 ? " <span class=\"badge badge-stale\">stale</span>" : "");
    }

    private static String time(Instant t) {
        return "<time datetime=\"" + Responses.iso(t) + "\">" + Responses.iso(t).substring(11, 19) + " UTC</time>";
    }

    private static String stat(String label, String valueHtml) {
        return "<li><span class=\"label\">" + esc(label) + "</span> <span class=\"value\">" + valueHtml + "</span></li>";
    }

    /** Energy in the unit that reads best: J below 1 Wh, Wh below 1 kWh, else kWh. */
    static String energy(double joules) {
        return joules < 3600 ? fmt(joules) + " J" : joules < 3.6e6 ? fmt(joules / 3600) + " Wh" : fmt(joules / 3.6e6) + " kWh";
    }

    /** Three significant figures at most, no exponent. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.01 || a == 0 ? "%.2f" : "%.4f", v);
    }
}
