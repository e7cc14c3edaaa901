package dev.greenloop.server;

import io.javalin.config.RoutesConfig;

/** {@code GET /metrics}: the fleet's and the server's metrics in the OpenMetrics text format. */
final class MetricsRoutes implements Routes {

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
    }
}
