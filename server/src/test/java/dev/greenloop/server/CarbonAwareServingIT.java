package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.ProcessEnergy;
import dev.greenloop.app.ServingIntensity;
import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.core.Provenance;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.store.TokenRole;
import dev.greenloop.testfixtures.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carbon-aware serving over real HTTP, with stand-in models and a trace-driven grid on a test clock: the variant that
 * answers the bare model switches when the grid crosses the threshold and back, a named variant is kept, switches are
 * counted in {@code /metrics} and {@code /v1/policy}; and the same routes inside {@code greenloop server} with its tokens.
 */
class CarbonAwareServingIT {

    static final Instant DAY = Instant.parse("2020-06-10T00:00:00Z");
    /** Hourly gCO2e/kWh: above 400 from 17:00 to 20:59 only. */
    static final double[] HOURS = {200, 190, 180, 175, 170, 180, 220, 260, 300, 320, 310, 290, 270, 260, 280, 330, 380, 420, 450, 440, 410, 350,
        280, 230};

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(DAY.plus(Duration.ofHours(9)));
    private final AtomicLong microjoules = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private ZoneIntensities intensities;
    private EmbeddingService service;
    private ServingPolicy policy;

    @BeforeEach
    void open() throws Exception {
        StringBuilder b = new StringBuilder("Time,Carbon Intensity\n");
        for (int h = 0; h <= HOURS.length; h++) {
            b.append(DAY.plus(Duration.ofHours(h)).toString().replace("T", " ").replace("Z", "")).append(',').append(HOURS[Math.min(h, 23)])
                    .append('\n');
        }
        Path trace = Files.writeString(dir.resolve("de.csv"), b);
        intensities = ZoneIntensities.of(Map.of("DE", TraceFiles.read(trace, "DE", TraceFiles.Basis.LIFECYCLE)), Map.of(),
                () -> Stores.openArchive(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", dir.toString()))), clock);
        Map<String, TextEncoder> encoders = new LinkedHashMap<>();
        encoders.put("fp32", new EmbeddingServerTest.WordEncoder(microjoules));
        encoders.put("int8", new EmbeddingServerTest.WordEncoder(microjoules));
        ProcessEnergy meter = new ProcessEnergy() {
            @Override
            public Reading read() {
                long now = microjoules.addAndGet(100);
                return new Reading(now, now, now, Provenance.MODELLED);
            }

            @Override
            public void close() {
            }
        };
        service = new EmbeddingService("words-model", encoders, new EmbeddingService.Options(8, Duration.ZERO, 16), meter,
                new ServingIntensity(intensities, "DE", clock, line -> { }));
        Map<String, ServingProfile> profiles = Map.of(
                "fp32", new ServingProfile("fp32", 0.05, Provenance.MODELLED, "C", OptionalDouble.of(1), OptionalDouble.empty(), DAY, 1),
                "int8", new ServingProfile("int8", 0.02, Provenance.MODELLED, "A", OptionalDouble.of(0.995), OptionalDouble.empty(), DAY, 1));
        policy = new ServingPolicy("words-model", List.of("fp32", "int8"), profiles, ServingPolicy.Measure.COSINE, 0.99,
                new ServingPolicy.Above(400), ServingPolicy.Grid.of(intensities, "DE"), clock);
    }

    @AfterEach
    void close() {
        service.close();
        intensities.close();
    }

    private HttpResponse<String> embed(URI base, String model, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/embeddings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model + "\", \"input\": \"how clean is the grid\"}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String variant(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return (String) JsonPaths.of(r.body()).get("energy.variant");
    }

    @Test
    void bareModel_switchesToTheCheapestWhileTheTraceIsAboveTheThreshold_andBack() throws Exception {
        try (EmbeddingServer server = EmbeddingServer.start(service, Map.of(), Optional.of(policy), null,
                new EmbeddingServer.Options("127.0.0.1", 0, false, 1 << 20), line -> { })) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            assertEquals("fp32", variant(embed(base, "words-model", null)), "09:00, 320 g: clean");
            clock.set(DAY.plus(Duration.ofHours(17).plusMinutes(30)));
            HttpResponse<String> dirty = embed(base, "words-model", null);
            assertEquals("int8", variant(dirty), "17:30, 420 g: dirty");
            assertEquals(420.0, JsonPaths.of(dirty.body()).get("energy.intensityGramsPerKWh"));
            assertEquals("fp32", variant(embed(base, "words-model:fp32", null)), "a named variant is kept while dirty");
            Map<String, Object> p = JsonPaths.of(get(base, "/v1/policy", null).body());
            assertEquals("int8", p.get("variant"));
            assertEquals(true, p.get("dirty"));
            assertEquals(1.0, p.get("switches"));
            assertTrue(((String) p.get("reason")).contains("above 400"), p.toString());
            clock.set(DAY.plus(Duration.ofHours(21).plusMinutes(5)));
            assertEquals("fp32", variant(embed(base, "words-model", null)), "21:05, 350 g: clean again");
            String metrics = get(base, "/metrics", null).body();
            assertTrue(metrics.contains("greenloop_serving_variant_switches_total{from=\"fp32\",model=\"words-model\",to=\"int8\"} 1.0"), metrics);
            assertTrue(metrics.contains("greenloop_serving_variant_switches_total{from=\"int8\",model=\"words-model\",to=\"fp32\"} 1.0"), metrics);
            assertTrue(metrics.contains("greenloop_serving_requests_total{model=\"words-model\",status=\"200\",variant=\"int8\"} 1.0"), metrics);
        }
    }

    @Test
    void insideGreenloopServer_sameRoutes_viewerTokens_openAiErrors() throws Exception {
        FakeFleetStore store = new FakeFleetStore();
        FakeTokens tokens = new FakeTokens(store);
        ServerOptions options = TestServer.options(true, "127.0.0.1", ServerOptions.Limits.DEFAULT);
        EmbeddingServer.Mount mount = EmbeddingServer.mount(service, Map.of(), Optional.of(policy), options.limits().maxBodyBytes(), line -> { });
        GreenloopServer server = GreenloopServer.start(new ServerContext(new Fleet(store), options, clock, tokens, new FakeRecords(),
                () -> "disabled", line -> { }), Settings.current(), mount);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            String viewer = tokens.create(TokenRole.VIEWER, Optional.empty()).secret();
            String agent = tokens.create(TokenRole.AGENT, Optional.empty()).secret();
            clock.set(DAY.plus(Duration.ofHours(18)));
            assertEquals("int8", variant(embed(base, "words-model", viewer)));
            HttpResponse<String> noToken = embed(base, "words-model", null);
            assertEquals(401, noToken.statusCode());
            assertEquals("invalid_api_key", JsonPaths.of(noToken.body()).get("error.code"), "OpenAI's shape: " + noToken.body());
            assertTrue(((String) JsonPaths.of(noToken.body()).get("error.message")).contains("bearer token"), noToken.body());
            HttpResponse<String> agentToken = embed(base, "words-model", agent);
            assertEquals(403, agentToken.statusCode());
            assertEquals("permission_error", JsonPaths.of(agentToken.body()).get("error.type"), agentToken.body());
            HttpResponse<String> noV1Route = get(base, "/v1/nothing", viewer);
            assertEquals(404, noV1Route.statusCode());
            assertEquals("not_found", JsonPaths.of(noV1Route.body()).get("error.code"), noV1Route.body());
            int refused401 = 0;
            for (String line : get(base, "/v1/metrics", viewer).body().lines().toList()) {
                if (line.startsWith("greenloop_serving_requests_total{") && line.contains("status=\"401\"")) {
                    refused401++;
                }
            }
            assertEquals(1, refused401, "the 401 is counted among the serving requests");
            HttpResponse<String> unknown = embed(base, "other-model", viewer);
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals("model_not_found", JsonPaths.of(unknown.body()).get("error.code"), unknown.body());
            Map<String, Object> models = JsonPaths.of(get(base, "/v1/models", viewer).body());
            assertEquals("words-model", models.get("data[0].id"));
            assertEquals("int8", JsonPaths.of(get(base, "/v1/policy", viewer).body()).get("variant"));
            assertTrue(JsonPaths.of(get(base, "/v1/energy", viewer).body()).containsKey("processJoules"));
            assertTrue(get(base, "/v1/metrics", viewer).body().contains("greenloop_serving_requests_total"));
            HttpResponse<String> noRoute = get(base, "/api/v1/nothing", viewer);
            assertEquals(404, noRoute.statusCode());
            assertTrue(noRoute.body().contains("openapi.json"), "the server's own 404s stay problem documents: " + noRoute.body());
            Map<String, Object> doc = JsonPaths.of(get(base, "/api/openapi.json", viewer).body());
            List<String> undocumented = server.routes().stream().filter(r -> r.contains(" /v1/"))
                    .filter(r -> !doc.containsKey("paths." + r.split(" ", 2)[1] + "." + r.split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT) + ".summary"))
                    .toList();
            assertTrue(server.routes().contains("POST /v1/embeddings"), server.routes().toString());
            assertTrue(undocumented.isEmpty(), "the /v1 routes are in openapi.json: " + undocumented);
        } finally {
            server.close();
        }
    }
}
