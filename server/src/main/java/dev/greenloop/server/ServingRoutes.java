package dev.greenloop.server;

import io.javalin.config.RoutesConfig;

/**
 * The embeddings endpoint inside {@code greenloop server} when it is given a model: {@code POST /v1/embeddings},
 * {@code GET /v1/models}, {@code GET /v1/energy}, {@code GET /v1/policy} and {@code GET /v1/metrics} (the serving
 * metrics, apart from the server's {@code /metrics}), the same handlers as {@code greenloop serve}. Viewer and admin
 * tokens may call them (the server's {@link Guard}: a 401 or 403 there is a problem document, not OpenAI's shape);
 * the server's body limit applies. Without a model it registers nothing.
 */
final class ServingRoutes implements Routes {

    private final EmbeddingServer.Mount mount;

    /** @param mount the model's routes; null for none */
    ServingRoutes(EmbeddingServer.Mount mount) {
        this.mount = mount;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
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
}
