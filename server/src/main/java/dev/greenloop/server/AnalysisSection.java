package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.esc;
import static dev.greenloop.server.DashboardViews.energy;
import static dev.greenloop.server.DashboardViews.fmt;

import dev.greenloop.app.PowerAnalysis;
import dev.greenloop.app.WorkSpan;
import dev.greenloop.store.FleetNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The node page's "Analysis" section: this week's power against the hour-of-week baseline of the four weeks before it
 * (an inline SVG chart, no script needed), idle against active energy, energy per unit of work, and the last seven
 * days' summary. It also loads the script that draws the node's runs and jobs on the live chart. Times are UTC.
 */
final class AnalysisSection {

    /** How many days the daily table shows, today included. */
    static final int DAYS = 7;

    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final int W = 840;
    private static final int H = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;

    private AnalysisSection() {
    }

    /** @return the section's HTML for the node at {@code now} */
    static String html(ServerContext context, FleetNode node, Instant now) {
        Instant week = PowerAnalysis.startOfWeek(now);
        Instant firstDay = PowerAnalysis.startOfDay(now).minus(Duration.ofDays(DAYS - 1));
        List<WorkSpan> spans = AnalysisRoutes.spans(context, node.name(), firstDay.isBefore(week) ? firstDay : week);
        PowerAnalysis analysis = new PowerAnalysis(context.fleet());
        Instant to = week.isBefore(now) ? now : week.plusSeconds(1);
        PowerAnalysis.Analysis a = analysis.analyse(node.name(), week, to, spans).orElseThrow();
        List<PowerAnalysis.Day> days = analysis.daily(node.name(), firstDay, to, spans).orElseThrow();
        StringBuilder b = new StringBuilder(16_384);
        b.append("<section id=\"analysis\" aria-labelledby=\"analysis-h\" data-work=\"/dashboard/nodes/").append(esc(node.name()))
                .append("/work\">\n<link rel=\"stylesheet\" href=\"/dashboard/analysis/analysis.css\">\n")
                .append("<h2 id=\"analysis-h\">Analysis</h2>\n")
                .append("<p id=\"work-status\" class=\"live\" role=\"status\" aria-live=\"polite\">Runs and jobs of the last hour are"
                        + " drawn on the chart above as shaded bands.</p>\n");
        baseline(b, a);
        idleActive(b, a);
        work(b, a);
        daily(b, days);
        b.append("<p class=\"hint\">Times are UTC. Power is the node's counted components (no overlapping scopes); each figure's"
                + " method is in docs/analysis.md.</p>\n<script src=\"/dashboard/analysis/analysis.js\" defer></script>\n</section>\n");
        return b.toString();
    }

