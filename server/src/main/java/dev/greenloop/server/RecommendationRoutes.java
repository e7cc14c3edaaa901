package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.csrfField;
import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.Automation;
import dev.greenloop.app.Recommendation;
import dev.greenloop.app.RecommendationJson;
import dev.greenloop.app.Recommendations;
import dev.greenloop.app.Settings;
import dev.greenloop.app.UnknownRecommendationException;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.AutomationRule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Recommendations over HTTP: {@code GET /api/v1/recommendations} (viewers), {@code POST /api/v1/recommendations/{id}/accept}
 * and {@code /dismiss} and {@code POST /api/v1/recommendations/automation/{kind}} (admins), and the dashboard page
 * {@code /recommendations} whose accept, dismiss and automate forms carry the session's CSRF token (viewers see, admins
 * act). Accepting is a dry run unless {@code apply=true}. Every minute, once the recommendations have been asked for
 * since the server started, a background thread runs {@link Automation#tick()} on the server's clock: rules act, and
 * applied recommendations are verified (and rolled back past their bound).
 * Parses, calls {@link Recommendations}, renders; docs/recommendations.md describes it.
 */
final class RecommendationRoutes implements Routes {

    /** How often recommendations are generated again and automation runs. */
    static final Duration TICK = Duration.ofMinutes(1);

    private final DashboardRoutes dashboard;
    private final Supplier<Recommendations> opener;
    private Recommendations recommendations;
    private Instant refreshed = Instant.MIN;
    private ServerContext context;

    RecommendationRoutes(DashboardRoutes dashboard) {
        this(dashboard, null);
    }

    /** @param opener opens the recommendations (tests); null for the store this process's settings name */
    RecommendationRoutes(DashboardRoutes dashboard, Supplier<Recommendations> opener) {
        this.dashboard = dashboard;
        this.opener = opener;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        this.context = context;
        routes.get("/api/v1/recommendations", ctx -> Responses.json(ctx, 200, g -> {
            synchronized (this) {
                List<Recommendation> all = fresh();
                g.writeStartObject();
                g.writeArrayFieldStart("recommendations");
                for (Recommendation r : all) {
                    RecommendationJson.write(g, r, service().actions(r.id()));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }), Access.VIEWER);
        routes.post("/api/v1/recommendations/automation/{kind}", ctx -> {
            AutomationRule r = automate(ctx, apiWho(ctx));
            Responses.json(ctx, 200, g -> {
                g.writeStartObject();
                g.writeStringField("kind", r.kind());
                g.writeBooleanField("enabled", r.enabled());
                g.writeBooleanField("apply", r.acts());
                g.writeNumberField("boundPercent", r.boundPercent());
                g.writeStringField("signal", r.signal());
                g.writeNumberField("windowMinutes", r.windowMinutes());
                g.writeEndObject();
            });
        }, Access.ADMIN);
        routes.post("/api/v1/recommendations/{id}/accept", ctx -> outcomeJson(ctx, act(ctx, a -> a.accept(ctx.pathParam("id"), apiWho(ctx),
                !"true".equals(ctx.queryParam("apply"))))), Access.ADMIN);
        routes.post("/api/v1/recommendations/{id}/dismiss", ctx -> outcomeJson(ctx, act(ctx, a -> a.dismiss(ctx.pathParam("id"),
                apiWho(ctx)))), Access.ADMIN);

        routes.get("/recommendations", ctx -> dashboard.page(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200, page(s, null))),
                Access.SESSION);
        routes.post("/recommendations/{id}/accept", ctx -> sessionAct(ctx, s -> act(ctx, a -> a.accept(ctx.pathParam("id"), sessionWho(s),
                !"on".equals(ctx.formParam("apply"))))), Access.SESSION);
        routes.post("/recommendations/{id}/dismiss", ctx -> sessionAct(ctx, s -> act(ctx, a -> a.dismiss(ctx.pathParam("id"), sessionWho(s)))),
                Access.SESSION);
        routes.post("/recommendations/automate", ctx -> {
            DashboardSessions.Session s = admin(ctx);
            AutomationRule r = automate(ctx, sessionWho(s));
            DashboardRoutes.html(ctx, 200, page(s, new Automation.Outcome(r.kind(), "automate", !r.acts(), List.of(), Recommendation.Status.OPEN,
                    "%s automation %s%s".formatted(r.kind(), r.enabled() ? "on" : "off", r.enabled() && !r.acts() ? " (dry run)" : ""))));
        }, Access.SESSION);
        Thread.ofVirtual().name("recommendations-tick").start(this::ticks);
    }

    /** Automation's rounds, each {@link #TICK}, until the JVM ends; a failing round is logged and the next one runs. */
    private void ticks() {
        try {
            while (true) {
                Thread.sleep(TICK);
                synchronized (this) {
                    try {
                        // Only once something asked for them: a server whose routes are never used (tests) opens no store.
                        if (recommendations != null) {
                            fresh();
                            service().automation().tick().forEach(o -> context.log().accept("greenloop server: recommendations: %s %s: %s"
                                    .formatted(o.id(), o.action(), o.result())));
                        }
                    } catch (RuntimeException e) {
                        // The store or a limit failed this round; the next round tries again, and the log says why.
                        context.log().accept("greenloop server: recommendations: automation round failed: " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Recommendations service() {
        if (recommendations == null) {
            recommendations = opener != null ? opener.get() : Recommendations.open(Settings.current(),
                    new Recommendations.Options(context.options().node(), Recommendations.DEFAULT_QUALITY_FLOOR, Recommendations.DEFAULT_LOOKBACK),
                    context.clock());
        }
        return recommendations;
    }

    /** @return every recommendation, generated again when the last generation is older than {@link #TICK} */
    private List<Recommendation> fresh() {
        Instant now = context.clock().instant();
        if (refreshed.plus(TICK).isAfter(now)) {
            return service().list();
        }
        refreshed = now;
        return service().refresh();
    }

    @FunctionalInterface
    private interface Step {
        Automation.Outcome on(Automation automation);
    }

    /** @throws ProblemException 404 for an unknown id, 409 for a change that cannot be made, naming why */
    private synchronized Automation.Outcome act(Context ctx, Step step) {
        try {
            return step.on(service().automation());
        } catch (UnknownRecommendationException e) {
            throw new ProblemException(404, "Not Found", e.getMessage(), "id");
        } catch (IllegalStateException e) {
            throw new ProblemException(409, "Conflict", e.getMessage(), "id");
        }
    }

    private synchronized AutomationRule automate(Context ctx, String who) {
        String kind = ctx.pathParamMap().containsKey("kind") ? ctx.pathParam("kind") : param(ctx, "kind", "");
        try {
            Recommendation.Kind k = Recommendation.Kind.parse(kind);
            boolean on = "true".equals(param(ctx, "on", "false")) || "on".equals(param(ctx, "on", ""));
            boolean apply = "true".equals(param(ctx, "apply", "false")) || "on".equals(param(ctx, "apply", ""));
            double bound = Double.parseDouble(param(ctx, "bound", Double.toString(Automation.DEFAULT_BOUND_PERCENT)));
            Duration window = Duration.ofMinutes(Long.parseLong(param(ctx, "windowMinutes", Long.toString(Automation.DEFAULT_WINDOW.toMinutes()))));
            return service().automation().automate(k, on, apply, bound, param(ctx, "signal", ""), window, who);
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Bad Request", "bound and windowMinutes must be numbers: " + e.getMessage(), "bound");
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Bad Request", e.getMessage(), "kind");
        }
    }

    private static String param(Context ctx, String name, String otherwise) {
        String v = ctx.queryParam(name);
        if (v == null) {
            v = ctx.formParam(name);
        }
        return v == null || v.isBlank() ? otherwise : v.strip();
    }

    private static String apiWho(Context ctx) {
        ApiToken t = ctx.attribute(Guard.TOKEN);
        return t == null ? "auth-none " + ctx.ip() : "token " + t.name();
    }

    private static String sessionWho(DashboardSessions.Session s) {
        return "dashboard " + s.token().name();
    }

    private DashboardSessions.Session admin(Context ctx) {
        DashboardSessions.Session s = dashboard.page(ctx, context)
                .orElseThrow(() -> new ProblemException(401, "Unauthorized", "sign in at /login first"));
        DashboardRoutes.csrfChecked(ctx, s);
        DashboardRoutes.requireAdmin(s);
        return s;
    }

    @FunctionalInterface
    private interface SessionStep {
        Automation.Outcome on(DashboardSessions.Session s);
    }

    private void sessionAct(Context ctx, SessionStep step) {
        DashboardSessions.Session s = admin(ctx);
        DashboardRoutes.html(ctx, 200, page(s, step.on(s)));
    }

    private static void outcomeJson(Context ctx, Automation.Outcome o) {
        Responses.json(ctx, 200, g -> {
            g.writeStartObject();
            g.writeStringField("id", o.id());
            g.writeStringField("action", o.action());
            g.writeBooleanField("dryRun", o.dryRun());
            g.writeArrayFieldStart("changes");
            for (String c : o.changes()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeStringField("status", o.status().label());
            g.writeStringField("result", o.result());
            g.writeEndObject();
        });
    }

    /** The page: the result of the last action (if any), the table, and the automation rules. */
    private synchronized String page(DashboardSessions.Session s, Automation.Outcome outcome) {
        List<Recommendation> all = fresh();
        StringBuilder b = new StringBuilder(4096);
        b.append("<h1>Recommendations</h1>\n");
        if (outcome != null) {
            b.append("<section id=\"result\" role=\"status\" aria-labelledby=\"result-h\"><h2 id=\"result-h\">")
                    .append(outcome.dryRun() ? "Dry run: nothing was changed" : "Done").append("</h2>\n<p>").append(esc(outcome.id())).append(": ")
                    .append(esc(outcome.action())).append(" → ").append(esc(outcome.status().label())).append(". ").append(esc(outcome.result()))
                    .append("</p>\n");
            if (!outcome.changes().isEmpty()) {
                b.append("<ul class=\"changes\">");
                for (String c : outcome.changes()) {
                    b.append("<li>").append(outcome.dryRun() ? "Would change " : "Changed ").append("<code>").append(esc(c)).append("</code></li>");
                }
                b.append("</ul>\n");
            }
            b.append("</section>\n");
        }
        b.append("<p>Savings are <span class=\"badge badge-modelled\">estimated</span> ranges projected from past measurements; the verified"
                + " saving is <span class=\"badge badge-measured\">measured</span> after a change is applied. Accepting is a dry run unless"
                + " “apply” is ticked.</p>\n");
        if (all.isEmpty()) {
            b.append("<p class=\"empty\">No recommendation: the store holds no data that shows a saving yet.</p>\n");
        } else {
            b.append("<div class=\"scroll\"><table class=\"recommendations\">\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Target</th>")
                    .append("<th scope=\"col\" class=\"num\">kWh (estimated)</th><th scope=\"col\" class=\"num\">g CO₂e (estimated)</th>")
                    .append("<th scope=\"col\" class=\"num\">Verified</th><th scope=\"col\">Status</th>");
            if (s.mayAct()) {
                b.append("<th scope=\"col\">Act</th>");
            }
            b.append("<th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
            for (Recommendation r : all) {
                b.append("<tr id=\"").append(esc(r.id())).append("\"><td>").append(esc(r.kind().label())).append("</td><td>").append(esc(r.target()))
                        .append("</td><td class=\"num\">").append(esc(RecommendationJson.text(r.estimate().kwh())))
                        .append("</td><td class=\"num\">").append(esc(RecommendationJson.text(r.estimate().grams())))
                        .append("<br><small>").append(esc(r.estimate().basis())).append("</small></td><td class=\"num\">")
                        .append(r.verified().map(v -> esc("%.3g kWh".formatted(v.kwh()))).orElse("—")).append("</td><td class=\"status\">")
                        .append(esc(r.status().label())).append("</td>");
                if (s.mayAct()) {
                    String base = "/recommendations/" + esc(r.id());
                    b.append("<td><form method=\"post\" action=\"").append(base).append("/accept\" class=\"accept\">").append(csrfField(s))
                            .append("<label><input type=\"checkbox\" name=\"apply\"> apply</label> <button type=\"submit\">Accept</button></form>")
                            .append("<form method=\"post\" action=\"").append(base).append("/dismiss\" class=\"dismiss\">").append(csrfField(s))
                            .append("<button type=\"submit\">Dismiss</button></form></td>");
                }
                b.append("<td>").append(esc(r.evidence())).append("<br><small>").append(esc(r.howTo())).append("</small></td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("<section aria-labelledby=\"rules-h\"><h2 id=\"rules-h\">Automation</h2>\n");
        List<AutomationRule> rules = service().automation().rules();
        if (rules.isEmpty()) {
            b.append("<p>No kind is automated.</p>\n");
        } else {
            b.append("<ul>");
            for (AutomationRule r : rules) {
                b.append("<li>").append(esc("%s: %s%s, bound %s%%, signal %s, window %d min".formatted(r.kind(), r.enabled() ? "on" : "off",
                        r.enabled() ? (r.acts() ? ", applying" : ", dry run") : "", r.boundPercent(), r.signal(), r.windowMinutes()))).append("</li>");
            }
            b.append("</ul>\n");
        }
        if (s.mayAct()) {
            b.append("<form method=\"post\" action=\"/recommendations/automate\" class=\"automate\">").append(csrfField(s))
                    .append("<label>Kind <select name=\"kind\"><option>cap-power</option><option>switch-variant</option><option>shift-job</option>")
                    .append("</select></label> <label><input type=\"checkbox\" name=\"on\"> on</label> ")
                    .append("<label><input type=\"checkbox\" name=\"apply\"> apply (else dry run)</label> ")
                    .append("<label>Bound % <input name=\"bound\" value=\"10\" size=\"4\"></label> ")
                    .append("<label>Signal <input name=\"signal\" placeholder=\"file:/path/to/count.log\"></label> ")
                    .append("<label>Window (min) <input name=\"windowMinutes\" value=\"60\" size=\"4\"></label> ")
                    .append("<button type=\"submit\">Save rule</button></form>\n");
        }
        b.append("</section>\n");
        return DashboardPage.render("Recommendations", "/recommendations", s, b.toString(), List.of());
    }

    /** @return for tests: the opened service, if any */
    synchronized Optional<Recommendations> opened() {
        return Optional.ofNullable(recommendations);
    }
}
