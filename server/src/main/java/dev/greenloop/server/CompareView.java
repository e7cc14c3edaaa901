package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.badge;
import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.CompareInputException;
import dev.greenloop.app.Comparing;
import dev.greenloop.app.Settings;
import dev.greenloop.carbon.PlacementEstimate;
import dev.greenloop.report.Fmt;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The compare page ({@code /compare}): a GET form (it changes nothing) for a stored run or lab profile, and the table
 * {@code greenloop compare} prints for it — placements ranked by carbon, every figure a range, each row's sources and
 * assumptions ({@link Comparing}).
 */
final class CompareView {

    private final Settings settings;

    CompareView(Settings settings) {
        this.settings = settings;
    }

    /**
     * The form's fields as sent; empty strings where not given.
     *
     * @param run a run id
     * @param profile a lab profile id
     * @param queriesPerDay queries a day (with a profile)
     * @param payloadBytes bytes per query or per run
     * @param cloud comma-separated {@code provider:type@region}
     */
    record Form(String run, String profile, String queriesPerDay, String payloadBytes, String cloud) {

        static Form of(Context ctx) {
            return new Form(v(ctx.queryParam("run")), v(ctx.queryParam("profile")), v(ctx.queryParam("queries-per-day")),
                    v(ctx.queryParam("payload-bytes")), v(ctx.queryParam("cloud")));
        }

        private static String v(String s) {
            return s == null ? "" : s.strip();
        }

        boolean empty() {
            return run.isEmpty() && profile.isEmpty();
        }

        /** @throws CompareInputException naming a field that is not a number of the right kind */
        Comparing.Request request() {
            List<String> clouds = cloud.isEmpty() ? List.of() : Arrays.stream(cloud.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new Comparing.Request(id(run, "run"), id(profile, "profile"), id(queriesPerDay, "queries-per-day"), bytes(payloadBytes), clouds,
                    OptionalDouble.empty(), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        }

        private static OptionalLong id(String s, String field) {
            if (s.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                // The message names the value; the parser's own says nothing more.
                throw new CompareInputException("%s '%s' is not a whole number; give e.g. %s".formatted(field, s, field.equals("queries-per-day") ? "10000" : "1"));
            }
        }

        private static OptionalDouble bytes(String s) {
            if (s.isEmpty()) {
                return OptionalDouble.empty();
            }
            try {
                double b = Double.parseDouble(s);
                if (b >= 0 && Double.isFinite(b)) {
                    return OptionalDouble.of(b);
                }
            } catch (NumberFormatException e) {
                // Said below, with the value.
            }
            throw new CompareInputException("payload-bytes '%s' is not a number of bytes >= 0; give e.g. 2048".formatted(s));
        }
    }

    /** @return the status (200, or 400 for a form the comparison refuses) and the page */
    Page render(DashboardSessions.Session session, Form form) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<h1>Compare placements</h1>\n<p class=\"hint\">The table <code>greenloop compare</code> prints: a stored run or lab profile here"
                + " (measured), on cloud instance types (modelled after Cloud Carbon Footprint) and ranked by carbon, lowest first. Every figure is a"
                + " range low..high.</p>\n");
        formHtml(b, form);
        int status = 200;
        if (form.empty()) {
            b.append("<p class=\"empty\">Give a run (<code>greenloop runs list</code> shows their ids) or a lab profile (the models page lists"
                    + " them) and press Compare.</p>\n");
        } else {
            List<String> notes = new ArrayList<>();
            try {
                table(b, Comparing.compare(settings, form.request(), notes::add), notes);
            } catch (CompareInputException e) {
                status = 400;
                b.append("<p class=\"error\" role=\"alert\" id=\"compare-error\">").append(esc(e.getMessage())).append("</p>\n");
            }
        }
        return new Page(status, DashboardPage.render("Compare", "/compare", session, b.toString(), List.of()));
    }

    /** A page and its HTTP status. */
    record Page(int status, String html) {
    }

    private static void formHtml(StringBuilder b, Form f) {
        b.append("<form class=\"filters compare\" method=\"get\" action=\"/compare\">")
                .append(RunsView.field("run", "Run id", f.run(), "1"))
                .append(RunsView.field("profile", "or profile id", f.profile(), "3"))
                .append(RunsView.field("queries-per-day", "Queries a day (profile)", f.queriesPerDay(), "10000"))
                .append(RunsView.field("payload-bytes", "Payload bytes (per query or run)", f.payloadBytes(), "0"))
                .append(RunsView.field("cloud", "Cloud placements", f.cloud(), String.join(",", Comparing.DEFAULT_CLOUD)))
                .append("<button type=\"submit\">Compare</button></form>\n");
    }

    private static void table(StringBuilder b, Comparing.Comparison c, List<String> notes) {
        b.append("<section aria-labelledby=\"ranked-h\"><h2 id=\"ranked-h\">").append(esc(c.workload())).append(", ranked by carbon</h2>\n")
                .append("<div class=\"scroll\"><table class=\"cards ranked\">\n<thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Placement</th>")
                .append("<th scope=\"col\">Provenance</th><th scope=\"col\" class=\"num\">Energy, kWh</th><th scope=\"col\" class=\"num\">Operational, gCO₂e</th>")
                .append("<th scope=\"col\" class=\"num\">Embodied, gCO₂e</th><th scope=\"col\" class=\"num\">Network, gCO₂e</th>")
                .append("<th scope=\"col\" class=\"num\">Total, gCO₂e</th><th scope=\"col\" class=\"num\">Latency, ms</th><th scope=\"col\">Zone</th></tr></thead>\n<tbody>\n");
        int rank = 1;
        for (PlacementEstimate e : c.ranked()) {
            b.append("<tr><td class=\"num\" data-label=\"#\">").append(rank++).append("</td><th scope=\"row\" data-label=\"Placement\">").append(esc(e.name()))
                    .append("</th><td data-label=\"Provenance\">").append(badge(e.provenance())).append("</td>")
                    .append(num("Energy, kWh", Fmt.range(e.energyKWh()))).append(num("Operational, gCO₂e", Fmt.range(e.operationalGrams())))
                    .append(num("Embodied, gCO₂e", Fmt.range(e.embodiedGrams()))).append(num("Network, gCO₂e", Fmt.range(e.networkGrams())))
                    .append(num("Total, gCO₂e", "<strong>" + Fmt.range(e.totalGrams()) + "</strong>")).append(num("Latency, ms", Fmt.range(e.latencyMs())))
                    .append("<td data-label=\"Zone\">").append(esc(e.zone())).append(" <span class=\"muted nowrap\">").append(Fmt.significant(e.gramsPerKWh()))
                    .append(" g/kWh · PUE ").append(Fmt.significant(e.pue())).append("</span></td></tr>\n");
        }
        b.append("</tbody></table></div>\n<h3>Sources and assumptions</h3>\n");
        for (PlacementEstimate e : c.ranked()) {
            b.append("<details><summary>").append(esc(e.name())).append("</summary><ul>");
            e.sources().forEach(s -> b.append("<li>").append(esc(s)).append("</li>"));
            e.notes().forEach(n -> b.append("<li class=\"muted\">").append(esc(n)).append("</li>"));
            b.append("</ul></details>\n");
        }
        for (String n : notes) {
            b.append("<p class=\"hint\">").append(esc(n)).append("</p>\n");
        }
        b.append("<p class=\"hint\">Read from ").append(esc(c.location())).append(". docs/compare.md explains each row's arithmetic.</p></section>\n");
    }

    private static String num(String label, String html) {
        return "<td class=\"num\" data-label=\"" + esc(label) + "\">" + html + "</td>";
    }
}
