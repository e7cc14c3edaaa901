package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.badge;
import static dev.greenloop.server.DashboardPage.esc;
import static dev.greenloop.server.DashboardViews.energy;
import static dev.greenloop.server.DashboardViews.fmt;

import dev.greenloop.app.CarbonAwareQueries;
import dev.greenloop.app.JobSavings;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.StoredRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The runs and jobs page ({@code /runs}): stored runs with their energy, carbon and the intensity they ran at, and
 * scheduled jobs with their planned and actual start and what waiting saved ({@link JobSavings}); filtered by node, tag
 * and status, {@value #PAGE} rows a page.
 */
final class RunsView {

    /** Rows a page, per table. */
    static final int PAGE = 50;
    /** A run's name is cut to this many characters (the whole in its tooltip). */
    static final int NAME = 40;

    private final ServerContext context;

    RunsView(ServerContext context) {
        this.context = context;
    }

    /**
     * The page's query: every part optional.
     *
     * @param node only runs on this node (and jobs whose run was on it)
     * @param tag {@code key} or {@code key=value}: only runs with that tag
     * @param status a run's status ({@code running}, {@code finished}, {@code interrupted}) or a job's state
     * @param runsPage the runs table's page, from 1
     * @param jobsPage the jobs table's page, from 1
     */
    record Query(String node, String tag, String status, int runsPage, int jobsPage) {

        /** @throws ProblemException 400 naming a page number that is not a whole number from 1 */
        static Query of(io.javalin.http.Context ctx) {
            return new Query(blank(ctx.queryParam("node")), blank(ctx.queryParam("tag")), blank(ctx.queryParam("status")),
                    page(ctx.queryParam("page"), "page"), page(ctx.queryParam("jobs-page"), "jobs-page"));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? "" : s.strip();
        }

        private static int page(String s, String name) {
            if (s == null || s.isBlank()) {
                return 1;
            }
            try {
                int p = Integer.parseInt(s.strip());
                if (p >= 1) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // Said below, with the value.
            }
            throw new ProblemException(400, "Bad Request", "%s '%s' is not a page number; give a whole number from 1, e.g. %s=2".formatted(name, s, name), name);
        }

        /** @return whether a filter is set */
        boolean filtered() {
            return !node.isEmpty() || !tag.isEmpty() || !status.isEmpty();
        }

        /** @return the query string with one part changed, for links */
        String with(String name, int page) {
            StringBuilder b = new StringBuilder("?");
            for (Map.Entry<String, String> e : List.of(Map.entry("node", node), Map.entry("tag", tag), Map.entry("status", status),
                    Map.entry("page", Integer.toString(name.equals("page") ? page : runsPage)),
                    Map.entry("jobs-page", Integer.toString(name.equals("jobs-page") ? page : jobsPage)))) {
                if (!e.getValue().isEmpty()) {
                    b.append(b.length() > 1 ? "&" : "").append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                }
            }
            return b.toString();
        }
    }

    String render(DashboardSessions.Session session, Query q) {
        List<StoredRun> runs = context.records().runs(Optional.empty()).stream().filter(runFilter(q)).toList();
        List<Records.Job> jobs = context.records().jobs().stream().filter(jobFilter(q)).toList();
        StringBuilder b = new StringBuilder(16_384);
        b.append("<h1>Runs and jobs</h1>\n");
        filterForm(b, q);
        b.append("<section aria-labelledby=\"jobs-h\"><h2 id=\"jobs-h\">Scheduled jobs</h2>\n");
        if (jobs.isEmpty()) {
            b.append("<p class=\"empty\">").append(!q.filtered() ? "No job is scheduled. Submit one with"
                    + " <code>greenloop schedule submit --duration 60m --deadline 24h --power 200 -- COMMAND</code>." : "No job matches these filters.")
                    .append("</p>\n");
        } else {
            jobsTable(b, jobs, q);
        }
        b.append("</section>\n<section aria-labelledby=\"runs-h\"><h2 id=\"runs-h\">Runs</h2>\n");
        if (runs.isEmpty()) {
            b.append("<p class=\"empty\">").append(!q.filtered()
                    ? "No run is stored. Measure one with <code>greenloop measure -- COMMAND</code>." : "No run matches these filters.")
                    .append("</p>\n");
        } else {
            runsTable(b, runs, q);
        }
        b.append("</section>\n");
        return DashboardPage.render("Runs and jobs", "/runs", session, b.toString(), List.of());
    }

    private static void filterForm(StringBuilder b, Query q) {
        b.append("<form class=\"filters\" method=\"get\" action=\"/runs\">")
                .append(field("node", "Node", q.node(), "node-1"))
                .append(field("tag", "Tag", q.tag(), "team=search"))
                .append(field("status", "Status", q.status(), "finished"))
                .append("<button type=\"submit\">Filter</button>")
                .append(q.filtered() ? " <a href=\"/runs\">Clear</a>" : "")
                .append("</form>\n");
    }

    static String field(String name, String label, String value, String placeholder) {
        return "<label for=\"f-" + name + "\">" + esc(label) + "<input id=\"f-" + name + "\" name=\"" + name + "\" value=\"" + esc(value)
                + "\" placeholder=\"" + esc(placeholder) + "\"></label>";
    }

    private void jobsTable(StringBuilder b, List<Records.Job> jobs, Query q) {
        CarbonAwareQueries grid = context.intensities() == null ? null : new CarbonAwareQueries(context.intensities(), context.clock());
        int from = Math.min((q.jobsPage() - 1) * PAGE, jobs.size());
        List<Records.Job> shown = jobs.subList(from, Math.min(from + PAGE, jobs.size()));
        b.append("<p class=\"hint\">Saved: against running the job at once when it was submitted, in its first allowed zone. <em>Planned</em> is"
                + " on the forecast the scheduler had; <em>actual</em> is on the actual intensity that followed (the server's traces and archive).</p>\n")
                .append("<div class=\"scroll\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">Job</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Submitted (UTC)</th><th scope=\"col\">Planned start</th><th scope=\"col\">Actual start</th>")
                .append("<th scope=\"col\" class=\"num\">Energy</th><th scope=\"col\" class=\"num\">Carbon</th><th scope=\"col\" class=\"num\">Intensity at run time</th>")
                .append("<th scope=\"col\" class=\"num\">Saved, planned</th><th scope=\"col\" class=\"num\">Saved, actual</th></tr></thead>\n<tbody>\n");
        for (Records.Job j : shown) {
            StoredRun run = j.run();
            JobSavings.Saving s = JobSavings.of(j.job(), run, grid);
            var plan = j.job().progress().plan();
            Optional<RunOutcome> o = run == null ? Optional.empty() : run.outcome();
            b.append("<tr><th scope=\"row\" data-label=\"Job\">").append(esc(j.job().spec().name())).append(" <span class=\"muted\">")
                    .append(esc(j.job().id())).append("</span></th>")
                    .append(td("State", esc(j.job().state())))
                    .append(td("Submitted", time(j.job().spec().submittedAt())))
                    .append(td("Planned start", s.plannedStart().map(RunsView::time).orElse("–")
                            + (plan == null ? "" : " <span class=\"muted\">" + esc(plan.zone()) + "</span>")))
                    .append(td("Actual start", s.actualStart().map(RunsView::time).orElse("–") + lateness(s)))
                    .append(num("Energy", o.map(RunsView::energyCell).orElse("–")))
                    .append(num("Carbon", o.map(x -> grams(x.carbon())).orElse("–")))
                    .append(num("Intensity at run time", o.map(x -> intensity(x.carbon())).orElse("–")))
                    .append(num("Saved, planned", s.plannedSavedGrams().isPresent() ? savedGrams(s.plannedSavedGrams()) + " <span class=\"badge badge-modelled\""
                            + " title=\"on the forecast\">forecast</span>" : "–"))
                    .append(num("Saved, actual", s.savedGrams().isPresent() ? "<span title=\"" + esc(s.why()) + "\">" + savedGrams(s.savedGrams()) + "</span>"
                            : "<span class=\"muted\" title=\"" + esc(s.why()) + "\">– (" + esc(s.why()) + ")</span>"))
                    .append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        pager(b, q, "jobs-page", q.jobsPage(), jobs.size(), "jobs");
    }

    private static void runsTable(StringBuilder b, List<StoredRun> runs, Query q) {
        int from = Math.min((q.runsPage() - 1) * PAGE, runs.size());
        List<StoredRun> shown = runs.subList(from, Math.min(from + PAGE, runs.size()));
        b.append("<div class=\"scroll\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Node</th><th scope=\"col\">Tags</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Started (UTC)</th><th scope=\"col\" class=\"num\">Duration</th>")
                .append("<th scope=\"col\" class=\"num\">Energy</th><th scope=\"col\" class=\"num\">Carbon</th>")
                .append("<th scope=\"col\" class=\"num\">Intensity at run time</th></tr></thead>\n<tbody>\n");
        for (StoredRun r : shown) {
            Optional<RunOutcome> o = r.outcome();
            StringBuilder tags = new StringBuilder();
            r.start().tags().forEach((k, v) -> tags.append("<span class=\"tag\">").append(esc(k)).append('=').append(esc(v)).append("</span> "));
            String name = r.start().name();
            b.append("<tr><th scope=\"row\" data-label=\"Run\">").append(r.id()).append(" <span class=\"muted\" title=\"").append(esc(name)).append("\">")
                    .append(esc(name.length() > NAME ? name.substring(0, NAME - 1) + "…" : name)).append("</span></th>")
                    .append(td("Node", esc(r.start().node().name()) + " <span class=\"muted\">" + esc(r.start().node().zone()) + "</span>"))
                    .append(td("Tags", tags.isEmpty() ? "–" : tags.toString().strip()))
                    .append(td("Status", esc(r.status().label()) + o.map(x -> x.exitCode() == 0 ? "" : " (exit " + x.exitCode() + ")").orElse("")))
                    .append(td("Started", time(r.start().startedAt())))
                    .append(num("Duration", o.map(x -> duration(Duration.between(r.start().startedAt(), x.endedAt()))).orElse("–")))
                    .append(num("Energy", o.map(RunsView::energyCell).orElse("–")))
                    .append(num("Carbon", o.map(x -> grams(x.carbon())).orElse("–")))
                    .append(num("Intensity at run time", o.map(x -> intensity(x.carbon())).orElse("–")))
                    .append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        pager(b, q, "page", q.runsPage(), runs.size(), "runs");
    }

    private static void pager(StringBuilder b, Query q, String name, int page, int total, String what) {
        int pages = Math.max(1, (total + PAGE - 1) / PAGE);
        b.append("<nav class=\"pager\" aria-label=\"Pages of ").append(what).append("\"><span>").append(total).append(' ').append(total == 1 ? what.substring(0, what.length() - 1) : what)
                .append(", page ").append(Math.min(page, pages)).append(" of ").append(pages).append("</span>");
        if (page > 1) {
            b.append(" <a href=\"/runs").append(esc(q.with(name, Math.min(page - 1, pages)))).append("\">Previous</a>");
        }
        if (page < pages) {
            b.append(" <a href=\"/runs").append(esc(q.with(name, page + 1))).append("\">Next</a>");
        }
        b.append("</nav>\n");
    }

    private static Predicate<StoredRun> runFilter(Query q) {
        return r -> (q.node().isEmpty() || r.start().node().name().equals(q.node()))
                && (q.status().isEmpty() || r.status().label().equalsIgnoreCase(q.status()))
                && (q.tag().isEmpty() || hasTag(r.start().tags(), q.tag()));
    }

    private static Predicate<Records.Job> jobFilter(Query q) {
        return j -> (q.node().isEmpty() || j.run() != null && j.run().start().node().name().equals(q.node()))
                && (q.status().isEmpty() || j.job().state().equalsIgnoreCase(q.status()))
                && (q.tag().isEmpty() || j.run() != null && hasTag(j.run().start().tags(), q.tag()));
    }

    private static boolean hasTag(Map<String, String> tags, String tag) {
        int eq = tag.indexOf('=');
        return eq < 0 ? tags.containsKey(tag) : tag.substring(eq + 1).equals(tags.get(tag.substring(0, eq)));
    }

    private static String energyCell(RunOutcome o) {
        return energy(o.total().joules()) + " " + badge(o.provenance().label());
    }

    private static String grams(RunCarbon c) {
        return c == null ? "–" : fmt(c.grams()) + " g";
    }

    private static String intensity(RunCarbon c) {
        return c == null ? "–" : "<span title=\"" + esc(c.signal() + ", " + c.source()) + "\">" + fmt(c.gramsPerKWh()) + " g/kWh</span>"
                + " <span class=\"muted\">" + esc(c.zone()) + "</span>";
    }

    private static String savedGrams(OptionalDouble g) {
        return fmt(g.getAsDouble()) + " g";
    }

    private static String lateness(JobSavings.Saving s) {
        if (s.plannedStart().isEmpty() || s.actualStart().isEmpty()) {
            return "";
        }
        long late = Duration.between(s.plannedStart().get(), s.actualStart().get()).toSeconds();
        return late == 0 ? "" : " <span class=\"muted\">(" + (late > 0 ? "+" : "−") + duration(Duration.ofSeconds(Math.abs(late))) + ")</span>";
    }

    /** @return {@code 2026-12-05 18:42} (UTC, which the column headers say), the full time in its tooltip */
    static String time(Instant t) {
        String iso = Responses.iso(t);
        return "<time class=\"when\" datetime=\"" + iso + "\" title=\"" + iso + "\">" + iso.substring(0, 10) + " " + iso.substring(11, 16) + "</time>";
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s") : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    private static String td(String label, String html) {
        return "<td data-label=\"" + esc(label) + "\">" + html + "</td>";
    }

    private static String num(String label, String html) {
        return "<td class=\"num\" data-label=\"" + esc(label) + "\">" + html + "</td>";
    }
}
