package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.FleetInputException;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.ParsedEndpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A running Greenloop server: the HTTP API over a {@link Fleet}. Start one with {@link #start}; {@link #close()} stops
 * it after in-flight requests finish.
 *
 * <p>Every route but {@code /health} needs a bearer token ({@code Authorization: Bearer glt_...}) whose role the
 * route allows, unless the options turn auth off (loopback binds only). Errors are RFC 7807 problem details. One line
 * per request goes to the log: method, path (never the query string, nor a header), status and milliseconds.
 */
public final class GreenloopServer implements AutoCloseable {

    /** How long {@link #close()} lets in-flight requests finish. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Javalin javalin;
    private final ServerContext context;
    private final DashboardRoutes dashboard;

    private GreenloopServer(Javalin javalin, ServerContext context, DashboardRoutes dashboard) {
        this.javalin = javalin;
        this.context = context;
        this.dashboard = dashboard;
    }

    /**
     * Starts a server on the fleet, reading runs and jobs from the stores this process's settings name; it serves
     * until {@link #close()}.
     *
     * @throws IllegalArgumentException if the options cannot be served (a port in use, a bad keystore, auth off on an
     *     address that is not loopback), naming why
     */
    public static GreenloopServer start(Fleet fleet, ServerOptions options) {
        return start(fleet, Settings.current(), options);
    }

    /**
     * Starts a server on the fleet, reading runs and jobs from the stores {@code settings} name; it serves until
     * {@link #close()}.
     *
     * @throws IllegalArgumentException if the options cannot be served (a port in use, a bad keystore, auth off on an
     *     address that is not loopback), naming why
     */
    public static GreenloopServer start(Fleet fleet, Settings settings, ServerOptions options) {
        return start(fleet, settings, options, () -> options.localAgent() ? "starting" : "disabled");
    }

    /**
     * As {@link #start(Fleet, Settings, ServerOptions)}, with the built-in agent's status for {@code /health}.
     *
     * @param agentStatus {@code disabled}, {@code running}, or what went wrong
     */
    public static GreenloopServer start(Fleet fleet, Settings settings, ServerOptions options, Supplier<String> agentStatus) {
        return start(fleet, settings, options, agentStatus, null);
    }

    /**
     * As {@link #start(Fleet, Settings, ServerOptions, Supplier)}, also serving a model's embeddings routes
     * ({@link EmbeddingServer#mount}).
     *
     * @param serving the model's routes; null for none
     */
    public static GreenloopServer start(Fleet fleet, Settings settings, ServerOptions options, Supplier<String> agentStatus,
            EmbeddingServer.Mount serving) {
        Clock clock = Clock.systemUTC();
        ZoneIntensities intensities = ServerContext.intensities(options, settings.effectiveEnvironment(), clock);
        return start(new ServerContext(fleet, options, clock, new CachedTokens(fleet.tokens(), System::nanoTime),
                new StoreRecords(settings, note -> System.err.println("greenloop server: " + note)),
                agentStatus, System.err::println, intensities, new ServerMetrics()), settings, serving);
    }

    /** Starts a server on a context, as tests do with their doubles; the dashboard's pages read this process's settings. */
    static GreenloopServer start(ServerContext context) {
        return start(context, Settings.current());
    }

    /** Starts a server on a context; the dashboard's pages read the lab profiles and compare in the stores {@code settings} name. */
    static GreenloopServer start(ServerContext context, Settings settings) {
        return start(context, settings, null);
    }

    /** As {@link #start(ServerContext, Settings)}, with a model's embeddings routes (null: none). */
    static GreenloopServer start(ServerContext context, Settings settings, EmbeddingServer.Mount serving) {
        ServerOptions options = context.options();
        refuseOpenWithoutAuth(options);
        DashboardRoutes dashboard = new DashboardRoutes();
        ServingRoutes servingRoutes = new ServingRoutes(serving, dashboard);
        List<Routes> groups = List.of(new ApiRoutes(), dashboard, new AnalysisRoutes(dashboard), new CarbonAwareRoutes(),
                new IntensityRoutes(), new AnomalyRoutes(dashboard),
                new DashboardPagesRoutes(dashboard, settings),
                new RecommendationRoutes(dashboard),
                servingRoutes,
                new ReportRoutes(dashboard, settings),
                new MetricsRoutes(context.metrics(), fleet -> FleetSources.of(fleet)
                        .withIntensity(() -> currentIntensity(context))
                        .withJobs(() -> context.records().jobEnergy(context.clock().instant().minus(FleetSources.JOB_WINDOW)))));
        Guard guard = new Guard(context);
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.limits().maxBodyBytes();
            config.jetty.modifyServer(server -> {
                // Jetty lets requests in flight finish, up to the stop timeout, only behind a GracefulHandler;
                // Javalin nests its own handler inside one set here.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            options.tlsKeystore().ifPresent(keystore -> config.jetty.addConnector((server, http) -> tls(server, http, options)));
            config.requestLogger.http((ctx, ms) -> {
                context.metrics().recordRequest(ctx, ms);
                if (logged(ctx, ms)) {
                    context.log().accept("greenloop server: %s %s %d %.0f ms".formatted(ctx.method(), ctx.path(), ctx.statusCode(), ms));
                }
            });
            config.routes.beforeMatched(guard::check);
            config.routes.exception(ProblemException.class, (e, ctx) -> {
                if (OpenAiError.on(ctx)) {
                    servingRoutes.answer(ctx, OpenAiError.ofStatus(e.status(), e.field(), e.detail()));
                } else {
                    Responses.problem(ctx, e.status(), e.title(), e.detail(), e.field());
                }
            });
            config.routes.exception(FleetInputException.class, (e, ctx) -> Responses.problem(ctx, 400, "Bad Request", e.getMessage(), e.field()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (OpenAiError.on(ctx)) {
                    servingRoutes.answer(ctx, OpenAiError.ofStatus(e.getStatus(), null, detail(ctx, e.getStatus(), e.getMessage())));
                } else {
                    javalinProblem(ctx, e.getStatus(), e.getMessage());
                }
            });
            config.routes.exception(StoreException.class, (e, ctx) -> {
                context.log().accept("greenloop server: store: " + e.getMessage());
                String detail = "the store cannot be read or written now; try again later";
                if (OpenAiError.on(ctx)) {
                    servingRoutes.answer(ctx, OpenAiError.ofStatus(503, null, detail));
                } else {
                    Responses.problem(ctx, 503, "Service Unavailable", detail, null);
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                context.log().accept("greenloop server: %s %s failed: %s".formatted(ctx.method(), ctx.path(), e));
                String detail = "the server failed to answer (%s); its log says more".formatted(e.getClass().getSimpleName());
                if (OpenAiError.on(ctx)) {
                    servingRoutes.answer(ctx, OpenAiError.ofStatus(500, null, detail));
                } else {
                    Responses.problem(ctx, 500, "Internal Server Error", detail, null);
                }
            });
            config.routes.error(404, ctx -> {
                if (!Responses.PROBLEM_JSON.equals(ctx.res().getContentType()) && ctx.attribute(OpenAiError.WRITTEN) == null) {
                    if (OpenAiError.on(ctx)) {
                        servingRoutes.answer(ctx, OpenAiError.ofStatus(404, null, detail(ctx, 404, null)));
                    } else {
                        Responses.problem(ctx, 404, "Not Found", detail(ctx, 404, null), null);
                    }
                }
            });
            for (Routes group : groups) {
                group.register(config.routes, context);
            }
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalArgumentException("cannot serve on %s port %d: %s".formatted(options.bind(), options.port(), e.getMessage()), e);
        }
        if (!options.auth()) {
            context.log().accept("greenloop server: --auth none: no token is asked for; every route is open to anyone on this"
                    + " machine (bound to the loopback address " + options.bind() + " only)");
        }
        return new GreenloopServer(javalin, context, dashboard);
    }

    /** @return the port it listens on */
    public int port() {
        for (Connector c : javalin.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector s) {
                return s.getLocalPort();
            }
        }
        return javalin.port();
    }

    /** @return the routes it serves, as {@code GET /api/v1/nodes}, for the OpenAPI document's test */
    List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
                .map((ParsedEndpoint e) -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** Ends the dashboard's live streams, stops taking requests, lets those in flight finish (up to 20 s), then closes the records it opened. */
    @Override
    public void close() {
        try {
            dashboard.close();
            javalin.stop();
        } finally {
            context.records().close();
            if (context.intensities() != null) {
                context.intensities().close();
            }
        }
    }

    /**
     * Checks options that would be refused at start, before anything is opened.
     *
     * @throws IllegalArgumentException if auth is off and the address is not loopback (127.0.0.0/8, ::1), saying so
     */
    public static void check(ServerOptions options) {
        refuseOpenWithoutAuth(options);
    }

    /**
     * @throws IllegalArgumentException if auth is off and the address is not loopback (127.0.0.0/8, ::1)
     */
    static void refuseOpenWithoutAuth(ServerOptions options) {
        if (options.auth()) {
            return;
        }
        boolean loopback;
        try {
            loopback = !options.bind().isBlank() && InetAddress.getByName(options.bind()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException(("--auth none is refused on %s: without tokens the server may only bind a"
                    + " loopback address (127.0.0.1 or ::1); use --bind 127.0.0.1, or --auth token with tokens from"
                    + " 'greenloop server token create'").formatted(options.bind().isBlank() ? "all addresses" : options.bind()));
        }
    }

    /** The TLS connector: PKCS#12 keystore, HTTP/1.1 over TLS, on the options' address and port. */
    private static Connector tls(Server server, HttpConfiguration http, ServerOptions options) {
        var keystore = options.tlsKeystore().orElseThrow();
        if (!Files.isReadable(keystore)) {
            throw new IllegalArgumentException("--tls-keystore %s cannot be read: give a PKCS#12 file (.p12) this user may read"
                    .formatted(keystore));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(options.tlsPassword().orElse(""));
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        return connector;
    }

    /**
     * Every request is logged but the agents' accepted pushes, which come every second from every node (their counts
     * and durations are in {@code /metrics}); a push that fails or takes over a second is logged.
     */
    static boolean logged(Context ctx, float ms) {
        boolean push = ctx.method() == io.javalin.http.HandlerType.POST && ctx.path().endsWith("/samples");
        return !push || ctx.statusCode() >= 300 || ms > 1000;
    }

    /** The latest intensity of each served zone, as {@code greenloop_grid_intensity_grams_per_kwh} exports it. */
    private static List<FleetSources.ZoneIntensity> currentIntensity(ServerContext context) {
        if (context.intensities() == null) {
            return List.of();
        }
        ZoneIntensities.Snapshot now = context.intensities().current();
        now.unavailable().forEach((zone, why) -> context.log().accept("greenloop server: /metrics: no intensity for " + zone + ": " + why));
        return now.values().stream().map(p -> new FleetSources.ZoneIntensity(p.zone(), p.gramsPerKWh(), p.signal(), p.kind())).toList();
    }

    private static void javalinProblem(Context ctx, int status, String message) {
        Responses.problem(ctx, status, HttpStatus.forStatus(status).getMessage(), detail(ctx, status, message), null);
    }

    private static String detail(Context ctx, int status, String message) {
        return switch (status) {
            case 404 -> "no route %s %s; GET /api/openapi.json lists the routes".formatted(ctx.method(), ctx.path());
            case 413 -> "the body is larger than the limit; send smaller batches";
            default -> message == null || message.isBlank() ? HttpStatus.forStatus(status).getMessage() : message;
        };
    }
}