    private static void baseline(StringBuilder b, PowerAnalysis.Analysis a) {
        PowerAnalysis.Baseline node = a.baselines().getFirst();
        double dev = node.deviationPercent();
        String summary = Double.isFinite(dev)
                ? "This week so far used %s%% %s than the baseline's mean for the same hours.".formatted(fmt(Math.abs(dev)), dev >= 0 ? "more" : "less")
                : "No baseline yet for this week's hours: the four weeks before it have no samples at those hours.";
        b.append("<h3 id=\"baseline-h\">This week against the hour-of-week baseline</h3>\n<p id=\"baseline-summary\">").append(esc(summary))
                .append("</p>\n");
        double max = 1;
        for (PowerAnalysis.Slot s : node.slots()) {
            max = Math.max(max, finite(s.p90Watts()));
        }
        for (PowerAnalysis.HourVsBaseline h : node.hours()) {
            max = Math.max(max, finite(h.meanWatts()));
        }
        max *= 1.1;
        b.append("<div class=\"scroll\" tabindex=\"0\" aria-label=\"Baseline chart, scrolls sideways on small screens\"><svg id=\"baseline-chart\" class=\"baseline\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-labelledby=\"baseline-t baseline-d\"><title id=\"baseline-t\">Node power by hour of the week"
                        + " (UTC), watts</title><desc id=\"baseline-d\">")
                .append(esc("Shaded: 10th to 90th percentile of the weeks from %s to %s; dashed: their mean; solid: this week's hourly mean. %s"
                        .formatted(Responses.iso(a.baselineFrom()).substring(0, 10), Responses.iso(a.baselineTo()).substring(0, 10), summary)))
                .append("</desc>\n");
        for (int d = 0; d <= 7; d++) {
            double x = x(d * 24);
            b.append(line(x, TOP, x, H - BOTTOM, "grid"));
            if (d < 7) {
                b.append("<text x=\"").append(num(x(d * 24 + 12))).append("\" y=\"").append(H - 6).append("\" class=\"axis\" text-anchor=\"middle\">")
                        .append(WEEKDAYS[d]).append("</text>");
            }
        }
        for (int k = 0; k <= 2; k++) {
            double v = max * k / 2;
            b.append(line(LEFT, y(v, max), W - RIGHT, y(v, max), "grid"))
                    .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(num(y(v, max) + 4)).append("\" class=\"axis\" text-anchor=\"end\">")
                    .append(fmt(v)).append(" W</text>");
        }
        band(b, node.slots(), max);
        StringBuilder mean = new StringBuilder();
        int prev = -2;
        for (PowerAnalysis.Slot s : node.slots()) {
            if (Double.isFinite(s.meanWatts())) {
                mean.append(s.slot() == prev + 1 ? " L" : " M").append(num(x(s.slot() + 0.5))).append(' ').append(num(y(s.meanWatts(), max)));
                prev = s.slot();
            }
        }
        if (!mean.isEmpty()) {
            b.append("<path class=\"baseline-mean\" d=\"").append(mean.toString().strip()).append("\" fill=\"none\" stroke=\"#56665d\""
                    + " stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n");
        }
        StringBuilder week = new StringBuilder();
        prev = -2;
        for (PowerAnalysis.HourVsBaseline h : node.hours()) {
            week.append(h.slot() == prev + 1 ? " L" : " M").append(num(x(h.slot() + 0.5))).append(' ').append(num(y(h.meanWatts(), max)));
            prev = h.slot();
        }
        if (!week.isEmpty()) {
            b.append("<path class=\"this-week\" d=\"").append(week.toString().strip()).append("\" fill=\"none\" stroke=\"#1d7a46\""
                    + " stroke-width=\"2\"/>\n");
        }
        b.append("</svg></div>\n<ul class=\"legend\"><li><span class=\"key key-band\"></span>baseline 10th–90th percentile</li>")
                .append("<li><span class=\"key key-mean\"></span>baseline mean</li><li><span class=\"key key-week\"></span>this week</li></ul>\n");
    }

    /** The 10th–90th percentile band: one closed path per run of consecutive slots that have samples. */
    private static void band(StringBuilder b, List<PowerAnalysis.Slot> slots, double max) {
        StringBuilder d = new StringBuilder();
        int i = 0;
        while (i < slots.size()) {
            if (slots.get(i).minutes() == 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < slots.size() && slots.get(j).minutes() > 0) {
                j++;
            }
            for (int k = i; k < j; k++) {
                d.append(k == i ? "M" : " L").append(num(x(k))).append(' ').append(num(y(slots.get(k).p90Watts(), max)))
                        .append(" L").append(num(x(k + 1))).append(' ').append(num(y(slots.get(k).p90Watts(), max)));
            }
            for (int k = j - 1; k >= i; k--) {
                d.append(" L").append(num(x(k + 1))).append(' ').append(num(y(slots.get(k).p10Watts(), max)))
                        .append(" L").append(num(x(k))).append(' ').append(num(y(slots.get(k).p10Watts(), max)));
            }
            d.append(" Z ");
            i = j;
        }
        if (!d.isEmpty()) {
            b.append("<path class=\"baseline-band\" d=\"").append(d.toString().strip()).append("\" fill=\"#2d5fa8\" fill-opacity=\"0.22\"/>\n");
        }
    }

