package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.cli.Cli;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runs, grid, models and compare pages in a real browser (Debian's Chromium, headless, through chromedriver) against
 * a real {@code greenloop server} with a trace for {@code DE}, over a store that holds a measured run, a scheduled job
 * that ran it, and a lab result. It signs in, visits each page, checks the figures it shows, and saves a screenshot of
 * each (and of the runs page on a phone) under {@code target/screenshots/}. {@code GREENLOOP_BROWSER_TESTS=0} skips it.
 */
class DashboardPagesBrowserIT {

    @TempDir
    Path home;

    @Test
    void signIn_visitRunsGridModelsCompare_seeTheirFigures() throws Exception {
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 1_000_000);
        Path counter = sysfs.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_ZONE", "DE");
        Cli.Result measured = cli.run("measure", "--tag", "team=search", "--", "sh", "-c", "sleep 1.2; echo 37000000 > " + counter);
        assertEquals(0, measured.exitCode(), measured.stderr());
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        StoreConfig store = new StoreConfig(Optional.empty(), home);
        StoredRun run = storeJobAndProfiles(store);
        Path trace = home.resolve("de.csv");
        writeTrace(trace, now);

        String viewer = ServerTests.token(cli, "viewer", "browser");
        int port = ServerTests.freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--no-local-agent", "--trace", "DE=" + trace);
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        WebDriver browser = null;
        try {
            awaitHealth(base, server, err);
            browser = ServerTests.chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

            browser.get(base + "/runs");
            assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
            browser.findElement(By.id("token")).sendKeys(viewer);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));

            browser.findElement(By.linkText("Runs")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/runs"));
            String runs = browser.findElement(By.id("main")).getText();
            assertTrue(runs.contains("nightly-train") && runs.contains("planned-job"), runs);
            assertTrue(runs.contains("team=search"), runs);
            // The job ran in the 100 g/kWh dip; at submission, 300: it saved energy x 200 g/kWh, and says so in grams.
            double kWh = run.outcome().orElseThrow().total().joules() / 3.6e6;
            assertTrue(runs.contains("180 g"), "planned saving: " + runs);
            assertTrue(browser.findElements(By.xpath("//td[@data-label='Saved, actual' and contains(., ' g') and not(contains(., '('))]")).size() == 1,
                    "an actual saving in grams (" + kWh + " kWh x 200 g/kWh): " + runs);
            shot(browser, "runs");

            browser.findElement(By.linkText("Grid")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/grid"));
            wait.until(d -> d.findElements(By.cssSelector(".grid-chart canvas")).size() > 0);
            String grid = browser.findElement(By.id("main")).getText();
            assertTrue(grid.contains("Best 60-minute windows") && grid.contains("100 g/kWh") && grid.contains("DE"), grid);
            String bestStart = now.plus(Duration.ofHours(3)).toString().substring(0, 16).replace('T', ' ');
            assertTrue(grid.contains(bestStart), "the dip 3 h ahead starts at " + bestStart + ": " + grid);
            shot(browser, "grid");

            browser.findElement(By.linkText("Models")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/models"));
            String models = browser.findElement(By.id("main")).getText();
            assertTrue(models.contains("all-minilm-l6-v2") && models.contains("★ on the frontier") && models.contains("120 mJ"), models);
            assertTrue(browser.findElement(By.cssSelector("figure.pareto img")).getSize().getWidth() > 300, "the Pareto chart is drawn");
            browser.findElement(By.partialLinkText("2: compare")).click();
            wait.until(d -> d.getCurrentUrl().contains("/compare?profile=2"));
            shotAfterBack(browser, "models");

            String compare = browser.findElement(By.id("main")).getText();
            assertTrue(compare.contains("ranked by carbon") && compare.contains("gcp:n2-standard-4@europe-west3")
                    && compare.contains("azure:D4_v4@westeurope") && compare.contains("aws:m5.xlarge@us-east-1"), compare);
            assertTrue(compare.contains("on-premises (lab-box)"), compare);
            shot(browser, "compare");

            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(base + "/runs");
            shot(browser, "runs-phone");
            browser.get(base + "/grid");
            wait.until(d -> d.findElements(By.cssSelector(".grid-chart canvas")).size() > 0);
            shot(browser, "grid-phone");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                fail("the server did not stop within 30 s of SIGTERM");
            }
        }
    }

    /** Screenshots the models page: back from the compare page the link led to, then forward again. */
    private static void shotAfterBack(WebDriver browser, String name) throws IOException {
        browser.navigate().back();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/models"));
        shot(browser, name);
        browser.navigate().forward();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/compare?profile=2"));
    }

    /**
     * A job that the measured run (run 1) carried out, planned 5 min before it started into a dip, submitted 3 h before,
     * and a lab result of three variants.
     */
    private static StoredRun storeJobAndProfiles(StoreConfig config) {
        StoredRun run;
        try (Store runs = Stores.open(config)) {
            run = runs.findRun(1).orElseThrow();
        }
        Instant started = run.start().startedAt();
        try (JobStore jobs = Stores.openJobs(config)) {
            JobSpec spec = new JobSpec("planned-job", "nightly-train", started.minus(Duration.ofHours(3)), 1, started.plus(Duration.ofHours(6)), 50,
                    false, 0, 0, List.of("DE"), List.of("sh", "-c", "sleep 1.2"));
            assertTrue(jobs.submit(spec, spec.submittedAt()));
            JobPlan plan = new JobPlan("DE", List.of(new Interval(started.minus(Duration.ofMinutes(5)), started.minus(Duration.ofMinutes(4)))), 120, 300,
                    spec.submittedAt());
            JobProgress done = JobProgress.QUEUED.withPlan(plan).withState("done").withOutcome(1L, 0);
            assertTrue(jobs.update("planned-job", jobs.find("planned-job").orElseThrow().version(), done, started, "test").isPresent());
        }
        try (ProfileStore profiles = Stores.openProfiles(config)) {
            profiles.save("lab profile", List.of(profile("fp32", true, 0.31, 1.0, "C"), profile("int8", false, 0.12, 0.991, "A"),
                    profile("int4", false, 0.15, 0.962, "B")));
        }
        return run;
    }

    private static NewProfile profile(String variant, boolean reference, double joules, double cosine, String label) {
        return new NewProfile(Instant.now(), "lab-box", "all-minilm-l6-v2", variant, "threads=1 workers=1 batch=1 spin=off", 1, 1, 1, 1, false, "ALL",
                200, false, "abc", reference, variant, 3, 0.004, joules, Provenance.MEASURED, 4.5, 6.25, 200, 180, 1, 1e9, 17, 0, 1_000_000,
                OptionalLong.empty(), OptionalDouble.of(cosine), OptionalDouble.of(cosine - 0.01), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0,
                label);
    }

    /**
     * DE hourly from 24 h before the hour to 24 h after: 300 g/kWh, but 100 from 1 h before to 1 h after now (when the
     * measured run ran), and from 3 h to 4 h ahead (the best window).
     */
    private static void writeTrace(Path file, Instant hour) throws IOException {
        StringBuilder b = new StringBuilder("time,value\n");
        for (int h = -24; h < 24; h++) {
            int v = h >= -1 && h < 1 || h == 3 ? 100 : 300;
            b.append(hour.plus(Duration.ofHours(h))).append(',').append(v).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    private static void shot(WebDriver browser, String name) throws IOException {
        // From the top of the page, as a reader first sees it.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        ServerTests.shot(browser, "pages-" + name);
    }

    private static void awaitHealth(String base, Process server, CompletableFuture<String> err) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /health in 30 s");
    }
}
