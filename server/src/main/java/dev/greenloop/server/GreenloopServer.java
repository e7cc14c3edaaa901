package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;

/**
 * A running Greenloop server: the HTTP API over a {@link Fleet}. Start one with {@link #start}; {@link #close()} stops
 * it after in-flight requests finish.
 */
public final class GreenloopServer implements AutoCloseable {

    private final Javalin javalin;

    private GreenloopServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts a server on the fleet; it serves until {@link #close()}.
     *
     * @throws IllegalArgumentException if the options cannot be served (a port in use, a bad keystore), naming why
     */
    public static GreenloopServer start(Fleet fleet, ServerOptions options) {
        ServerContext context = new ServerContext(fleet, options, Clock.systemUTC());
        List<Routes> groups = List.of(new CarbonAwareRoutes(), new IntensityRoutes(), new MetricsRoutes());
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"), Access.PUBLIC);
            for (Routes group : groups) {
                group.register(config.routes, context);
            }
        });
        javalin.start();
        return new GreenloopServer(javalin);
    }

    /** @return the port it listens on */
    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