    private static void idleActive(StringBuilder b, PowerAnalysis.Analysis a) {
        b.append("<h3 id=\"idle-h\">Idle and active, this week</h3>\n<div class=\"scroll\"><table id=\"idle-active\" aria-labelledby=\"idle-h\">\n")
                .append("<thead><tr><th scope=\"col\">Series</th><th scope=\"col\" class=\"num\">Active energy</th>")
                .append("<th scope=\"col\" class=\"num\">Idle energy</th><th scope=\"col\" class=\"num\">Idle share</th>")
                .append("<th scope=\"col\" class=\"num\">Idle floor</th><th scope=\"col\" class=\"num\">Idle above floor</th></tr></thead>\n<tbody>\n");
        for (PowerAnalysis.Split s : a.splits()) {
            b.append("<tr><th scope=\"row\">").append(esc(s.series().equals("node") ? "node (total)" : s.series())).append("</th>")
                    .append(td(energy(s.activeJoules()))).append(td(energy(s.idleJoules()))).append(td(percent(s.idleShare())))
                    .append(td(fmt(s.idleFloorWatts()) + " W")).append(td(Double.isFinite(s.idleWasteJoules()) ? energy(s.idleWasteJoules()) : "–"))
                    .append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    private static void work(StringBuilder b, PowerAnalysis.Analysis a) {
        b.append("<h3 id=\"work-h\">Energy per unit of work, this week</h3>\n");
        if (a.work().isEmpty()) {
            b.append("<p id=\"work-none\">No finished runs or jobs this week. Runs tagged <code>--tag queries=N</code> also give energy"
                    + " per query.</p>\n");
            return;
        }
        b.append("<div class=\"scroll\"><table id=\"energy-per-work\" aria-labelledby=\"work-h\">\n<thead><tr><th scope=\"col\">Per</th>")
                .append("<th scope=\"col\">Group</th><th scope=\"col\" class=\"num\">Runs/jobs</th><th scope=\"col\" class=\"num\">Units</th>")
                .append("<th scope=\"col\" class=\"num\">Energy</th><th scope=\"col\" class=\"num\">Energy per unit</th></tr></thead>\n<tbody>\n");
        for (PowerAnalysis.WorkGroup w : a.work()) {
            String per = switch (w.kind()) {
                case "job" -> "job";
                case "queries" -> "query";
                default -> "run (tag)";
            };
            b.append("<tr><td>").append(per).append("</td><th scope=\"row\">").append(esc(w.key())).append("</th>").append(td(Integer.toString(w.count())))
                    .append(td(fmt(w.units()))).append(td(energy(w.joules()))).append(td(energy(w.joulesPerUnit()) + " / " + per.replace(" (tag)", "")))
                    .append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    private static void daily(StringBuilder b, List<PowerAnalysis.Day> days) {
        b.append("<h3 id=\"daily-h\">Daily summary, last ").append(DAYS).append(" days</h3>\n<div class=\"scroll\"><table id=\"daily\"")
                .append(" aria-labelledby=\"daily-h\">\n<thead><tr><th scope=\"col\">Day (UTC)</th><th scope=\"col\" class=\"num\">Energy</th>")
                .append("<th scope=\"col\" class=\"num\">Carbon</th><th scope=\"col\" class=\"num\">Mean</th>")
                .append("<th scope=\"col\" class=\"num\">Peak (1 min)</th><th scope=\"col\" class=\"num\">Idle share</th>")
                .append("<th scope=\"col\" class=\"num\">Runs</th><th scope=\"col\" class=\"num\">Jobs</th>")
                .append("<th scope=\"col\" class=\"num\">Per run</th><th scope=\"col\" class=\"num\">Per job</th>")
                .append("<th scope=\"col\" class=\"num\">Per query</th></tr></thead>\n<tbody>\n");
        for (PowerAnalysis.Day d : days.reversed()) {
            b.append("<tr><th scope=\"row\"><time datetime=\"").append(d.day()).append("\">").append(d.day()).append("</time></th>")
                    .append(td(energy(d.joules()))).append(td(fmt(d.grams()) + " g")).append(td(fmt(d.meanWatts()) + " W"))
                    .append(td(fmt(d.peakWatts()) + " W")).append(td(percent(d.split().idleShare())))
                    .append(td(Integer.toString(d.runs()))).append(td(Integer.toString(d.jobs())))
                    .append(td(maybeEnergy(d.joulesPerRun()))).append(td(maybeEnergy(d.joulesPerJob()))).append(td(maybeEnergy(d.joulesPerQuery())))
                    .append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    private static String maybeEnergy(double joules) {
        return Double.isFinite(joules) ? energy(joules) : "–";
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? fmt(share * 100) + " %" : "–";
    }

    private static String td(String text) {
        return "<td class=\"num\">" + esc(text) + "</td>";
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
                + "\" stroke=\"#d5ddd7\" stroke-width=\"1\"/>";
    }

    private static double x(double slot) {
        return LEFT + slot * (W - LEFT - RIGHT) / 168.0;
    }

    private static double y(double watts, double max) {
        return H - BOTTOM - finite(watts) / max * (H - BOTTOM - TOP);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
