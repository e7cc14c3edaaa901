package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code greenloop server --model} with the real all-MiniLM-L6-v2 (fp32 and int8), carbon-aware on a trace that is dirty
 * now: a viewer token gets int8 for the bare model and fp32 when it names it, through {@code /v1/embeddings}; then the
 * {@code /serving} page in a real browser shows the variant answering and why. Screenshot: target/screenshots/serving.png.
 */
class ServingBrowserIT {

    private static final String MODEL = "all-minilm-l6-v2";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    private static NewProfile profile(String variant, boolean reference, double joules, double cosine) {
        return new NewProfile(Instant.now(), "lab-box", MODEL, variant, "threads=1 workers=2 batch=32 spin=off", 1, 1, 2, 32, false, "ALL", 300, false,
                "docs", reference, variant, 3, 0.004, joules, Provenance.MODELLED, 4.5, 6.25, 300, 180, 1, 0.59e9, 17, 0, 90_000_000,
                OptionalLong.empty(), OptionalDouble.of(cosine), OptionalDouble.of(cosine - 0.02), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0,
                reference ? "E" : "C");
    }

    private static HttpResponse<String> embed(String base, String token, String model) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/embeddings")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model
                        + "\", \"input\": \"how much carbon does this query cost?\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dirtyGrid_bareModelGetsInt8_namedVariantKept_pageShowsWhy() throws Exception {
        WebDriver browser = ServerTests.chromium();
        try (ProfileStore profiles = Stores.openProfiles(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())))) {
            profiles.save("lab profile", List.of(profile("fp32", true, 0.014, 1.0), profile("int8", false, 0.0075, 0.9897)));
        }
        StringBuilder trace = new StringBuilder("Time,Carbon Intensity\n");
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        for (int h = 0; h <= 48; h++) {
            trace.append(from.plus(Duration.ofHours(h)).toString().replace("T", " ").replace("Z", "")).append(",500\n");
        }
        Path de = Files.writeString(home.resolve("de.csv"), trace);
        Cli cli = new Cli(home).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local"));
        String admin = ServerTests.token(cli, "admin", "admin");
        String viewer = ServerTests.token(cli, "viewer", "viewer");
        int port = ServerTests.freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--port", Integer.toString(port), "--no-local-agent", "--trace", "DE=" + de, "--model", MODEL,
                "--variants", "fp32,int8", "--no-fetch", "--serving-zone", "DE", "--carbon-aware", "--quality-floor", "0.98", "--dirty-above", "300");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        CompletableFuture<String> out = Cli.drain(server.getInputStream());
        try {
            awaitHealth(base, server, err);
            HttpResponse<String> bare = embed(base, viewer, MODEL);
            assertEquals(200, bare.statusCode(), bare.body());
            Map<String, Object> body = Json.flatten(bare.body());
            assertEquals("int8", body.get("energy.variant"), "dirty grid (500 > 300): the cheapest variant keeping cosine >= 0.98");
            assertEquals(500.0, ((Number) body.get("energy.intensityGramsPerKWh")).doubleValue());
            assertNotNull(body.get("energy.gramsCO2e"));
            assertEquals(384, ((Number) body.get("data[0].embedding.length")).intValue());
            assertEquals("fp32", Json.flatten(embed(base, viewer, MODEL + ":fp32").body()).get("energy.variant"));

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            browser.get(base + "/login");
            browser.findElement(By.id("token")).sendKeys(admin);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));
            browser.findElement(By.linkText("Serving")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/serving"));
            String now = browser.findElement(By.id("serving-now")).getText();
            assertTrue(now.contains("answered by int8") && now.contains("grid dirty (500 gCO2e/kWh is above 300)"), now);
            assertTrue(browser.findElement(By.id("serving-switches")).getText().contains("Switches since start: 0"));
            ServerTests.shot(browser, "serving");
        } finally {
            browser.quit();
            server.toHandle().destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                fail("the server did not stop within 30 s of SIGTERM");
            }
        }
        assertTrue(out.join().contains("serving all-minilm-l6-v2 (variants fp32,int8) at /v1/embeddings, carbon-aware"), out.join());
    }

    private static void awaitHealth(String base, Process server, CompletableFuture<String> err) throws Exception {
        for (int i = 0; i < 900; i++) {
            if (!server.isAlive()) {
                fail("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet: the models are loading
            }
            Thread.sleep(100);
        }
        fail("the server did not answer /health in 90 s");
    }
}
