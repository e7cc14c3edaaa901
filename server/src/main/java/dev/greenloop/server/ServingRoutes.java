package dev.greenloop.server;

import static dev.greenloop.server.DashboardPage.esc;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Locale;

/**
 * The embeddings endpoint inside {@code greenloop server} when it is given a model: {@code POST /v1/embeddings},
 * {@code GET /v1/models}, {@code GET /v1/energy}, {@code GET /v1/policy} and {@code GET /v1/metrics} (the serving
 * metrics, apart from the server's {@code /metrics}), the same handlers as {@code greenloop serve}. Viewer and admin
 * tokens may call them (the server's {@link Guard}); its 401, 403 and 429, the body limit's 413 and a missing
 * {@code /v1} route are answered in OpenAI's error shape, like the handlers' own errors ({@link #answer}). Also the dashboard page {@code /serving}: the served variants, the variant that
 * answers now and why, and the switches; without a model it says how to serve one.
 */
final class ServingRoutes implements Routes {

    private final EmbeddingServer.Mount mount;
    private final DashboardRoutes dashboard;

    /** @param mount the model's routes; null for none */
    ServingRoutes(EmbeddingServer.Mount mount, DashboardRoutes dashboard) {
        this.mount = mount;
        this.dashboard = dashboard;
    }

    /**
     * Answers an error on a {@code /v1/*} path in OpenAI's shape, counted in the serving metrics as the handlers' own
     * errors are when a model is served.
     */
    void answer(io.javalin.http.Context ctx, OpenAiError e) {
        if (mount != null) {
            mount.handlers.error(ctx, e);
        } else {
            ctx.attribute(OpenAiError.WRITTEN, true);
            Responses.json(ctx, e.status(), e::write);
        }
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        routes.get("/serving", ctx -> dashboard.page(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200,
                DashboardPage.render("Serving", "/serving", s, page(), List.of()))), Access.SESSION);
        if (mount == null) {
            return;
        }
        EmbeddingServer.Handlers h = mount.handlers;
        routes.exception(OpenAiError.class, (e, ctx) -> h.error(ctx, e));
        routes.post("/v1/embeddings", h::embeddings, Access.VIEWER);
        routes.get("/v1/models", h::models, Access.VIEWER);
        routes.get("/v1/energy", h::energy, Access.VIEWER);
        routes.get("/v1/policy", h::policy, Access.VIEWER);
        routes.get("/v1/metrics", h::metrics, Access.VIEWER);
    }

    private String page() {
        StringBuilder b = new StringBuilder(2048).append("<h1>Serving</h1>\n");
        if (mount == null) {
            return b.append("<p class=\"empty\">No model is served here. Start the server with <code>greenloop server --model NAME")
                    .append(" [--variants fp32,int8] [--carbon-aware ...]</code> to serve <code>/v1/embeddings</code>; docs/serving.md")
                    .append(" describes it.</p>\n").toString();
        }
        EmbeddingServer.Handlers h = mount.handlers;
        EmbeddingService service = h.service();
        ServingPolicy policy = h.policy().orElse(null);
        ServingPolicy.Choice now = policy == null ? null : policy.choose();
        String answering = now != null ? now.variant() : service.variants().getFirst().variant();
        b.append("<section aria-labelledby=\"now-h\"><h2 id=\"now-h\">Now</h2>\n<p id=\"serving-now\">Requests for <code>")
                .append(esc(service.model())).append("</code> are answered by <strong>").append(esc(answering)).append("</strong>: ")
                .append(esc(now != null ? now.reason() : "not carbon-aware: the first served variant answers")).append(".</p>\n");
        if (policy != null) {
            b.append("<p>Rule: ").append(esc(policy.describe())).append(".</p>\n<p id=\"serving-switches\">Switches since start: <strong>")
                    .append(policy.switchCount()).append("</strong>");
            for (ServingPolicy.Switch s : policy.switches()) {
                b.append("; ").append(esc(s.from())).append(" → ").append(esc(s.to())).append(": ").append(s.count());
            }
            b.append(".</p>\n");
            policy.inert().ifPresent(w -> b.append("<p class=\"warn\">").append(esc(w)).append("</p>\n"));
        }
        b.append("</section>\n<section aria-labelledby=\"variants-h\"><h2 id=\"variants-h\">Variants</h2>\n<div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th scope=\"col\">Variant</th><th scope=\"col\" class=\"num\">J per query (stored profile)</th>")
                .append("<th scope=\"col\" class=\"num\">Mean cosine to fp32</th><th scope=\"col\" class=\"num\">kNN accuracy</th>")
                .append("<th scope=\"col\">Answers</th></tr></thead>\n<tbody>\n");
        for (EmbeddingService.Served v : service.variants()) {
            ServingProfile p = h.profiles().get(v.variant());
            b.append("<tr><th scope=\"row\">").append(esc(v.variant())).append("</th>");
            if (p == null) {
                b.append("<td class=\"num\" colspan=\"3\">not profiled</td>");
            } else {
                b.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", p.joulesPerQuery())).append(" <span class=\"badge badge-")
                        .append(esc(p.provenance().label())).append("\">").append(esc(p.provenance().label())).append("</span></td>")
                        .append("<td class=\"num\">").append(p.meanCosine().isPresent() ? String.format(Locale.ROOT, "%.5f", p.meanCosine().getAsDouble()) : "–")
                        .append("</td><td class=\"num\">").append(p.knnAccuracy().isPresent() ? String.format(Locale.ROOT, "%.4f", p.knnAccuracy().getAsDouble())
                                : "–").append("</td>");
            }
            String when = policy == null ? (v.variant().equals(answering) ? "requests naming only the model" : "requests naming it")
                    : v.variant().equals(policy.best()) && v.variant().equals(policy.cheapest()) ? "clean and dirty grid"
                    : v.variant().equals(policy.best()) ? "clean grid" : v.variant().equals(policy.cheapest()) ? "dirty grid" : "requests naming it";
            b.append("<td>").append(esc(when)).append("</td></tr>\n");
        }
        EmbeddingService.Totals t = service.totals();
        b.append("</tbody></table></div>\n<p>Process energy since start: ").append(String.format(Locale.ROOT, "%.1f J = requests %.1f J + idle %.1f J",
                t.processJoules(), t.requestsJoules(), t.idleJoules())).append(" <span class=\"badge badge-").append(esc(t.provenance().label()))
                .append("\">").append(esc(t.provenance().label())).append("</span>. Metrics: <code>/v1/metrics</code>"
                        + " (<code>greenloop_serving_variant_switches_total</code>).</p>\n</section>\n");
        return b.toString();
    }
}
