package dev.greenloop.server;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.TokenRole;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: server-rendered pages at {@code /} (the fleet) and {@code /nodes/{name}} (a node's live chart), the
 * sign-in and sign-out forms, the live power stream ({@code /dashboard/nodes/{name}/stream}, server-sent events) and
 * the static assets under {@code /assets/} (the dashboard's CSS and JS, and uPlot from its WebJar). docs/dashboard.md
 * describes them.
 *
 * <p>Pages use a session cookie, not the API's bearer token: the sign-in form takes a viewer or admin token (checked as
 * the API checks it), the server keeps the session ({@link DashboardSessions}), and every POST must carry the
 * session's CSRF token. A page asked for without a session redirects to {@code /login}. With {@code --auth none}
 * (loopback only) every visitor is signed in as an admin.
 */
final class DashboardRoutes implements Routes, AutoCloseable {

    /** The session cookie's name. */
    static final String COOKIE = "greenloop_session";
    /** The header a script may send the CSRF token in, instead of the form field {@code csrf}. */
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where the uPlot WebJar keeps its files (the version is the pom's {@code uplot.version}). */
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** How often the live stream looks for new samples. */
    static final long STREAM_PERIOD_MS = 1000;

    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "node.js", "text/javascript; charset=utf-8");
    private static final Map<String, String> UPLOT_ASSETS = Map.of(
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    /** The paths the dashboard serves under (pages, forms, streams, assets); the API's OpenAPI document leaves them out. */
    static final List<String> PREFIXES = List.of("/login", "/logout", "/nodes/", "/dashboard/", "/assets/",
            "/runs", "/grid", "/models", "/compare", "/anomalies",
            "/recommendations",
            "/serving",
            "/report");

    private final java.util.Set<SseClient> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private DashboardSessions sessions;

    /** @return whether the dashboard serves this route path (not the API) */
    static boolean isDashboard(String path) {
        return path.equals("/") || PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        sessions = new DashboardSessions(context.clock());
        DashboardViews views = new DashboardViews(context);
        routes.get("/login", ctx -> loginForm(ctx, context, null), Access.SESSION);
        routes.post("/login", ctx -> login(ctx, context), Access.SESSION);
        routes.post("/logout", ctx -> {
            DashboardSessions.Session s = csrfChecked(ctx, page(ctx, context).orElse(null));
            if (s != null) {
                sessions.end(s.id());
            }
            ctx.removeCookie(COOKIE, "/");
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        }, Access.SESSION);
        routes.get("/", ctx -> page(ctx, context).ifPresent(s -> html(ctx, 200, views.fleet(s))), Access.SESSION);
        routes.get("/nodes/{name}", ctx -> page(ctx, context).ifPresent(s -> {
            Optional<String> body = views.node(s, ctx.pathParam("name"));
            html(ctx, body.isPresent() ? 200 : 404, body.orElseGet(() -> views.unknownNode(s, ctx.pathParam("name"))));
        }), Access.SESSION);
        routes.get("/dashboard/nodes/{name}/stream", ctx -> stream(ctx, context), Access.SESSION);
        routes.get("/assets/{file}", ctx -> asset(ctx, ASSETS, "dashboard/", DashboardRoutes.class), Access.PUBLIC);
        routes.get("/assets/uplot/{file}", ctx -> asset(ctx, UPLOT_ASSETS, UPLOT, null), Access.PUBLIC);
    }

    /** @return the signed-in session, or empty after redirecting to {@code /login}: for pages of other route groups */
    Optional<DashboardSessions.Session> signedIn(Context ctx, ServerContext context) {
        return page(ctx, context);
    }

    /** @return the signed-in session, or empty after redirecting to {@code /login} */
    Optional<DashboardSessions.Session> page(Context ctx, ServerContext context) {
        Optional<DashboardSessions.Session> s = current(ctx, context);
        if (s.isEmpty()) {
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        }
        return s;
    }

    /**
     * @return the signed-in session of this request's cookie, its token checked again (as the API checks bearer tokens,
     *     so a revoked token's sessions end); with auth off, a new admin session (cookie set)
     */
    Optional<DashboardSessions.Session> current(Context ctx, ServerContext context) {
        Optional<DashboardSessions.Session> s = sessions.find(ctx.cookie(COOKIE)).filter(DashboardSessions.Session::signedIn);
        if (s.isPresent() && context.options().auth() && context.tokens().authenticate(s.get().secret()).isEmpty()) {
            sessions.end(s.get().id());
            s = Optional.empty();
        }
        if (s.isEmpty() && !context.options().auth()) {
            ApiToken open = new ApiToken(0, "auth-none", TokenRole.ADMIN, "", context.clock().instant(), Optional.empty());
            DashboardSessions.Session signed = sessions.signIn(sessions.anonymous(), open, "");
            setCookie(ctx, context, signed);
            return Optional.of(signed);
        }
        return s;
    }

    private void loginForm(Context ctx, ServerContext context, String error) {
        if (error == null && current(ctx, context).isPresent()) {
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        DashboardSessions.Session form = sessions.find(ctx.cookie(COOKIE)).orElseGet(sessions::anonymous);
        setCookie(ctx, context, form);
        html(ctx, error == null ? 200 : 401, DashboardViews.login(form, error));
    }

    private void login(Context ctx, ServerContext context) {
        DashboardSessions.Session form = csrfChecked(ctx, sessions.find(ctx.cookie(COOKIE)).orElse(null));
        String secret = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
        if (secret.isEmpty()) {
            loginForm(ctx, context, "Give a token: an admin creates one with 'greenloop server token create --role viewer'.");
            return;
        }
        Optional<ApiToken> token = context.tokens().authenticate(secret);
        if (token.isEmpty()) {
            loginForm(ctx, context, "That token is unknown or was revoked; 'greenloop server token list' shows the tokens.");
            return;
        }
        if (token.get().role() == TokenRole.AGENT) {
            loginForm(ctx, context, "Agent tokens only send samples; sign in with a viewer or admin token.");
            return;
        }
        setCookie(ctx, context, sessions.signIn(form, token.get(), secret));
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * @return the session, whose CSRF token the request sent (form field {@code csrf} or header {@value #CSRF_HEADER})
     * @throws ProblemException 403 when there is no session or the token is missing or wrong
     */
    static DashboardSessions.Session csrfChecked(Context ctx, DashboardSessions.Session session) {
        String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> ctx.formParam("csrf"));
        if (session == null || !session.csrfMatches(sent)) {
            throw new ProblemException(403, "Forbidden", "this form's security token (csrf) is missing, wrong or expired; reload the page"
                    + " and send the form again", "csrf");
        }
        return session;
    }

    /**
     * Viewers see, admins act: a route that changes the fleet calls this first.
     *
     * @throws ProblemException 403 naming the session's role when it is not an admin's
     */
    static void requireAdmin(DashboardSessions.Session session) {
        if (!session.mayAct()) {
            throw new ProblemException(403, "Forbidden", ("signed in with the %s token '%s', which may only look; sign in with an admin"
                    + " token to act").formatted(session.token().role().label(), session.token().name()));
        }
    }

    /**
     * Server-sent events: every second, one {@code power} event when the node has new samples, its data
     * {@code {"t": epoch seconds, "components": [{"name", "scope", "provenance", "watts"}]}}: the latest power of each
     * component. The page's chart appends it.
     */
    private void stream(Context ctx, ServerContext context) throws Exception {
        if (current(ctx, context).isEmpty()) {
            throw new ProblemException(401, "Unauthorized", "sign in at /login first; the stream needs a dashboard session");
        }
        String name = ctx.pathParam("name");
        if (context.fleet().node(name).isEmpty()) {
            throw new ProblemException(404, "Not Found", "no node '%s'; the fleet page lists the nodes".formatted(name), "name");
        }
        new SseHandler(client -> {
            client.keepAlive();
            streams.add(client);
            client.onClose(() -> streams.remove(client));
            Thread.ofVirtual().name("dashboard-stream-" + name).start(() -> pump(client, context, name));
        }).handle(ctx);
    }

    /** Ends the open live streams, so that a graceful stop need not wait for them (browsers reconnect). */
    @Override
    public void close() {
        streams.forEach(SseClient::close);
        streams.clear();
    }

    private static void pump(SseClient client, ServerContext context, String name) {
        Instant last = Instant.MIN;
        try {
            while (!client.terminated()) {
                Optional<FleetNode> node = context.fleet().node(name);
                Instant newest = node.flatMap(FleetNode::lastSeen).orElse(Instant.MIN);
                if (newest.isAfter(last)) {
                    last = newest;
                    client.sendEvent("power", powerEvent(node.get(), newest));
                }
                Thread.sleep(STREAM_PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The store failed or the client went away: the browser's EventSource reconnects by itself.
            context.log().accept("greenloop server: dashboard stream %s ended: %s".formatted(name, e.getMessage()));
        } finally {
            client.close();
        }
    }

    static String powerEvent(FleetNode node, Instant time) {
        return Responses.text(g -> {
            g.writeStartObject();
            g.writeNumberField("t", java.math.BigDecimal.valueOf(time.toEpochMilli(), 3));
            g.writeArrayFieldStart("components");
            for (ComponentTotal c : node.components()) {
                g.writeStartObject();
                g.writeStringField("name", c.component());
                g.writeStringField("scope", c.scope().label());
                g.writeStringField("provenance", c.provenance().label());
                g.writeNumberField("watts", c.watts());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void asset(Context ctx, Map<String, String> allowed, String folder, Class<?> owner) throws IOException {
        String file = ctx.pathParam("file");
        String type = allowed.get(file);
        if (type == null) {
            throw new ProblemException(404, "Not Found", "no asset '%s'".formatted(file), "file");
        }
        try (InputStream in = owner != null ? owner.getResourceAsStream(folder + file)
                : DashboardRoutes.class.getClassLoader().getResourceAsStream(folder + file)) {
            if (in == null) {
                throw new IllegalStateException("the asset " + folder + file + " is missing from the server's class path");
            }
            ctx.header("Cache-Control", "max-age=3600").header("X-Content-Type-Options", "nosniff").contentType(type).result(in.readAllBytes());
        }
    }

    private static void setCookie(Context ctx, ServerContext context, DashboardSessions.Session s) {
        boolean tls = "https".equals(ctx.scheme()) || context.options().tlsKeystore().isPresent();
        Cookie c = new Cookie(COOKIE, s.id(), "/", -1, tls, true, null, SameSite.STRICT);
        ctx.cookie(c);
    }

    static void html(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .result(body);
    }
}
