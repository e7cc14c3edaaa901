package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.store.ApiToken;
import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.QueueFullException;
import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import dev.greenloop.store.TokenRole;
import dev.greenloop.app.Tokens;
import dev.greenloop.lab.LabException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code greenloop serve}: an OpenAI-compatible embeddings endpoint over an {@link EmbeddingService}, with the energy
 * and carbon of every request. Routes: {@code POST /v1/embeddings}, {@code GET /v1/models}, {@code GET /v1/energy},
 * {@code GET /v1/policy} (which variant answers the bare model, and why), {@code GET /metrics} (Prometheus) and
 * {@code GET /health}. The same routes, but {@code /metrics} (there {@code /v1/metrics}) and {@code /health}, mount
 * inside {@code greenloop server} through {@link #mount}. Errors on {@code /v1/*} are in OpenAI's shape
 * ({@link OpenAiError}). With auth on, every route but {@code /health} needs a viewer or admin bearer token, checked as
 * {@code greenloop server} checks them; agent tokens only ingest and get 403.
 */
public final class EmbeddingServer implements AutoCloseable {

    /**
     * How the endpoint runs.
     *
     * @param bind the address to listen on
     * @param port the TCP port, 0 for any free one
     * @param auth whether bearer tokens are needed (off only on a loopback address)
     * @param maxBodyBytes the largest request body; larger is answered 413
     */
    public record Options(String bind, int port, boolean auth, long maxBodyBytes) {

        /** @throws IllegalArgumentException naming the bad value */
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port: %d is not a TCP port; give 0 to 65535 (0: any free one)".formatted(port));
            }
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("--max-body-bytes: %d; give at least 1".formatted(maxBodyBytes));
            }
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private final Javalin javalin;

    private EmbeddingServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts serving.
     *
     * @param service the model's variants
     * @param profiles stored lab profiles by variant, for {@code /v1/models}; a variant absent is "not profiled"
     * @param tokens the API tokens bearer tokens are checked against; may be null with auth off
     * @param options address, port, auth and body limit
     * @param log one line per failure (standard error); never a token
     * @throws IllegalArgumentException if the options cannot be served (a port in use; auth off on an address that is not
     *     loopback; auth on without tokens), naming why
     */
    public static EmbeddingServer start(EmbeddingService service, Map<String, ServingProfile> profiles, Tokens tokens, Options options,
            Consumer<String> log) {
        return start(service, profiles, Optional.empty(), tokens, options, log);
    }

    /**
     * Starts serving, with a carbon-aware policy choosing the variant of requests that name only the model.
     *
     * @param policy which variant answers bare-model requests; empty: the first served
     * @throws IllegalArgumentException as {@link #start(EmbeddingService, Map, Tokens, Options, Consumer)}
     */
    public static EmbeddingServer start(EmbeddingService service, Map<String, ServingProfile> profiles, Optional<ServingPolicy> policy, Tokens tokens,
            Options options, Consumer<String> log) {
        Objects.requireNonNull(service, "service");
        check(options);
        if (options.auth() && tokens == null) {
            throw new IllegalArgumentException("--auth token needs the store's tokens; none were given");
        }
        ServingMetrics metrics = new ServingMetrics(service, policy);
        // Each bearer token's check is remembered a few seconds, as greenloop server does: no store query per request.
        Tokens checked = tokens == null ? null : new CachedTokens(tokens, System::nanoTime);
        Handlers h = new Handlers(service, Map.copyOf(profiles), policy, metrics, options, checked, log);
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.routes.before(h::authenticate);
            config.routes.exception(OpenAiError.class, (e, ctx) -> h.error(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> h.error(ctx, e.getStatus() == 413 ? tooLarge(options)
                    : new OpenAiError(e.getStatus(), "invalid_request_error", null, null, e.getMessage())));
            config.routes.exception(ProblemException.class, (e, ctx) -> h.error(ctx, e.status() == 413 ? tooLarge(options)
                    : new OpenAiError(e.status(), "invalid_request_error", e.field(), null, e.detail())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.accept("greenloop serve: %s %s failed: %s".formatted(ctx.method(), ctx.path(), e));
                h.error(ctx, new OpenAiError(500, "server_error", null, null, "the server failed to answer (%s); its log says more"
                        .formatted(e.getClass().getSimpleName())));
            });
            config.routes.error(404, ctx -> {
                if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith("application/json")) {
                    h.error(ctx, new OpenAiError(404, "invalid_request_error", null, "not_found",
                            "no route %s %s; the routes are POST /v1/embeddings, GET /v1/models, GET /v1/energy, GET /metrics".formatted(ctx.method(), ctx.path())));
                }
            });
            config.routes.get("/health", ctx -> send(ctx, 200, g -> {
                g.writeStartObject();
                g.writeStringField("status", "ok");
                g.writeEndObject();
            }));
            config.routes.post("/v1/embeddings", h::embeddings);
            config.routes.get("/v1/models", h::models);
            config.routes.get("/v1/energy", h::energy);
            config.routes.get("/v1/policy", h::policy);
            config.routes.get("/metrics", h::metrics);
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalArgumentException("cannot serve on %s port %d: %s".formatted(options.bind(), options.port(), e.getMessage()), e);
        }
        return new EmbeddingServer(javalin);
    }

    /**
     * Checks options that would be refused at start, before models are loaded.
     *
     * @throws IllegalArgumentException if auth is off and the address is not loopback (127.0.0.0/8, ::1), saying so
     */
    public static void check(Options options) {
        GreenloopServer.refuseOpenWithoutAuth(new ServerOptions(options.port(), options.bind(), List.of(), List.of(), options.auth(),
                Optional.empty(), Optional.empty(), false, false, "serve", ServerOptions.Limits.DEFAULT));
    }

    static OpenAiError tooLarge(Options options) {
        return new OpenAiError(413, "invalid_request_error", "input", "request_too_large",
                "the body is larger than %d bytes, this server's limit (--max-body-bytes); send fewer or shorter texts per request"
                        .formatted(options.maxBodyBytes()));
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

    /** Stops taking requests; those in flight finish. It does not close the service. */
    @Override
    public void close() {
        javalin.stop();
    }

    /**
     * The embeddings routes, ready to mount inside {@code greenloop server} ({@link GreenloopServer#start(dev.greenloop.app.Fleet,
     * dev.greenloop.app.Settings, ServerOptions, java.util.function.Supplier, Mount)}).
     */
    public static final class Mount {
        final Handlers handlers;

        private Mount(Handlers handlers) {
            this.handlers = handlers;
        }
    }

    /**
     * The routes {@code POST /v1/embeddings}, {@code GET /v1/models}, {@code GET /v1/energy}, {@code GET /v1/policy} and
     * {@code GET /v1/metrics} for {@code greenloop server}, whose tokens and body limit then apply.
     *
     * @param maxBodyBytes the server's body limit, for the 413 message
     */
    public static Mount mount(EmbeddingService service, Map<String, ServingProfile> profiles, Optional<ServingPolicy> policy, long maxBodyBytes,
            Consumer<String> log) {
        Objects.requireNonNull(service, "service");
        return new Mount(new Handlers(service, Map.copyOf(profiles), policy, new ServingMetrics(service, policy),
                new Options("127.0.0.1", 0, false, maxBodyBytes), null, log));
    }

    /** The routes' handlers. */
    record Handlers(EmbeddingService service, Map<String, ServingProfile> profiles, Optional<ServingPolicy> policy, ServingMetrics metrics,
            Options options, Tokens tokens, Consumer<String> log) {

        void authenticate(Context ctx) {
            if (!options.auth() || ctx.path().equals("/health")) {
                return;
            }
            String header = ctx.header("Authorization");
            if (header == null || header.isBlank()) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"greenloop\"");
                throw new OpenAiError(401, "invalid_request_error", null, "missing_api_key",
                        "this route needs a bearer token: send 'Authorization: Bearer <token>' (an OpenAI client's API key); an admin creates"
                                + " one with 'greenloop server token create --role viewer'");
            }
            String h = header.strip();
            Optional<ApiToken> token = h.toLowerCase(Locale.ROOT).startsWith("bearer ") ? tokens.authenticate(h.substring(7).strip()) : Optional.empty();
            if (token.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"greenloop\", error=\"invalid_token\"");
                throw new OpenAiError(401, "invalid_request_error", null, "invalid_api_key",
                        "the bearer token is unknown or was revoked; 'greenloop server token list' shows the tokens");
            }
            if (token.get().role() == TokenRole.AGENT) {
                throw new OpenAiError(403, "permission_error", null, "insufficient_role",
                        "the token '%s' is an agent token, which only ingests; use a viewer or admin token".formatted(token.get().name()));
            }
        }

        void error(Context ctx, OpenAiError e) {
            if (ctx.path().equals("/v1/embeddings") && e.status() != 200) {
                metrics.refused(service.model(), ctx.attribute("greenloop.variant"), e.status());
            }
            ctx.attribute(OpenAiError.WRITTEN, true);
            send(ctx, e.status(), e::write);
        }

        void embeddings(Context ctx) throws IOException, InterruptedException {
            // From parsing to the answer's JSON, the request is in the server: the energy of that HTTP work between
            // batches is charged to requests, not idle (Jetty's socket write after this handler is not).
            try (EmbeddingService.Visit visit = service.visit()) {
                answerEmbeddings(ctx);
            }
        }

        private void answerEmbeddings(Context ctx) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            String length = ctx.header("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > options.maxBodyBytes()) {
                throw tooLarge(options);
            }
            EmbeddingRequest request = EmbeddingRequest.parse(new LimitedInputStream(ctx.req().getInputStream(), options.maxBodyBytes()));
            String variant = variant(request.model());
            ctx.attribute("greenloop.variant", variant);
            EmbeddingService.Served served = service.variant(variant).orElseThrow();
            if (request.dimensions().isPresent() && request.dimensions().getAsInt() != served.dimension()) {
                throw OpenAiError.invalid("dimensions", ("dimensions %d is not supported by %s:%s, whose vectors have %d; leave dimensions out or give %d"
                        + " (its vectors were not trained to be shortened)").formatted(request.dimensions().getAsInt(), service.model(), variant,
                        served.dimension(), served.dimension()));
            }
            EmbeddingService.Answer answer;
            try {
                answer = service.embed(variant, request.input());
            } catch (QueueFullException e) {
                long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new OpenAiError(429, "rate_limit_error", null, "queue_full", e.getMessage());
            } catch (LabException e) {
                throw new OpenAiError(500, "server_error", null, null, "the model failed: " + e.getMessage());
            }
            EmbeddingService.RequestEnergy energy = answer.energy();
            ctx.header("X-Energy-Joules", number(energy.joules()));
            energy.gramsCO2e().ifPresent(g -> ctx.header("X-Carbon-Grams", number(g)));
            send(ctx, 200, g -> {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("data");
                for (int i = 0; i < answer.vectors().size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("object", "embedding");
                    g.writeFieldName("embedding");
                    float[] v = answer.vectors().get(i);
                    if (request.base64()) {
                        g.writeString(base64(v));
                    } else {
                        g.writeStartArray();
                        for (float f : v) {
                            g.writeNumber(f);
                        }
                        g.writeEndArray();
                    }
                    g.writeNumberField("index", i);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("model", request.model());
                g.writeObjectFieldStart("usage");
                g.writeNumberField("prompt_tokens", answer.tokens());
                g.writeNumberField("total_tokens", answer.tokens());
                g.writeEndObject();
                g.writeFieldName("energy");
                energyObject(g, energy);
                g.writeEndObject();
            });
            metrics.answered(service.model(), answer, (System.nanoTime() - t0) / 1e9);
        }

        /** The variant a request's model names: {@code MODEL} (the policy's choice, else the first served) or {@code MODEL:VARIANT}. */
        String variant(String model) {
            int colon = model.indexOf(':');
            String name = colon < 0 ? model : model.substring(0, colon);
            List<String> names = service.variants().stream().map(v -> service.model() + ":" + v.variant()).toList();
            if (!name.equals(service.model())) {
                throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                        "the model '%s' is not served here; served: %s, or %s".formatted(model, service.model(), String.join(", ", names)));
            }
            String variant = colon >= 0 ? model.substring(colon + 1)
                    : policy.map(p -> p.choose().variant()).orElseGet(() -> service.variants().getFirst().variant());
            if (service.variant(variant).isEmpty()) {
                throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                        "the variant '%s' is not served here; served: %s (start 'greenloop serve' with --variants to add one)".formatted(variant,
                                String.join(", ", names)));
            }
            return variant;
        }

        void models(Context ctx) {
            send(ctx, 200, g -> {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("data");
                boolean first = true;
                for (EmbeddingService.Served v : service.variants()) {
                    if (first) {
                        model(g, service.model(), v);
                        first = false;
                    }
                    model(g, service.model() + ":" + v.variant(), v);
                }
                g.writeEndArray();
                g.writeFieldName("idle");
                totals(g);
                g.writeEndObject();
            });
        }

        private void model(JsonGenerator g, String id, EmbeddingService.Served v) throws IOException {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "model");
            g.writeNumberField("created", 0);
            g.writeStringField("owned_by", "greenloop");
            g.writeStringField("variant", v.variant());
            g.writeNumberField("dimensions", v.dimension());
            g.writeBooleanField("batched", v.batched());
            g.writeStringField("batching", v.batched() ? "dynamic: up to %d texts, waiting up to %d ms".formatted(service.options().maxBatch(),
                    service.options().maxWait().toMillis()) : "one request at a time: this variant's vectors depend on the other texts in a batch");
            ServingProfile p = profiles.get(v.variant());
            if (p == null) {
                g.writeStringField("profile", "not profiled");
                g.writeStringField("profileHint", "run 'greenloop lab profile --model %s --variants %s --input TEXTS' to store its energy and quality"
                        .formatted(service.model(), v.variant()));
            } else {
                g.writeObjectFieldStart("profile");
                g.writeNumberField("joulesPerQuery", p.joulesPerQuery());
                g.writeStringField("provenance", p.provenance().label());
                g.writeStringField("energyLabel", p.energyLabel());
                optional(g, "meanCosineToFp32", p.meanCosine());
                optional(g, "knnAccuracy", p.knnAccuracy());
                g.writeStringField("measuredAt", Responses.iso(p.measuredAt()));
                g.writeNumberField("resultId", p.resultId());
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        void energy(Context ctx) {
            send(ctx, 200, this::totals);
        }

        void policy(Context ctx) {
            send(ctx, 200, g -> {
                g.writeStartObject();
                g.writeStringField("model", service.model());
                g.writeBooleanField("carbonAware", policy.isPresent());
                if (policy.isEmpty()) {
                    g.writeStringField("variant", service.variants().getFirst().variant());
                    g.writeStringField("reason", "not carbon-aware: the first served variant answers requests that name only the model");
                    g.writeNumberField("switches", 0);
                    g.writeEndObject();
                    return;
                }
                ServingPolicy p = policy.get();
                ServingPolicy.Choice c = p.choose();
                g.writeStringField("rule", p.describe());
                g.writeStringField("variant", c.variant());
                g.writeBooleanField("dirty", c.dirty());
                optional(g, "intensityGramsPerKWh", c.gramsPerKWh());
                g.writeStringField("reason", c.reason());
                g.writeStringField("decidedAt", Responses.iso(c.decidedAt()));
                g.writeStringField("best", p.best());
                g.writeStringField("cheapest", p.cheapest());
                g.writeNumberField("switches", p.switchCount());
                g.writeArrayFieldStart("switchesByPair");
                for (ServingPolicy.Switch s : p.switches()) {
                    g.writeStartObject();
                    g.writeStringField("from", s.from());
                    g.writeStringField("to", s.to());
                    g.writeNumberField("count", s.count());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }

        private void totals(JsonGenerator g) throws IOException {
            EmbeddingService.Totals t = service.totals();
            g.writeStartObject();
            g.writeNumberField("seconds", t.seconds());
            g.writeNumberField("processJoules", t.processJoules());
            g.writeNumberField("requestsJoules", t.requestsJoules());
            g.writeNumberField("idleJoules", t.idleJoules());
            g.writeNumberField("idleWatts", t.seconds() > 0 ? t.idleJoules() / t.seconds() : 0);
            g.writeStringField("provenance", t.provenance().label());
            g.writeStringField("note", "idle is the process's energy between batches; it is charged to no request (requests + idle = process)");
            g.writeEndObject();
        }

        void metrics(Context ctx) {
            MetricsRoutes.scrape(ctx, FORMATS, metrics.registry());
        }

        private static void optional(JsonGenerator g, String name, java.util.OptionalDouble value) throws IOException {
            if (value.isPresent()) {
                g.writeNumberField(name, value.getAsDouble());
            } else {
                g.writeNullField(name);
            }
        }
    }

    /** Writes the energy object: every key always present, carbon keys null without a zone's intensity. */
    static void energyObject(JsonGenerator g, EmbeddingService.RequestEnergy e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("joules", e.joules());
        g.writeNumberField("joulesMin", e.joulesMin());
        g.writeNumberField("joulesMax", e.joulesMax());
        g.writeStringField("provenance", e.provenance().label());
        g.writeNumberField("wattHours", e.wattHours());
        if (e.intensity().isPresent()) {
            g.writeNumberField("gramsCO2e", e.gramsCO2e().orElseThrow());
            g.writeStringField("zone", e.intensity().get().zone());
            g.writeNumberField("intensityGramsPerKWh", e.intensity().get().gramsPerKWh());
        } else {
            g.writeNullField("gramsCO2e");
            g.writeNullField("zone");
            g.writeNullField("intensityGramsPerKWh");
        }
        g.writeStringField("variant", e.variant());
        g.writeEndObject();
    }

    /** A vector as OpenAI's base64 encoding: the float32 values, little-endian, base64 (RFC 4648). */
    static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** A header's number: plain decimal, no exponent, no trailing zeros ({@code 0.054867}). */
    static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void send(Context ctx, int status, Responses.Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.status(status).contentType("application/json").result(bytes.toByteArray());
    }
}
