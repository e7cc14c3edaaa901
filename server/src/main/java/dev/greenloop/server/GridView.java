package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.esc;
import static dev.greenloop.server.DashboardViews.fmt;

import dev.greenloop.app.GridOutlook;
import dev.greenloop.app.ZoneIntensities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The grid page ({@code /grid}): per zone the server serves, a chart of the actual intensity of the last
 * {@value #BACK_HOURS} hours and the values of the next {@value #AHEAD_HOURS} (a provider's forecast, or the trace's own
 * values), and the lowest-carbon window of the asked length ({@link GridOutlook}).
 */
final class GridView {

    /** Hours of actual values shown. */
    static final int BACK_HOURS = 24;
    /** Hours ahead shown and searched. */
    static final int AHEAD_HOURS = 24;
    /** The window's length when none is asked for, minutes. */
    static final int DEFAULT_MINUTES = 60;

    private final ServerContext context;

    GridView(ServerContext context) {
        this.context = context;
    }

    /**
     * @return the window length of the query's {@code minutes}, default {@value #DEFAULT_MINUTES}
     * @throws ProblemException 400 naming a value that is not a whole number of minutes from 1 to the hours ahead
     */
    static int minutes(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_MINUTES;
        }
        try {
            int m = Integer.parseInt(text.strip());
            if (m >= 1 && m <= AHEAD_HOURS * 60) {
                return m;
            }
        } catch (NumberFormatException e) {
            // Said below, with the value.
        }
        throw new ProblemException(400, "Bad Request", "minutes '%s' is not a window length; give whole minutes from 1 to %d, e.g. minutes=90"
                .formatted(text, AHEAD_HOURS * 60), "minutes");
    }

    String render(DashboardSessions.Session session, int minutes) {
        Instant now = context.clock().instant();
        StringBuilder b = new StringBuilder(16_384);
        b.append("<h1>Grid intensity</h1>\n")
                .append("<form class=\"filters\" method=\"get\" action=\"/grid\"><label for=\"f-minutes\">Job length, minutes")
                .append("<input id=\"f-minutes\" name=\"minutes\" type=\"number\" min=\"1\" max=\"").append(AHEAD_HOURS * 60).append("\" value=\"")
                .append(minutes).append("\"></label><button type=\"submit\">Find best windows</button></form>\n");
        List<GridOutlook.Zone> zones = context.intensities() == null ? List.of()
                : GridOutlook.of(context.intensities(), now, Duration.ofHours(BACK_HOURS), Duration.ofHours(AHEAD_HOURS), Duration.ofMinutes(minutes));
        if (zones.isEmpty()) {
            b.append("<p class=\"empty\">This server serves no grid zone. Start it with a trace, <code>greenloop server --trace DE=de-2024.csv</code>,"
                    + " or a live provider, <code>greenloop server --provider electricitymaps --zone DE</code>.</p>\n");
            return DashboardPage.render("Grid", "/grid", session, b.toString(), List.of());
        }
        b.append("<section aria-labelledby=\"best-h\"><h2 id=\"best-h\">Best ").append(minutes).append("-minute windows, next ").append(AHEAD_HOURS)
                .append(" h</h2>\n<div class=\"scroll\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">Zone</th><th scope=\"col\">Start (UTC)</th>")
                .append("<th scope=\"col\">End (UTC)</th><th scope=\"col\" class=\"num\">Mean intensity</th><th scope=\"col\" class=\"num\">Mean of the next ")
                .append(AHEAD_HOURS).append(" h</th><th scope=\"col\">From</th></tr></thead>\n<tbody>\n");
        for (GridOutlook.Zone z : zones) {
            b.append("<tr><th scope=\"row\" data-label=\"Zone\"><a href=\"#zone-").append(esc(z.zone())).append("\">").append(esc(z.zone())).append("</a></th>");
            if (z.best().isPresent()) {
                GridOutlook.Window w = z.best().get();
                b.append("<td data-label=\"Start\">").append(RunsView.time(w.start())).append("</td><td data-label=\"End\">").append(RunsView.time(w.end()))
                        .append("</td><td class=\"num best-mean\" data-label=\"Mean intensity\">").append(fmt(w.meanGramsPerKWh())).append(" g/kWh</td>")
                        .append("<td class=\"num\" data-label=\"Mean ahead\">").append(fmt(z.meanAhead())).append(" g/kWh</td>");
            } else {
                b.append("<td colspan=\"4\" data-label=\"Best window\">none: ").append(esc(String.join("; ", z.problems()))).append("</td>");
            }
            b.append("<td data-label=\"From\">").append(esc(z.aheadKind())).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n<p class=\"hint\">Intensities in gCO₂e/kWh, times UTC. <em>forecast</em>: the provider's newest forecast;"
                + " <em>trace</em>: the values of the server's trace file for those hours (not a forecast).</p></section>\n");
        for (GridOutlook.Zone z : zones) {
            zoneSection(b, z, now);
        }
        return DashboardPage.render("Grid", "/grid", session, b.toString(), List.of("uplot/uPlot.iife.min.js", "pages/grid.js"));
    }

    private static void zoneSection(StringBuilder b, GridOutlook.Zone z, Instant now) {
        String id = "zone-" + z.zone();
        b.append("<section id=\"").append(esc(id)).append("\" aria-labelledby=\"").append(esc(id)).append("-h\"><h2 id=\"").append(esc(id)).append("-h\">")
                .append(esc(z.zone())).append("</h2>\n<p class=\"hint\">From ").append(esc(z.source())).append(". ")
                .append(z.actual().size()).append(" actual values in the last ").append(BACK_HOURS).append(" h, ").append(z.ahead().size())
                .append(' ').append(esc(z.aheadKind())).append(" values ahead").append(signal(z)).append(".</p>\n");
        for (String p : z.problems()) {
            b.append("<p class=\"warn\">").append(esc(p)).append("</p>\n");
        }
        b.append("<div class=\"chart grid-chart\" role=\"img\" aria-label=\"Carbon intensity of ").append(esc(z.zone()))
                .append(": actual over the last ").append(BACK_HOURS).append(" hours and ").append(esc(z.aheadKind())).append(" for the next ")
                .append(AHEAD_HOURS).append(", in gCO2e per kWh\"></div>\n<script type=\"application/json\" class=\"grid-data\">")
                .append(chartJson(z, now).replace("</", "<\\/")).append("</script>\n</section>\n");
    }

    private static String signal(GridOutlook.Zone z) {
        List<ZoneIntensities.Point> any = z.actual().isEmpty() ? z.ahead() : z.actual();
        return any.isEmpty() ? "" : "; signal " + any.getFirst().signal() + ", source " + any.getFirst().source();
    }

    /**
     * {@code {"zone", "now", "kind", "t": [epoch s], "actual": [...], "ahead": [...], "best": [start, end] or null}}: both
     * series on one time axis of point starts (null where a series has no value).
     */
    static String chartJson(GridOutlook.Zone z, Instant now) {
        java.util.TreeMap<Long, Double[]> byTime = new java.util.TreeMap<>();
        for (ZoneIntensities.Point p : z.actual()) {
            byTime.computeIfAbsent(p.start().getEpochSecond(), k -> new Double[2])[0] = p.gramsPerKWh();
        }
        for (ZoneIntensities.Point p : z.ahead()) {
            byTime.computeIfAbsent(Math.max(p.start().getEpochSecond(), now.getEpochSecond()), k -> new Double[2])[1] = p.gramsPerKWh();
        }
        if (!z.actual().isEmpty() && !z.ahead().isEmpty()) {
            // Join the two lines at now: the last actual value carries on until the first value ahead.
            byTime.computeIfAbsent(now.getEpochSecond(), k -> new Double[2])[0] = z.actual().getLast().gramsPerKWh();
        }
        return Responses.text(g -> {
            g.writeStartObject();
            g.writeStringField("zone", z.zone());
            g.writeNumberField("now", now.getEpochSecond());
            g.writeStringField("kind", z.aheadKind());
            for (int k = -1; k < 2; k++) {
                g.writeArrayFieldStart(k < 0 ? "t" : k == 0 ? "actual" : "ahead");
                for (var e : byTime.entrySet()) {
                    if (k < 0) {
                        g.writeNumber(e.getKey());
                    } else if (e.getValue()[k] == null) {
                        g.writeNull();
                    } else {
                        g.writeNumber(Math.round(e.getValue()[k] * 10) / 10.0);
                    }
                }
                g.writeEndArray();
            }
            if (z.best().isPresent()) {
                g.writeArrayFieldStart("best");
                g.writeNumber(z.best().get().start().getEpochSecond());
                g.writeNumber(z.best().get().end().getEpochSecond());
                g.writeEndArray();
            } else {
                g.writeNullField("best");
            }
            g.writeEndObject();
        });
    }
}
