package dev.greenloop.app;

import dev.greenloop.report.Chart;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The report as one printable HTML page ({@code greenloop report --format html}): the headline figures, the tables
 * behind them, three server-side SVG charts ({@link DisclosureCharts}), methods, sources and assumptions. No JavaScript
 * and no external resources: the page prints, converts to PDF, and opens offline as it is.
 */
public final class DisclosureHtml {

    private DisclosureHtml() {
    }

    /** @return the whole HTML document, charts as inline SVG */
    public static String render(Disclosure d) {
        return render(d, false);
    }

    /**
     * The page's content without its document: what goes between {@code <body>} and {@code </body>}, for a front end
     * that shows the report inside its own page (the dashboard) with its own styles. The same HTML as {@link #render}.
     *
     * @return an HTML fragment
     */
    public static String body(Disclosure d) {
        String page = render(d, false);
        return page.substring(page.indexOf("<body>\n") + "<body>\n".length(), page.lastIndexOf("</body>"));
    }

    /**
     * The page as {@link DisclosurePdf} lays it out: the same, well-formed XHTML, with the same charts drawn as PNG
     * images (data URIs), since the PDF layout engine draws no inline SVG.
     *
     * @return the whole XHTML document
     */
    public static String renderForPdf(Disclosure d) {
        return render(d, true);
    }

    private static String render(Disclosure d, boolean png) {
        ReportRequest q = d.request();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Greenloop report ")
                .append(esc(DisclosureJson.iso(q.from()))).append(" to ").append(esc(DisclosureJson.iso(q.to()))).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Energy and carbon report</h1>\n<p class=\"lead\">")
                .append(esc(DisclosureJson.iso(q.from()))).append(" to ").append(esc(DisclosureJson.iso(q.to()))).append(" (UTC, end exclusive) · ")
                .append(d.runs()).append(" runs · nodes: ").append(esc(q.nodes().isEmpty() ? "all" : String.join(", ", q.nodes())))
                .append(" · tags: ").append(esc(q.tags().isEmpty() ? "any" : q.tags().toString())).append("</p>\n");
        b.append("<div class=\"cards\">")
                .append(card("Energy (IT)", kwh(d.energy().totalJoules()), "measured %s · derived %s · modelled %s".formatted(
                        share(d.energy().measuredJoules(), d.energy().totalJoules()), share(d.energy().derivedJoules(), d.energy().totalJoules()),
                        share(d.energy().modelledJoules(), d.energy().totalJoules()))))
                .append(card("Facility energy", kwh(d.facilityJoules()), "PUE %.2f (energy-weighted)".formatted(d.pue())))
                .append(card("Location-based", grams(d.carbon().locationBasedGrams()), "hourly grid intensity × PUE"))
                .append(card("Market-based", grams(d.carbon().marketBasedGrams()), "instruments, residual mix, grid average"))
                .append(card("Embodied", grams(d.carbon().embodiedGrams()), "SCI M, amortised"))
                .append("</div>\n");

