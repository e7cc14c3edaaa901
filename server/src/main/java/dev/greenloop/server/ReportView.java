package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.CarbonAwareQueries;
import dev.greenloop.app.ConfigException;
import dev.greenloop.app.Disclosure;
import dev.greenloop.app.DisclosureFormats;
import dev.greenloop.app.DisclosureHtml;
import dev.greenloop.app.DisclosurePdf;
import dev.greenloop.app.ReportRequest;
import dev.greenloop.app.Reporting;
import dev.greenloop.app.Settings;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report page ({@code /report}): a GET form (it changes nothing) for a period, nodes, tags and SCI's functional
 * unit, the report {@code greenloop report} writes for them (the same HTML, computed by the application layer's
 * {@link Reporting}), and its downloads as JSON, CSV, PDF, printable HTML or an Impact Framework manifest
 * ({@code /report/download}).
 */
final class ReportView {

    private final Settings settings;
    private final ServerContext context;

    ReportView(Settings settings, ServerContext context) {
        this.settings = settings;
        this.context = context;
    }

    /**
     * The form's fields as sent; empty strings where not given.
     *
     * @param from the period's start: a UTC date or an ISO-8601 time
     * @param to its end, exclusive
     * @param nodes node names, separated by commas or spaces; empty for every node
     * @param tags {@code k=v} pairs, separated by commas; empty for any
     * @param unit {@code run}, {@code job} or {@code query}
     */
    record Form(String from, String to, String nodes, String tags, String unit) {

        static Form of(Context ctx) {
            return new Form(v(ctx.queryParam("from")), v(ctx.queryParam("to")), v(ctx.queryParam("node")), v(ctx.queryParam("tag")),
                    v(ctx.queryParam("unit")).isEmpty() ? "run" : v(ctx.queryParam("unit")));
        }

        private static String v(String s) {
            return s == null ? "" : s.strip();
        }

        boolean empty() {
            return from.isEmpty() && to.isEmpty();
        }

