package dev.greenloop.server;

import io.javalin.config.RoutesConfig;

/** The Carbon Aware SDK Web API's routes (v1.8): {@code /emissions/...} and {@code /locations}. */
final class CarbonAwareRoutes implements Routes {

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
    }
}
