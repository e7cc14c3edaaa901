package dev.greenloop.server;

import io.javalin.config.RoutesConfig;

/** A group of routes; each declares its {@link Access}. */
interface Routes {

    void register(RoutesConfig routes, ServerContext context);
}
