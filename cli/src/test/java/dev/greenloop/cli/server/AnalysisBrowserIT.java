package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.RunStores;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Cli;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The node page's analysis in a real browser (Debian's Chromium, headless) against a real {@code greenloop server}: the
 * store holds five weeks of 10-minute samples of {@code this-node} up to now (a daily pattern), a finished run tagged with its
 * queries 40 to 25 minutes ago and a job's run 20 to 10 minutes ago; the built-in agent adds live samples. The test
 * signs in, opens the node page, sees the Analysis section (baseline chart, idle/active, energy per work, daily table)
 * and two bands (the run and the job) on the live chart, reaches a band with the keyboard, and takes screenshots under
 * {@code target/screenshots/} (desktop and phone). {@code GREENLOOP_BROWSER_TESTS=0} skips it.
 */
class AnalysisBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path home;

    @Test
    void nodePage_showsAnalysisAndRunBands() throws Exception {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_BROWSER_TESTS")),
                "GREENLOOP_BROWSER_TESTS=0: the browser test is skipped on purpose");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("no browser for the dashboard test: %s or %s is missing. Install Debian's packages ('sudo apt-get install chromium"
                    + " chromium-driver'), or set GREENLOOP_BROWSER_TESTS=0 to skip this test.".formatted(CHROMIUM, CHROMEDRIVER));
        }
        Files.createDirectories(SHOTS);
        Instant now = Instant.now();
        seed(now);
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 5_000_000);
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_INTERVAL", "1s");
        String viewer = token(cli);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--node", "this-node");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        WebDriver browser = null;
        try {
            awaitServer(base, viewer, server, err);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            browser = new ChromeDriver(service, options);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

            browser.get(base + "/login");
            browser.findElement(By.id("token")).sendKeys(viewer);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));
            browser.get(base + "/nodes/this-node");
            WebElement section = wait.until(d -> d.findElement(By.id("analysis")));
            assertTrue(section.findElement(By.tagName("h2")).getText().contains("Analysis"));
            assertTrue(section.findElement(By.id("baseline-chart")).isDisplayed());
            assertTrue(section.findElements(By.cssSelector("#baseline-chart path.baseline-band")).size() == 1, "the baseline band is drawn");
            assertTrue(section.findElements(By.cssSelector("#baseline-chart path.this-week")).size() == 1, "this week's line is drawn");
            String summary = section.findElement(By.id("baseline-summary")).getText();
            assertTrue(summary.startsWith("This week so far used"), summary);
            String idle = section.findElement(By.id("idle-active")).getText();
            assertTrue(idle.contains("node (total)") && idle.contains("cpu-package-0"), idle);
            String work = section.findElement(By.id("energy-per-work")).getText();
            assertTrue(work.contains("query") && work.contains("nightly-etl") && work.contains("team=search"), work);
            String daily = section.findElement(By.id("daily")).getText();
            assertTrue(daily.contains(now.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10)), daily);

            WebElement chart = browser.findElement(By.id("chart"));
            wait.until(d -> "2".equals(chart.getDomAttribute("data-bands")));
            List<WebElement> bands = chart.findElements(By.cssSelector(".work-band"));
            assertEquals(2, bands.size());
            assertTrue(bands.stream().anyMatch(b -> b.getDomAttribute("aria-label").startsWith("run ") && b.getDomAttribute("aria-label")
                    .contains("serve-embeddings")), "the run's band");
            assertTrue(bands.stream().anyMatch(b -> b.getDomAttribute("class").contains("job")), "the job's band");
            assertTrue(bands.getFirst().getSize().getWidth() > 20, "a band 15 minutes wide on an hour's chart: " + bands.getFirst().getSize());
            assertTrue(section.findElement(By.id("work-status")).getText().startsWith("2 runs and jobs"),
                    section.findElement(By.id("work-status")).getText());
            ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", bands.getFirst());
            assertEquals(bands.getFirst(), browser.switchTo().activeElement(), "a band takes the keyboard focus (tabindex 0)");

            fullPage(browser, 1280, "analysis-node");
            fullPage(browser, 390, "analysis-node-phone");
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

    /**
     * Five weeks of 10-minute samples of cpu-package-0 up to now: 20 W at night, up to 60 W in the afternoon,
     * less at weekends; a run and a job's run in the last hour.
     */
    private void seed(Instant now) {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(35));
        List<FleetSample> samples = new ArrayList<>();
        try (Fleet fleet = Fleet.open(settings)) {
            int i = 0;
            for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(10))) {
                int hour = t.atZone(java.time.ZoneOffset.UTC).getHour();
                int dow = t.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue();
                double day = Math.max(0, Math.sin((hour - 6) / 12.0 * Math.PI));
                double w = 20 + (dow >= 6 ? 15 : 40) * day + (i * 7919 % 11);
                samples.add(new FleetSample("seed-" + i++, t.plus(Duration.ofMinutes(10)), 600, "cpu-package-0", Scope.CPU_PACKAGE,
                        Provenance.MEASURED, w * 600, w));
                if (samples.size() == 2000) {
                    fleet.ingest(new NodeRegistration("this-node", "DE", 1.0, ""), samples);
                    samples.clear();
                }
            }
            fleet.ingest(new NodeRegistration("this-node", "DE", 1.0, ""), samples);
        }
        NodeInfo node = new NodeInfo("this-node", "DE", "", 1);
        long jobRun;
        try (Store store = RunStores.open(settings, note -> { })) {
            long run = store.startRun(new NewRun("serve-embeddings", List.of("serve"), Map.of("queries", "500", "team", "search"),
                    now.minus(Duration.ofMinutes(40)), node));
            store.finishRun(run, outcome(now.minus(Duration.ofMinutes(25)), 54_000));
            jobRun = store.startRun(new NewRun("nightly-etl", List.of("etl"), Map.of(), now.minus(Duration.ofMinutes(20)), node));
            store.finishRun(jobRun, outcome(now.minus(Duration.ofMinutes(10)), 30_000));
        }
        try (JobStore jobs = Stores.openJobs(StoreConfig.fromEnvironment(settings.effectiveEnvironment()))) {
            Instant submitted = now.minus(Duration.ofHours(2));
            jobs.submit(new JobSpec("job-1", "nightly-etl", submitted, 10, now.plus(Duration.ofHours(6)), 30, false, 0, 1, List.of(),
                    List.of("etl")), submitted);
            long version = jobs.find("job-1").orElseThrow().version();
            jobs.update("job-1", version, JobProgress.QUEUED.withState("done").withOutcome(jobRun, 0), now.minus(Duration.ofMinutes(10)), "ran");
        }
    }

    private static RunOutcome outcome(Instant end, double joules) {
        Energy e = Energy.ofJoules(joules);
        return new RunOutcome(end, 0, List.of(new RunComponent("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", "", e, e, e,
                Energy.ofJoules(0))), new RunCarbon("DE", 300, "s", "src", 1, 4, 0));
    }

    /** A screenshot of the whole page at that width: the window is made as tall as the page. */
    private static void fullPage(WebDriver browser, int width, String name) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 900));
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, Math.min(6000, ((Number) height).intValue() + 120)));
        Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitServer(String base, String viewer, Process server, CompletableFuture<String> err) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/this-node"))
                        .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer in 30 s");
    }

    private static String token(Cli cli) {
        Cli.Result r = cli.run("server", "token", "create", "--role", "viewer", "--name", "browser");
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = Pattern.compile("glt_[A-Za-z0-9_-]+").matcher(r.stdout());
        assertTrue(m.find(), "a token on standard output: " + r.stdout());
        return m.group();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
