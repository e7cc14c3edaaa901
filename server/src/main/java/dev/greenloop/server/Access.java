package dev.greenloop.server;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, or a token of at least this role (admins may do all; agents only ingest). */
enum Access implements RouteRole {
    /** No token needed. */
    PUBLIC,
    /** Viewer or admin tokens: reading. */
    VIEWER,
    /** Agent or admin tokens: ingest. */
    AGENT,
    /** Admin tokens only. */
    ADMIN,
    /** The dashboard's pages: no bearer token; the dashboard checks its own session cookie and CSRF token. */
    SESSION
}
