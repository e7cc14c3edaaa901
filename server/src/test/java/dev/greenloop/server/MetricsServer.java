package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A Javalin on 127.0.0.1, any free port, serving only {@link MetricsRoutes}: for tests, without auth. */
final class MetricsServer implements AutoCloseable {

    private final Javalin javalin;

    private final AtomicReference<Set<RouteRole>> roles = new AtomicReference<>(Set.of());

    MetricsServer(Fleet fleet, ServerMetrics metrics, Function<Fleet, FleetSources> sources) {
        this(fleet, metrics, sources, true);
    }

    MetricsServer(Fleet fleet, ServerMetrics metrics, Function<Fleet, FleetSources> sources, boolean metricsPublic) {
        this(fleet, metrics, sources, metricsPublic, null);
    }

    /**
     * @param bearer a token every request must present as {@code Authorization: Bearer <token>} (401 otherwise), as
     *     the real server's auth asks of Prometheus; null for none
     */
    MetricsServer(Fleet fleet, ServerMetrics metrics, Function<Fleet, FleetSources> sources, boolean metricsPublic, String bearer) {
        ServerOptions options = new ServerOptions(0, "127.0.0.1", List.of(), List.of(), false, Optional.empty(),
                Optional.empty(), false, metricsPublic, "test");
        ServerContext context = new ServerContext(fleet, options, Clock.systemUTC());
        javalin = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.beforeMatched(ctx -> {
                roles.set(ctx.routeRoles());
                if (bearer != null && !("Bearer " + bearer).equals(ctx.header("Authorization"))) {
                    throw new UnauthorizedResponse("a bearer token is needed");
                }
            });
            new MetricsRoutes(metrics, sources).register(config.routes, context);
        });
        javalin.start();
    }

    /** @return the roles of the last request's route (no access manager here: nothing checks them) */
    Set<RouteRole> lastRouteRoles() {
        return roles.get();
    }

    String url() {
        return "http://127.0.0.1:" + javalin.port() + "/metrics";
    }

    int port() {
        return javalin.port();
    }

    /** A GET of /metrics with this Accept header (null for none). */
    Response get(String accept) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url()).toURL().openConnection();
        if (accept != null) {
            c.setRequestProperty("Accept", accept);
        }
        try (InputStream in = c.getInputStream()) {
            return new Response(c.getResponseCode(), c.getContentType(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    record Response(int status, String contentType, String body) {
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