        /** @return the form as a query string, for the download links */
        String query() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("from", from);
            m.put("to", to);
            m.put("node", nodes);
            m.put("tag", tags);
            m.put("unit", unit);
            StringBuilder b = new StringBuilder();
            m.forEach((k, val) -> {
                if (!val.isEmpty()) {
                    b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(val, StandardCharsets.UTF_8));
                }
            });
            return b.toString();
        }

        /** @throws ConfigException naming a field that is wrong and the form it takes */
        ReportRequest request() {
            Instant a = time("from", from);
            Instant b = time("to", to);
            List<String> nodeList = Arrays.stream(nodes.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            Map<String, String> tagMap = new LinkedHashMap<>();
            for (String t : tags.split(",")) {
                String p = t.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    throw new ConfigException("tag '%s' is not key=value; write it like team=search (several: team=search,kind=training)".formatted(p));
                }
                tagMap.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
            return new ReportRequest(a, b, nodeList, tagMap, ReportRequest.FunctionalUnit.parse(unit), List.of(), Map.of(), ReportRequest.DEFAULT_LIFE_YEARS,
                    "dashboard /report?" + query());
        }

        private static Instant time(String field, String text) {
            if (text.isEmpty()) {
                throw new ConfigException("%s is missing; give a UTC date such as 2026-03-01, or a time such as 2026-03-01T12:00:00Z".formatted(field));
            }
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ConfigException("%s '%s' is not a date or time; give a UTC date such as 2026-03-01, or a time such as 2026-03-01T12:00:00Z"
                        .formatted(field, text));
            }
        }
    }

    /** A page and its HTTP status. */
    record Page(int status, String html) {
    }

    /** @return the status (200, or 400 for a form the report refuses) and the page */
    Page render(DashboardSessions.Session session, Form form) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<h1>Report</h1>\n<p class=\"hint\">The disclosure <code>greenloop report</code> writes: energy by provenance, carbon location- and"
                + " market-based, embodied, SCI, energy per query with its star rating, savings and training runs, every figure with its method"
                + " (docs/report.md). Contractual instruments and hardware lists are given on the command line.</p>\n");
        formHtml(b, form);
        int status = 200;
        if (form.empty()) {
            b.append("<p class=\"empty\">Pick a period (UTC; the end is exclusive) and press Report.</p>\n");
        } else {
            List<String> notes = new ArrayList<>();
            try {
                Disclosure d = compute(form, notes::add);
                String q = form.query();
                b.append("<nav class=\"downloads\" aria-label=\"Downloads\"><span>Download:</span>");
                for (String f : List.of("json", "csv", "pdf", "impact")) {
                    b.append(" <a id=\"download-").append(f).append("\" href=\"/report/download?format=").append(f).append("&amp;").append(esc(q)).append("\">")
                            .append(f.equals("impact") ? "Impact Framework manifest" : f.toUpperCase(java.util.Locale.ROOT)).append("</a>");
                }
                b.append(" · <a id=\"printable\" href=\"/report/download?format=html&amp;").append(esc(q)).append("\">printable page</a></nav>\n");
                notes.forEach(n -> b.append("<p class=\"hint\">").append(esc(n)).append("</p>\n"));
                b.append("<article class=\"report-doc\" id=\"report\">\n").append(DisclosureHtml.body(d)).append("</article>\n");
            } catch (ConfigException e) {
                status = 400;
                b.append("<p class=\"error\" role=\"alert\" id=\"report-error\">").append(esc(e.getMessage())).append("</p>\n");
            }
        }
        return new Page(status, DashboardPage.render("Report", "/report", session, b.toString(), List.of()));
    }

    /**
     * Answers {@code /report/download}: the report in {@code format}, as an attachment (the printable HTML inline).
     *
     * @throws ProblemException 400 naming a bad field or format
     */
    void download(Context ctx, Form form, String format) throws IOException {
        String f;
        Disclosure d;
        try {
            f = DisclosureFormats.parse(format == null ? "" : format);
            d = compute(form, note -> { });
        } catch (ConfigException e) {
            throw new ProblemException(400, "Bad Request", e.getMessage().replace("--format", "format"), "report");
        }
        String name = "greenloop-report-%s-%s%s".formatted(form.from(), form.to(), DisclosureFormats.extension(f)).replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store").contentType(DisclosureFormats.mediaType(f));
        if (f.equals("html")) {
            // The standalone page carries its own styles and no script: allow those styles, nothing else.
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'");
        } else {
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        if (f.equals("pdf")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DisclosurePdf.write(d, out).forEach(n -> context.log().accept("greenloop server: report PDF: " + n));
            ctx.result(out.toByteArray());
        } else {
            StringWriter w = new StringWriter();
            DisclosureFormats.write(f, d, w);
            ctx.result(w.toString());
        }
    }

    private Disclosure compute(Form form, java.util.function.Consumer<String> notes) {
        ReportRequest request = form.request();
        // The server's traces, providers and archive give the actual intensity for the scheduling savings.
        return Reporting.report(settings, request, new CarbonAwareQueries(context.intensities(), context.clock()), notes);
    }

    private static void formHtml(StringBuilder b, Form f) {
        b.append("<form class=\"filters report\" method=\"get\" action=\"/report\">")
                .append(RunsView.field("from", "From (UTC)", f.from(), "2026-03-01"))
                .append(RunsView.field("to", "To (exclusive)", f.to(), "2026-04-01"))
                .append(RunsView.field("node", "Nodes", f.nodes(), "all"))
                .append(RunsView.field("tag", "Tags", f.tags(), "team=search"))
                .append("<label for=\"f-unit\">SCI per<select id=\"f-unit\" name=\"unit\">");
        for (ReportRequest.FunctionalUnit u : ReportRequest.FunctionalUnit.values()) {
            b.append("<option value=\"").append(u.label()).append('"').append(u.label().equals(f.unit()) ? " selected" : "").append('>').append(u.label())
                    .append("</option>");
        }
        b.append("</select></label><button type=\"submit\">Report</button></form>\n");
    }
}
