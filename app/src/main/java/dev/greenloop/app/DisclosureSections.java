package dev.greenloop.app;

import static dev.greenloop.app.DisclosureHtml.esc;
import static dev.greenloop.app.DisclosureHtml.num;
import static dev.greenloop.app.DisclosureHtml.opt;
import static dev.greenloop.app.DisclosureHtml.td;

/**
 * The report page's disclosure sections beyond the energy and carbon totals: the model variants served and what they
 * saved, and the training runs' EU AI Act Annex XI block. Each returns an HTML fragment (well-formed XHTML, for the
 * PDF too), or an empty string where there is nothing to show.
 */
final class DisclosureSections {

    private DisclosureSections() {
    }

    static String embodied(Disclosure d) {
        if (d.embodied().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h3>Embodied emissions</h3>\n<table><thead><tr><th>node</th><th>component</th><th class=\"n\">count</th>"
                + "<th class=\"n\">kgCO2eq per unit</th><th class=\"n\">kgCO2eq</th><th>source</th><th>licence</th></tr></thead><tbody>\n");
        for (Disclosure.EmbodiedNode n : d.embodied()) {
            for (Disclosure.EmbodiedRow r : n.rows()) {
                b.append("<tr><td>").append(esc(n.node())).append("</td><td>").append(esc(r.component())).append("</td>").append(td(num(r.count())))
                        .append(td(num(r.kgPerUnit()))).append(td(num(r.kg()))).append("<td>").append(esc(r.source())).append("</td><td>")
                        .append(esc(r.licence())).append("</td></tr>\n");
            }
            b.append("<tr><td><b>").append(esc(n.node())).append("</b></td><td>TE, from ").append(esc(n.how())).append("</td><td></td><td></td>")
                    .append(td(num(n.kg()))).append("<td></td><td></td></tr>\n");
        }
        return b.append("</tbody></table>\n<p class=\"note\">M = TE × TiR / EL × RR / ToR (ISO/IEC 21031:2024), TE per node as above, EL = ")
                .append(esc(num(d.request().lifeYears()))).append(" years.</p>\n").toString();
    }

    static String variantsServed(Disclosure d) {
        if (d.variantsServed().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h3>Model variants served</h3>\n<table><thead><tr><th>model</th><th>variant</th><th class=\"n\">queries</th>"
                + "<th class=\"n\">Wh per query</th><th class=\"n\">fp32 Wh per query</th><th class=\"n\">Wh saved</th><th class=\"n\">gCO2eq saved</th>"
                + "<th class=\"n\">lab result</th></tr></thead><tbody>\n");
        for (Disclosure.VariantServed v : d.variantsServed()) {
            b.append("<tr><td>").append(esc(v.model())).append("</td><td>").append(esc(v.variant())).append("</td>")
                    .append(td(String.format(java.util.Locale.ROOT, "%,d", v.queries()))).append(td(num(v.wattHoursPerQuery())))
                    .append(td(num(v.fp32WattHoursPerQuery()))).append(td(num(v.savedWattHours()))).append(td(opt(v.savedGrams())))
                    .append(td(String.valueOf(v.profileResult()))).append("</tr>\n");
        }
        return b.append("</tbody></table>\n<p class=\"note\">").append(esc(VariantSavings.METHOD)).append(".</p>\n").toString();
    }

    static String training(Disclosure d) {
        StringBuilder b = new StringBuilder("<h2>Training runs (EU AI Act, Annex XI)</h2>\n");
        if (d.training().isEmpty()) {
            return b.append("<p class=\"note\">No training run in the selection: tag training runs with 'measure --tag kind=training'"
                    + " (and flops=N where the FLOPs are known).</p>\n").toString();
        }
        double[] t = TrainingJson.totals(d.training());
        b.append("<p>").append(d.training().size()).append(d.training().size() == 1 ? " training run: <b>" : " training runs: <b>").append(esc(DisclosureHtml.kwh(t[0]))).append("</b> over <b>")
                .append(esc(num(t[1]))).append(" h</b>, ").append(esc(DisclosureHtml.grams(t[2]))).append(" location-based; compute: <b>")
                .append(t[4] > 0 ? "FLOPs unknown for %d of the runs".formatted((int) t[4]) : esc(String.format(java.util.Locale.ROOT, "%.3e FLOP", t[3])))
                .append("</b>.</p>\n");
        b.append("<table><thead><tr><th>run</th><th>name</th><th>node</th><th>start (UTC)</th><th class=\"n\">hours</th><th class=\"n\">kWh</th>")
                .append("<th>provenance</th><th class=\"n\">gCO2eq</th><th class=\"n\">FLOPs</th></tr></thead><tbody>\n");
        for (Disclosure.TrainingRun r : d.training()) {
            b.append("<tr><td>").append(r.run()).append("</td><td>").append(esc(r.name())).append("</td><td>").append(esc(r.node())).append("</td><td>")
                    .append(esc(DisclosureJson.iso(r.start()))).append("</td>").append(td(num(r.hours()))).append(td(num(r.joules() / 3.6e6)))
                    .append("<td>").append(esc(r.provenance())).append("</td>").append(td(num(r.grams())))
                    .append(td(r.flops().isPresent() ? String.format(java.util.Locale.ROOT, "%.3e", r.flops().getAsDouble()) : "unknown")).append("</tr>\n");
        }
        return b.append("</tbody></table>\n<p class=\"note\">What ").append(esc(TrainingDisclosure.REFERENCE))
                .append(" asks providers of general-purpose AI models to document: the computational resources (FLOPs), the training time and the"
                        + " energy. FLOPs come from each run's flops tag; where none is given they are unknown and said so.</p>\n").toString();
    }
}
