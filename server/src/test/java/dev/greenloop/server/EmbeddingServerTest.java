package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.ProcessEnergy;
import dev.greenloop.core.Provenance;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.store.TokenRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embeddings endpoint over HTTP with a stand-in model: OpenAI's shapes, the energy object, errors, auth, metrics. */
class EmbeddingServerTest {

    /** Vectors {@code [length, words, 1]}; one token per word plus two; 500 µJ per token on the meter; waits on a gate if set. */
    static final class WordEncoder implements TextEncoder {
        final AtomicLong microjoules;
        volatile CountDownLatch gate;
        final CountDownLatch entered = new CountDownLatch(1);

        WordEncoder(AtomicLong microjoules) {
            this.microjoules = microjoules;
        }

        @Override
        public String label() {
            return "words";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public int maxTokens() {
            return 512;
        }

        @Override
        public Path modelFile() {
            return Path.of("words.onnx");
        }

        @Override
        public int[] tokenCounts(List<String> texts) {
            return texts.stream().mapToInt(t -> t.strip().split("\\s+").length + 2).toArray();
        }

        @Override
        public long multiplyAdds(int tokens) {
            return tokens;
        }

        @Override
        public Embedder.Result embed(List<String> texts, IntConsumer progress) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (int c : tokenCounts(texts)) {
                microjoules.addAndGet(500L * c);
            }
            return new Embedder.Result(texts.stream().map(t -> new float[] {t.length(), t.strip().split("\\s+").length, 1}).toList(), 0);
        }

        @Override
        public void close() {
        }
    }

    private final AtomicLong microjoules = new AtomicLong();
    private final WordEncoder encoder = new WordEncoder(microjoules);
    private final FakeTokens tokens = new FakeTokens(new FakeFleetStore());
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddingService service;
    private EmbeddingServer server;

