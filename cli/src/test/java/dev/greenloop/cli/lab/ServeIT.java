package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import dev.greenloop.store.StoreConfig;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop serve} as a process, driven by LangChain4j's OpenAI client and by plain HTTP, against the same model
 * run in this JVM: the same vectors, the energy object, OpenAI-shaped errors, vectors that do not depend on their batch.
 */
class ServeIT {

    private static final String MODEL = "all-minilm-l6-v2";

    @TempDir
    static Path home;

    private static Process process;
    private static CompletableFuture<String> out;
    private static CompletableFuture<String> err;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli cli = new Cli(home).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local"));
        process = cli.start("serve", "--model", MODEL, "--variants", "fp32,int8", "--port", Integer.toString(port), "--auth", "none", "--no-fetch",
                "--max-batch", "16", "--max-wait-ms", "50");
        out = Cli.drain(process.getInputStream());
        err = Cli.drain(process.getErrorStream());
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("serve exited " + process.exitValue() + ": " + err.join() + out.join());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet: the models are loading
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not answer /health in 60 s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.toHandle().destroy(); // SIGTERM, keeping the output streams open (Process.destroy closes them)
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve stops within 30 s of SIGTERM");
            assertEquals(0, process.exitValue(), err.join());
            assertTrue(err.join().contains("= requests"), err.join());
            // What was answered is kept in the store for the report's variant savings, written when serving stopped.
            try (var traffic = dev.greenloop.store.Stores.openServedTraffic(new StoreConfig(Optional.empty(), home))) {
                var rows = traffic.list(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60));
                assertTrue(rows.stream().anyMatch(r -> r.model().equals(MODEL) && r.variant().equals("fp32") && r.queries() > 0 && r.joules() >= 0),
                        rows.toString());
                assertTrue(rows.stream().anyMatch(r -> r.variant().equals("int8") && r.queries() > 0), rows.toString());
            }
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static TextEncoder local(Variant variant) {
        LabService lab = new LabService(new LabConfig(home, Optional.of(Path.of(System.getProperty("maven.repo.local"))), Optional.empty(), false),
                StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())), "test");
        return lab.open(ModelChoice.known(MODEL), variant, RunnerSettings.tuned(), new LabStderr(new PrintWriter(System.err, true)));
    }

    /** Short queries and passages of 3 to 60 words, in several languages. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of("What does one query cost?", "Energy per request, measured.",
                "Der Zug nach Berlin fährt um acht Uhr.", "La vie est belle quand le réseau est propre.", "東京の天気は晴れです。",
                "int8 quantisation changes vectors when batches differ in length"));
        String[] words = "grid carbon power joule batch model vector token query server energy intensity idle core latency".split(" ");
        Random random = new Random(7);
        for (int i = 0; i < 26; i++) {
            int n = 3 + random.nextInt(58);
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < n; w++) {
                b.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            texts.add(b.toString());
        }
        return texts;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void langChain4jClient_getsTheInProcessModelsVectors() {
        OpenAiEmbeddingModel client = OpenAiEmbeddingModel.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("not-needed").modelName(MODEL)
                .build();
        List<String> texts = texts();
        List<Embedding> served = client.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        try (TextEncoder fp32 = local(Variant.FP32)) {
            List<float[]> expected = fp32.embed(texts).vectors();
            assertEquals(texts.size(), served.size());
            double min = 1;
            for (int i = 0; i < texts.size(); i++) {
                min = Math.min(min, cosine(expected.get(i), served.get(i).vector()));
            }
            assertTrue(min >= 0.999999, "minimum cosine to the in-process fp32 model: " + min);
        }
    }

    @Test
    void langChain4jClient_seesOpenAiShapedErrors() {
        OpenAiEmbeddingModel client = OpenAiEmbeddingModel.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("not-needed")
                .modelName("no-such-model").maxRetries(0).build();
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> client.embed("a text"));
        assertTrue(String.valueOf(e.getMessage()).contains("is not served here"), String.valueOf(e.getMessage()));
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/embeddings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static float[] vector(HttpResponse<String> r) throws IOException {
        return floats(Json.flatten(r.body()), "data[0].embedding");
    }

    private static float[] floats(Map<String, Object> body, String key) {
        float[] f = new float[((Number) body.get(key + ".length")).intValue()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) body.get(key + "[" + i + "]")).floatValue();
        }
        return f;
    }

    private static Map<String, Object> get(String path) throws Exception {
        return Json.flatten(HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void plainHttp_concurrentRequestsShareBatches_fp32VectorsDoNotDependOnTheBatch() throws Exception {
        List<String> texts = texts();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String t : texts) {
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/v1/embeddings")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"model\": \"" + MODEL + "\", \"input\": " + quoted(t) + "}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        try (TextEncoder fp32 = local(Variant.FP32)) {
            double min = 1;
            for (int i = 0; i < texts.size(); i++) {
                HttpResponse<String> r = calls.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                float[] alone = fp32.embed(List.of(texts.get(i))).vectors().getFirst();
                min = Math.min(min, cosine(alone, vector(r)));
                Map<String, Object> body = Json.flatten(r.body());
                assertTrue(((Number) body.get("energy.joules")).doubleValue() >= 0, r.body());
                assertTrue(List.of("measured", "derived", "modelled").contains(body.get("energy.provenance")), r.body());
                assertEquals("fp32", body.get("energy.variant"));
                assertTrue(body.containsKey("energy.gramsCO2e") && body.containsKey("energy.joulesMax"), r.body());
                assertTrue(r.headers().firstValue("X-Energy-Joules").isPresent());
            }
            assertTrue(min >= 0.999999, "fp32 served in shared batches vs alone, minimum cosine " + min);
        }
        String metrics = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("greenloop_serving_requests_total{model=\"" + MODEL + "\",status=\"200\",variant=\"fp32\"}"), metrics);
        Map<String, Object> energy = get("/v1/energy");
        double process = ((Number) energy.get("processJoules")).doubleValue();
        double sum = ((Number) energy.get("requestsJoules")).doubleValue() + ((Number) energy.get("idleJoules")).doubleValue();
        assertEquals(process, sum, 1e-5, energy.toString());
    }

    /**
     * The published int8's vectors depend on their batch (one activation scale per tensor): measured here, in this JVM,
     * and the reason the endpoint serves int8 one request at a time, where it matches the model run alone.
     */
    @Test
    void int8_isBatchDependentInProcess_soServedUnbatched_matchingItAlone() throws Exception {
        List<String> texts = texts();
        try (TextEncoder int8 = local(Variant.INT8)) {
            List<float[]> batched = int8.embed(texts).vectors();
            double min = 1;
            double sum = 0;
            double servedMin = 1;
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = int8.embed(List.of(texts.get(i))).vectors().getFirst();
                double c = cosine(alone, batched.get(i));
                min = Math.min(min, c);
                sum += c;
                HttpResponse<String> r = post("{\"model\": \"" + MODEL + ":int8\", \"input\": " + quoted(texts.get(i)) + "}");
                assertEquals(200, r.statusCode(), r.body());
                servedMin = Math.min(servedMin, cosine(alone, vector(r)));
            }
            System.out.printf(Locale.ROOT, "ServeIT: int8 in one batch vs alone over %d texts: mean cosine %.7f, minimum %.7f; served vs alone minimum %.7f%n",
                    texts.size(), sum / texts.size(), min, servedMin);
            assertTrue(servedMin >= 0.999999, "served int8 vs int8 alone, minimum cosine " + servedMin);
            // all the texts in one request: each still runs alone, so each vector is the text's own
            HttpResponse<String> all = post("{\"model\": \"" + MODEL + ":int8\", \"input\": ["
                    + String.join(", ", texts.stream().map(ServeIT::quoted).toList()) + "]}");
            assertEquals(200, all.statusCode(), all.body());
            Map<String, Object> body = Json.flatten(all.body());
            double requestMin = 1;
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = int8.embed(List.of(texts.get(i))).vectors().getFirst();
                requestMin = Math.min(requestMin, cosine(alone, floats(body, "data[" + i + "].embedding")));
            }
            System.out.printf(Locale.ROOT, "ServeIT: int8, %d texts in one request vs each alone: minimum cosine %.7f%n", texts.size(), requestMin);
            assertTrue(requestMin >= 0.999999, "a multi-text int8 request vs each text alone, minimum cosine " + requestMin);
        }
        Map<String, Object> models = get("/v1/models");
        // data: the model (its first variant, fp32), then each variant by name
        assertEquals(MODEL + ":int8", models.get("data[2].id"));
        assertEquals(false, models.get("data[2].batched"));
        assertEquals(true, models.get("data[1].batched"));
        assertEquals("not profiled", models.get("data[2].profile"));
    }
}
