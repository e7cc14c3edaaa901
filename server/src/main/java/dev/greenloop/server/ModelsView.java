package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.badge;
import static dev.greenloop.server.DashboardPage.esc;
import static dev.greenloop.server.DashboardViews.fmt;

import dev.greenloop.app.LabService;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Pareto;
import dev.greenloop.report.ParetoChart;
import dev.greenloop.store.NewProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The models page ({@code /models}): the lab's stored results (each {@code lab profile} or {@code lab sweep}), and for
 * one of them its profiles table (variant and settings, energy per query, latency, quality, label) and the energy
 * versus quality chart with its Pareto frontier ({@link LabService#pareto}, drawn by the report module's
 * {@link ParetoChart}).
 */
final class ModelsView {

    /** Stored profile rows read, newest first. */
    static final int ROWS = 2000;

    private final LabService lab;

    ModelsView(LabService lab) {
        this.lab = lab;
    }

    /**
     * @return the result number of the query's {@code result}, empty for the newest
     * @throws ProblemException 400 naming a value that is not a whole number from 1
     */
    static Optional<Long> result(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long r = Long.parseLong(text.strip());
            if (r >= 1) {
                return Optional.of(r);
            }
        } catch (NumberFormatException e) {
            // Said below, with the value.
        }
        throw new ProblemException(400, "Bad Request", "result '%s' is not a result number; give one the results table lists, e.g. result=2"
                .formatted(text), "result");
    }

    String render(DashboardSessions.Session session, Optional<Long> asked) {
        Map<Long, List<LabService.StoredRow>> results = new LinkedHashMap<>();
        for (LabService.StoredRow r : lab.profiles(Optional.empty(), ROWS)) {
            results.computeIfAbsent(r.stored().resultId(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder(32_768);
        b.append("<h1>Models</h1>\n");
        if (results.isEmpty()) {
            b.append("<p class=\"empty\">No profiles stored: run <code>greenloop lab profile --model all-minilm-l6-v2 --variants fp32,int8"
                    + " --input texts.txt</code> (or <code>greenloop lab sweep</code>) and its results appear here.</p>\n");
            return DashboardPage.render("Models", "/models", session, b.toString(), List.of());
        }
        long shown = asked.orElse(results.keySet().iterator().next());
        List<LabService.StoredRow> rows = results.get(shown);
        if (rows == null) {
            throw new ProblemException(404, "Not Found", "no stored result %d among the newest %d profiles; the models page lists them".formatted(shown, ROWS),
                    "result");
        }
        resultsTable(b, results, shown);
        LabService.Lookup lookup = lab.stored(shown);
        if (lookup.result().isEmpty()) {
            throw new ProblemException(404, "Not Found", "no stored result %d in %s".formatted(shown, lookup.location()), "result");
        }
        LabResult result = lookup.result().get();
        LabService.Frontier f = lab.pareto(result);
        NewProfile first = rows.getFirst().stored().profile();
        b.append("<section aria-labelledby=\"result-h\"><h2 id=\"result-h\">Result ").append(shown).append(": ").append(esc(result.model()))
                .append(" on ").append(result.texts()).append(" texts</h2>\n<p class=\"hint\">Measured ").append(RunsView.time(first.measuredAt()))
                .append(" on ").append(esc(first.node())).append("; quality is the ").append(esc(f.quality()))
                .append(result.labelled() ? " (leave-one-out 5-NN on the labels given)" : " (of each text's embedding)")
                .append(". ★ marks the Pareto frontier: no other row uses less energy and scores higher.</p>\n");
        chart(b, result, f);
        profilesTable(b, rows, result, f);
        b.append("</section>\n");
        return DashboardPage.render("Models", "/models", session, b.toString(), List.of());
    }

    private static void resultsTable(StringBuilder b, Map<Long, List<LabService.StoredRow>> results, long shown) {
        b.append("<section aria-labelledby=\"results-h\"><h2 id=\"results-h\">Stored results</h2>\n<div class=\"scroll\"><table class=\"cards\">\n")
                .append("<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Model</th><th scope=\"col\">Measured</th><th scope=\"col\">Node</th>")
                .append("<th scope=\"col\" class=\"num\">Rows</th><th scope=\"col\" class=\"num\">Lowest energy per query</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<Long, List<LabService.StoredRow>> e : results.entrySet()) {
            NewProfile p = e.getValue().getFirst().stored().profile();
            double lowest = e.getValue().stream().mapToDouble(r -> r.stored().profile().joulesPerQuery()).min().orElse(Double.NaN);
            b.append("<tr><th scope=\"row\" data-label=\"Result\">");
            if (e.getKey() == shown) {
                b.append("<span aria-current=\"true\">").append(e.getKey()).append(" (shown)</span>");
            } else {
                b.append("<a href=\"/models?result=").append(e.getKey()).append("\">").append(e.getKey()).append("</a>");
            }
            b.append("</th><td data-label=\"Model\">").append(esc(p.model())).append("</td><td data-label=\"Measured\">").append(RunsView.time(p.measuredAt()))
                    .append("</td><td data-label=\"Node\">").append(esc(p.node())).append("</td><td class=\"num\" data-label=\"Rows\">")
                    .append(e.getValue().size()).append("</td><td class=\"num\" data-label=\"Lowest energy per query\">").append(fmt(lowest * 1000))
                    .append(" mJ</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static void chart(StringBuilder b, LabResult result, LabService.Frontier f) {
        if (f.points().isEmpty()) {
            b.append("<p class=\"empty\">No row has a ").append(esc(f.quality())).append(" to place it on the chart.</p>\n");
            return;
        }
        List<ParetoChart.Point> points = new ArrayList<>();
        for (Pareto.Point p : f.points()) {
            boolean on = f.frontier().contains(p);
            points.add(new ParetoChart.Point(shortName(result, p.name()) + (on ? " *" : ""), p.joulesPerQuery(), p.quality(), on));
        }
        String svg = ParetoChart.of(result.model(), f.quality(), result.texts(), result.reference().profile().provenance().label(), result.labelled(), points)
                .toSvg();
        b.append("<figure class=\"pareto\"><img src=\"data:image/svg+xml;base64,")
                .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)))
                .append("\" alt=\"Energy per query against ").append(esc(f.quality())).append(" for each row of the table below; the frontier joins ")
                .append(f.frontier().size()).append(" rows\" width=\"").append(ParetoChart.WIDTH).append("\" height=\"").append(ParetoChart.HEIGHT)
                .append("\"><figcaption>Energy per query (x) against ").append(esc(f.quality())).append(" (y); the line joins the Pareto frontier.")
                .append(f.without().isEmpty() ? "" : " Not placed (no " + esc(f.quality()) + "): " + esc(String.join(", ", f.without())) + ".")
                .append("</figcaption></figure>\n");
    }

    private static void profilesTable(StringBuilder b, List<LabService.StoredRow> rows, LabResult result, LabService.Frontier f) {
        b.append("<div class=\"scroll\"><table class=\"cards profiles\">\n<thead><tr><th scope=\"col\">Variant</th><th scope=\"col\">Settings</th>")
                .append("<th scope=\"col\" class=\"num\">Energy per query</th><th scope=\"col\" class=\"num\">Latency p50</th>")
                .append("<th scope=\"col\" class=\"num\">").append(esc(capital(f.quality()))).append("</th><th scope=\"col\">Label</th>")
                .append("<th scope=\"col\">Frontier</th><th scope=\"col\">Profile</th></tr></thead>\n<tbody>\n");
        for (LabService.StoredRow r : rows) {
            NewProfile p = r.stored().profile();
            LabResult.Row row = r.row();
            OptionalDouble q = result.labelled() ? row.quality().knnAccuracy() : row.quality().meanCosine();
            boolean on = f.frontier().stream().anyMatch(x -> x.name().equals(row.name()));
            b.append("<tr><th scope=\"row\" data-label=\"Variant\">").append(esc(p.variant())).append(p.reference() ? " <span class=\"muted\">(reference)</span>" : "")
                    .append("</th><td data-label=\"Settings\">").append(esc(p.settings())).append("</td>")
                    .append("<td class=\"num\" data-label=\"Energy per query\">").append(fmt(p.joulesPerQuery() * 1000)).append(" mJ ")
                    .append(badge(p.provenance().label())).append("</td>")
                    .append("<td class=\"num\" data-label=\"Latency p50\">").append(fmt(p.latencyMsP50())).append(" ms</td>")
                    .append("<td class=\"num\" data-label=\"").append(esc(capital(f.quality()))).append("\">")
                    .append(q.isEmpty() ? "–" : result.labelled() ? fmt(100 * q.getAsDouble()) + " %" : String.format(java.util.Locale.ROOT, "%.5f", q.getAsDouble()))
                    .append("</td><td data-label=\"Label\"><span class=\"label label-").append(esc(p.energyLabel())).append("\">").append(esc(p.energyLabel()))
                    .append("</span></td><td data-label=\"Frontier\">").append(on ? "★ on the frontier" : "–").append("</td>")
                    .append("<td data-label=\"Profile\"><a href=\"/compare?profile=").append(r.stored().id()).append("&amp;queries-per-day=10000\">")
                    .append(r.stored().id()).append(": compare</a></td></tr>\n");
        }
        b.append("</tbody></table></div>\n<p class=\"hint\">Energy labels A (best) to G, relative to the fp32 reference, as <code>greenloop lab profile</code>"
                + " gives them. The profile number is what <code>greenloop compare --profile ID</code> takes.</p>\n");
    }

    /** {@code int8 threads=1 workers=2 batch=32 spin=off} as {@code int8 t1 w2 b32}, for the chart's labels. */
    private static String shortName(LabResult result, String name) {
        return result.row(name).map(r -> "%s t%d w%d b%d%s".formatted(r.variant(), r.settings().intraOpThreads(), r.settings().workers(),
                r.settings().batchSize(), r.settings().spinning() ? " spin" : "")).orElse(name);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