        b.append("<h2>Energy by node</h2>\n<table><thead><tr><th>node</th><th>zone</th><th class=\"n\">runs</th><th class=\"n\">energy kWh</th>")
                .append("<th class=\"n\">measured</th><th class=\"n\">derived</th><th class=\"n\">modelled</th><th class=\"n\">range kWh</th><th class=\"n\">PUE</th>")
                .append("<th class=\"n\">location gCO2eq</th><th class=\"n\">embodied gCO2eq</th></tr></thead><tbody>\n");
        for (Disclosure.NodeEnergy n : d.nodes()) {
            Disclosure.Energy e = n.energy();
            b.append("<tr><td>").append(esc(n.node())).append("</td><td>").append(esc(n.zone())).append("</td>").append(td(String.valueOf(n.runs())))
                    .append(td(num(e.totalJoules() / 3.6e6))).append(td(share(e.measuredJoules(), e.totalJoules())))
                    .append(td(share(e.derivedJoules(), e.totalJoules()))).append(td(share(e.modelledJoules(), e.totalJoules())))
                    .append(td(num(e.minJoules() / 3.6e6) + "–" + num(e.maxJoules() / 3.6e6))).append(td("%.2f".formatted(n.pue())))
                    .append(td(num(n.locationBasedGrams()))).append(td(opt(n.embodiedGrams()))).append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        b.append("<h3>Components</h3>\n<table><thead><tr><th>node</th><th>component</th><th>scope</th><th>provenance</th><th class=\"n\">kWh</th>")
                .append("<th class=\"n\">range kWh</th></tr></thead><tbody>\n");
        for (Disclosure.ComponentRow c : d.components()) {
            b.append("<tr><td>").append(esc(c.node())).append("</td><td>").append(esc(c.component())).append("</td><td>").append(esc(c.scope()))
                    .append("</td><td><span class=\"badge ").append(esc(c.provenance())).append("\">").append(esc(c.provenance())).append("</span></td>")
                    .append(td(num(c.joules() / 3.6e6))).append(td(c.minJoules() == c.maxJoules() ? "" : num(c.minJoules() / 3.6e6) + "–" + num(c.maxJoules() / 3.6e6)))
                    .append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        b.append(figure(DisclosureCharts.energyOverTime(d), png));

        b.append("<h2>Carbon</h2>\n<table><thead><tr><th>zone</th><th class=\"n\">facility kWh</th><th class=\"n\">location-based gCO2eq</th>")
                .append("<th class=\"n\">market-based gCO2eq</th><th class=\"n\">kWh by instruments</th><th class=\"n\">kWh at residual mix</th>")
                .append("<th class=\"n\">kWh at grid average</th></tr></thead><tbody>\n");
        for (Disclosure.ZoneCarbon z : d.zones()) {
            b.append("<tr><td>").append(esc(z.zone())).append("</td>").append(td(num(z.facilityKWh()))).append(td(num(z.locationBasedGrams())))
                    .append(td(num(z.marketBasedGrams()))).append(td(num(z.instrumentKWh()))).append(td(num(z.residualKWh())))
                    .append(td(num(z.gridAverageKWh()))).append("</tr>\n");
        }
        b.append("</tbody></table>\n").append(figure(DisclosureCharts.carbonByZone(d), png));
        b.append(DisclosureSections.embodied(d));

        b.append("<h2>Software Carbon Intensity</h2>\n<table><thead><tr><th>functional unit R</th><th class=\"n\">R</th>")
                .append("<th class=\"n\">gCO2eq per R</th><th>how R is counted</th></tr></thead><tbody>\n");
        for (Disclosure.Sci s : d.sci()) {
            b.append("<tr><td>").append(esc(s.functionalUnit())).append("</td>").append(td(s.units() == Math.rint(s.units()) ? String.format(Locale.ROOT, "%,.0f", s.units()) : num(s.units())))
                    .append(td(opt(s.gramsPerUnit())))
                    .append("<td>").append(esc(s.method())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"note\">SCI = (E × I + M) per R (ISO/IEC 21031:2024); E × I is the location-based figure, as the"
                + " specification asks; M the embodied figure.</p>\n");

        b.append("<h2>Per query</h2>\n");
        if (d.perQuery().isEmpty()) {
            b.append("<p class=\"note\">No lab profiles were measured in the period on the selected nodes ('greenloop lab profile').</p>\n");
        } else {
            b.append("<table><thead><tr><th>model (task)</th><th>variant</th><th>rating</th><th class=\"n\">profiles</th><th class=\"n\">Wh per query</th>")
                    .append("<th class=\"n\">range Wh</th><th class=\"n\">gCO2eq per query</th><th class=\"n\">Wh per 1,000</th>")
                    .append("<th class=\"n\">gCO2eq per 1,000</th><th>provenance</th></tr></thead><tbody>\n");
            for (Disclosure.PerQuery p : d.perQuery()) {
                b.append("<tr><td>").append(esc(p.model())).append("<div class=\"sub\">").append(esc(p.task())).append("</div></td><td>")
                        .append(esc(p.variant())).append("</td><td>").append(stars(p.stars())).append("</td>").append(td(String.valueOf(p.profiles())))
                        .append(td(num(p.wattHours()))).append(td(num(p.min()) + "–" + num(p.max()))).append(td(opt(p.grams())))
                        .append(td(num(p.wattHours() * 1000)))
                        .append(td(p.grams().isPresent() ? num(p.grams().getAsDouble() * 1000) : "–")).append("<td>").append(esc(p.provenance()))
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n<p class=\"note\">Carbon per query at the selection's mean location-based intensity, PUE included. Rating: ")
                    .append(esc(StarRating.METHOD)).append(" (AI Energy Score, huggingface.github.io/AIEnergyScore).</p>\n");
        }

        b.append("<h2>Savings realised</h2>\n");
        if (d.savings().isEmpty()) {
            b.append("<p class=\"note\">No scheduled job ran in the selection and no recommendation was verified in the period.</p>\n");
        } else {
            b.append("<table><thead><tr><th>kind</th><th class=\"n\">gCO2eq saved</th><th class=\"n\">items</th><th>method</th></tr></thead><tbody>\n");
            for (Disclosure.Saving s : d.savings()) {
                b.append("<tr><td>").append(esc(s.kind())).append("</td>").append(td(num(s.grams()))).append(td(String.valueOf(s.items())))
                        .append("<td>").append(esc(s.method())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n").append(figure(DisclosureCharts.savings(d), png));
        }

        b.append(DisclosureSections.variantsServed(d));
        b.append(DisclosureSections.training(d));
        b.append("<h2>Sources</h2>\n<ul>\n");
        for (Disclosure.Source s : d.sources()) {
            b.append("<li>").append(esc(s.name())).append(" — ").append(esc(s.version())).append("; for ").append(esc(s.usedFor())).append("</li>\n");
        }
        b.append("</ul>\n<h2>Assumptions and gaps</h2>\n<ul>\n");
        for (String a : d.assumptions()) {
            b.append("<li>").append(esc(a)).append("</li>\n");
        }
        b.append("</ul>\n<p class=\"foot\">Produced by <code>").append(esc(q.command())).append("</code> from <code>").append(esc(d.store()))
                .append("</code>. Methods: docs/report.md.</p>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String figure(Chart c, boolean png) {
        if (png) {
            try {
                return "<figure><img style=\"width: 100%\" alt=\"" + esc(c.title()) + "\" src=\"data:image/png;base64,"
                        + java.util.Base64.getEncoder().encodeToString(c.toPng()) + "\"/></figure>\n";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("chart %s: this Java runtime cannot write PNG".formatted(c.title()), e);
            }
        }
        String svg = c.toSvg();
        int start = svg.indexOf("<svg");
        return "<figure>" + (start >= 0 ? svg.substring(start) : svg) + "</figure>\n";
    }

    private static String card(String title, String value, String note) {
        return "<div class=\"card\"><div class=\"t\">" + esc(title) + "</div><div class=\"v\">" + esc(value) + "</div><div class=\"s\">" + esc(note)
                + "</div></div>";
    }

    /** @return the rating as filled and empty stars, with its number for readers and text extraction */
    static String stars(java.util.OptionalInt stars) {
        if (stars.isEmpty()) {
            return "<span class=\"stars none\">not rated (one row in its task)</span>";
        }
        int n = stars.getAsInt();
        return "<span class=\"stars\">" + "\u2605".repeat(n) + "<span class=\"off\">" + "\u2606".repeat(5 - n) + "</span> " + n + "/5</span>";
    }

    static String td(String s) {
        return "<td class=\"n\">" + esc(s) + "</td>";
    }

    static String opt(OptionalDouble v) {
        return v.isPresent() ? num(v.getAsDouble()) : "–";
    }

    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 0.01 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.3e", v);
    }

    static String kwh(double joules) {
        return num(joules / 3.6e6) + " kWh";
    }

    static String grams(double g) {
        return g >= 1000 ? num(g / 1000) + " kgCO2eq" : num(g) + " gCO2eq";
    }

    private static String share(double part, double total) {
        return total > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * part / total) : "–";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #222; max-width: 960px; margin: 24px auto; }
            h1 { font-size: 20pt; margin-bottom: 4px; } h2 { font-size: 14pt; margin-top: 22px; border-bottom: 1px solid #ccc; }
            h3 { font-size: 11.5pt; } .lead { color: #555; margin-top: 0; }
            .card { display: inline-block; vertical-align: top; border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; margin: 0 8px 8px 0; min-width: 160px; }
            .card .t { font-size: 9pt; color: #555; } .card .v { font-size: 15pt; font-weight: bold; } .card .s { font-size: 8.5pt; color: #666; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 9.5pt; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; } .n { text-align: right; }
            th { background: #f3f3f3; } .badge { padding: 0 4px; border-radius: 3px; font-size: 8.5pt; }
            .badge.measured { background: #d7f0d7; } .badge.derived { background: #dde8f7; } .badge.modelled { background: #fbe3c8; }
            .stars { color: #b8860b; white-space: nowrap; } .stars .off { color: #bbb; } .stars.none { color: #777; font-size: 8.5pt; } .sub { color: #666; font-size: 8pt; }
            figure { margin: 10px 0; } figure svg { max-width: 100%; height: auto; } .note, .foot { color: #555; font-size: 9pt; }
            @page { size: A4; margin: 14mm; }
            @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } figure, table { page-break-inside: avoid; } }
            """;
}