    private void start(boolean auth, int queue, long maxBody) {
        ProcessEnergy meter = new ProcessEnergy() {
            @Override
            public Reading read() {
                long now = microjoules.addAndGet(100);
                return new Reading(now, now * 8 / 10, now * 12 / 10, Provenance.MODELLED);
            }

            @Override
            public void close() {
            }
        };
        Map<String, TextEncoder> encoders = new LinkedHashMap<>();
        encoders.put("fp32", encoder);
        service = new EmbeddingService("words-model", encoders, new EmbeddingService.Options(8, Duration.ZERO, queue), meter,
                () -> Optional.of(new EmbeddingService.Intensity("DE", 360, "test trace")));
        server = EmbeddingServer.start(service, Map.of(), tokens, new EmbeddingServer.Options("127.0.0.1", 0, auth, maxBody), line -> { });
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/embeddings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r) throws Exception {
        return (Map<String, Object>) Json.parse(r.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void embeddings_openAiShape_withEnergyObjectAndHeaders() throws Exception {
        start(false, 16, 1 << 20);
        HttpResponse<String> r = post("{\"model\": \"words-model\", \"input\": [\"one two three\", \"four\"], \"user\": \"u1\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = json(r);
        assertEquals("list", body.get("object"));
        assertEquals("words-model", body.get("model"));
        List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
        assertEquals(2, data.size());
        assertEquals("embedding", data.get(0).get("object"));
        assertEquals(1, ((Number) data.get(1).get("index")).intValue());
        assertEquals(List.of(13.0, 3.0, 1.0), ((List<Number>) data.get(0).get("embedding")).stream().map(Number::doubleValue).toList());
        Map<String, Object> usage = (Map<String, Object>) body.get("usage");
        assertEquals(5 + 3, ((Number) usage.get("prompt_tokens")).intValue());
        assertEquals(8, ((Number) usage.get("total_tokens")).intValue());
        Map<String, Object> energy = (Map<String, Object>) body.get("energy");
        // the batch is this request alone, in the server from its parsing on: 100 µJ for the reading when the batch took
        // it, 8 tokens × 500 µJ, 100 µJ for the reading after the run
        double joules = (100 + 8 * 500 + 100) / 1e6;
        assertEquals(joules, ((Number) energy.get("joules")).doubleValue(), 1e-12);
        assertTrue(((Number) energy.get("joulesMin")).doubleValue() < joules && joules < ((Number) energy.get("joulesMax")).doubleValue());
        assertEquals("modelled", energy.get("provenance"));
        assertEquals(joules / 3600, ((Number) energy.get("wattHours")).doubleValue(), 1e-15);
        assertEquals(joules / 3.6e6 * 360, ((Number) energy.get("gramsCO2e")).doubleValue(), 1e-15);
        assertEquals("DE", energy.get("zone"));
        assertEquals(360.0, ((Number) energy.get("intensityGramsPerKWh")).doubleValue());
        assertEquals("fp32", energy.get("variant"));
        assertEquals(joules, Double.parseDouble(r.headers().firstValue("X-Energy-Joules").orElseThrow()), 1e-12);
        assertEquals(joules / 3.6e6 * 360, Double.parseDouble(r.headers().firstValue("X-Carbon-Grams").orElseThrow()), 1e-15);
    }

    @Test
    void energyHeader_isPlainDecimal() {
        assertEquals("0.054867", EmbeddingServer.number(0.054867));
        assertEquals("0.0000012", EmbeddingServer.number(1.2e-6));
    }

    @Test
    @SuppressWarnings("unchecked")
    void base64_isLittleEndianFloat32s_andVariantByName() throws Exception {
        start(false, 16, 1 << 20);
        HttpResponse<String> r = post("{\"model\": \"words-model:fp32\", \"input\": \"a b\", \"encoding_format\": \"base64\", \"dimensions\": 3}", null);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> item = ((List<Map<String, Object>>) json(r).get("data")).getFirst();
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode((String) item.get("embedding"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3f, b.getFloat());
        assertEquals(2f, b.getFloat());
        assertEquals(1f, b.getFloat());
        assertEquals("words-model:fp32", json(r).get("model"));
    }

    @SuppressWarnings("unchecked")
    private static void assertOpenAiError(HttpResponse<String> r, int status, String param, String inMessage) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        Map<String, Object> error = (Map<String, Object>) json(r).get("error");
        assertTrue(error.containsKey("type") && error.containsKey("code") && error.containsKey("param"), r.body());
        assertEquals(param, error.get("param"), r.body());
        assertTrue(((String) error.get("message")).contains(inMessage), r.body());
    }

    @Test
    void badInput_is400InOpenAiShape_namingTheField() throws Exception {
        start(false, 16, 1 << 20);
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": []}", null), 400, "input", "empty array");
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": \"\"}", null), 400, "input", "empty string");
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": [\"ok\", 42]}", null), 400, "input", "input[1] is not a string");
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": \"x\", \"dimensions\": 2}", null), 400, "dimensions", "whose vectors have 3");
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": \"x\", \"encoding_format\": \"int8\"}", null), 400, "encoding_format", "float or base64");
        assertOpenAiError(post("{\"input\": \"x\"}", null), 400, "model", "model is required");
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": ", null), 400, null, "not valid JSON");
        String many = "[" + String.join(",", java.util.Collections.nCopies(EmbeddingService.MAX_INPUTS + 1, "\"x\"")) + "]";
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": " + many + "}", null), 400, "input", "more than 2048 items");
        assertOpenAiError(post("{\"model\": \"other\", \"input\": \"x\"}", null), 404, "model", "words-model:fp32");
        assertOpenAiError(post("{\"model\": \"words-model:int4\", \"input\": \"x\"}", null), 404, "model", "--variants");
    }

    @Test
    void oversizedBody_is413() throws Exception {
        start(false, 16, 200);
        assertOpenAiError(post("{\"model\": \"words-model\", \"input\": \"" + "word ".repeat(100) + "\"}", null), 413, "input", "--max-body-bytes");
    }

    @Test
    void auth_needsAViewerOrAdminToken() throws Exception {
        start(true, 16, 1 << 20);
        String body = "{\"model\": \"words-model\", \"input\": \"x\"}";
        assertOpenAiError(post(body, null), 401, null, "bearer token");
        assertOpenAiError(post(body, "glt_wrong"), 401, null, "unknown or was revoked");
        assertOpenAiError(post(body, tokens.create(TokenRole.AGENT, Optional.of("pusher")).secret()), 403, null, "agent token");
        assertEquals(200, post(body, tokens.create(TokenRole.VIEWER, Optional.empty()).secret()).statusCode());
        assertEquals(200, get("/health").statusCode());
        assertEquals(401, get("/v1/models").statusCode());
    }

    @Test
    void fullQueue_is429WithRetryAfter() throws Exception {
        start(false, 1, 1 << 20);
        encoder.gate = new CountDownLatch(1);
        String body = "{\"model\": \"words-model\", \"input\": \"x\"}";
        var first = http.sendAsync(post(body), HttpResponse.BodyHandlers.ofString());
        assertTrue(encoder.entered.await(10, TimeUnit.SECONDS));
        var second = http.sendAsync(post(body), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 2_000 && service.waiting() < 1; i++) {
            Thread.sleep(5);
        }
        HttpResponse<String> refused = post(body, null);
        assertOpenAiError(refused, 429, null, "queue is full");
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        encoder.gate.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelsEnergyAndMetrics_reportVariantsIdleAndCounters() throws Exception {
        start(false, 16, 1 << 20);
        assertEquals(200, post("{\"model\": \"words-model\", \"input\": [\"a b c\"]}", null).statusCode());
        assertEquals(400, post("{\"model\": \"words-model\", \"input\": []}", null).statusCode());
        Map<String, Object> models = json(get("/v1/models"));
        List<Map<String, Object>> data = (List<Map<String, Object>>) models.get("data");
        assertEquals(List.of("words-model", "words-model:fp32"), data.stream().map(m -> m.get("id")).toList());
        assertEquals("not profiled", data.getFirst().get("profile"));
        assertEquals(true, data.getFirst().get("batched"));
        Map<String, Object> energy = json(get("/v1/energy"));
        double process = ((Number) energy.get("processJoules")).doubleValue();
        double requests = ((Number) energy.get("requestsJoules")).doubleValue();
        double idle = ((Number) energy.get("idleJoules")).doubleValue();
        assertEquals(process, requests + idle, 1e-9);
        assertEquals((100 + 5 * 500 + 100) / 1e6, requests, 1e-12);
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("greenloop_serving_requests_total{model=\"words-model\",status=\"200\",variant=\"fp32\"} 1.0"), metrics);
        assertTrue(metrics.contains("greenloop_serving_requests_total{model=\"words-model\",status=\"400\",variant=\"none\"} 1.0"), metrics);
        assertTrue(metrics.contains("greenloop_serving_tokens_total{model=\"words-model\",variant=\"fp32\"} 5.0"), metrics);
        assertTrue(metrics.contains("greenloop_serving_energy_joules_total{model=\"words-model\",variant=\"fp32\"} 0.0027"), metrics);
        assertTrue(metrics.contains("greenloop_serving_queue_duration_seconds_bucket"), metrics);
        assertTrue(metrics.contains("greenloop_serving_inference_duration_seconds_count"), metrics);
        assertTrue(metrics.contains("greenloop_serving_idle_energy_joules_total"), metrics);
    }
}
