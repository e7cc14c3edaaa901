package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Online anomaly detection end to end, in a real browser: a real {@code greenloop server} process whose built-in agent
 * samples a fake powercap tree every 200 ms; the fake RAPL counter climbs at a steady 20 W, then at 200 W (a fault).
 * No anomaly may appear during the steady part; after the fault one must, on the dashboard's anomalies page and on
 * the node page, within 30 s. Screenshots go to {@code target/screenshots/anomalies-*.png}. Setup as in
 * {@link DashboardBrowserIT}; {@code GREENLOOP_BROWSER_TESTS=0} skips it.
 */
class AnomalyBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Pattern ANOMALY = Pattern.compile("\"id\":\"([^\"]+)\",\"node\":\"this-node\",\"series\":\"([^\"]+)\","
            + "\"component\":\"[^\"]*\",\"scope\":\"[^\"]*\",\"kind\":\"([^\"]+)\",\"start\":\"([^\"]+)\"");

    @TempDir
    Path home;

    @Test
    void steadyPowerThenTenfold_anomalyAppearsOnTheAnomaliesAndNodePages() throws Exception {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_BROWSER_TESTS")),
                "GREENLOOP_BROWSER_TESTS=0: the browser test is skipped on purpose");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("no browser for the anomalies test: %s or %s is missing. Install Debian's packages ('sudo apt-get install chromium"
                    + " chromium-driver'), or set GREENLOOP_BROWSER_TESTS=0 to skip this test.".formatted(CHROMIUM, CHROMEDRIVER));
        }
        Files.createDirectories(SHOTS);
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 5_000_000);
        Path counter = sysfs.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        Path next = counter.resolveSibling("energy_uj.next");
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_INTERVAL", "200ms");
        String viewer = ServerTests.token(cli, "viewer", "browser");
        int port = ServerTests.freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--node", "this-node");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        AtomicBoolean running = new AtomicBoolean(true);
        // Microjoules per millisecond: 20 W is 20,000 uJ/ms. The counter follows the wall clock, so every sample's power
        // is the set power whatever the agent's timing.
        AtomicLong ujPerMs = new AtomicLong(20_000);
        Thread counting = Thread.ofVirtual().start(() -> {
            long uj = 5_000_000;
            long last = System.nanoTime();
            while (running.get()) {
                long now = System.nanoTime();
                uj += Math.round((now - last) / 1_000_000.0 * ujPerMs.get());
                last = now;
                try {
                    // Written aside and moved in, so that the agent never reads a half-written counter.
                    Files.writeString(next, uj + "\n");
                    Files.move(next, counter, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(10);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        HttpClient client = HttpClient.newHttpClient();
        WebDriver browser = null;
        try {
            DashboardBrowserIT.awaitNode(base, viewer, server, err);
            Thread.sleep(15_000);
            assertEquals(List.of(), anomalies(client, base, viewer), "no anomaly while the power is steady");
            Instant fault = Instant.now();
            ujPerMs.set(200_000);

            List<String[]> found = List.of();
            for (int i = 0; i < 300 && found.isEmpty(); i++) {
                Thread.sleep(100);
                found = anomalies(client, base, viewer);
            }
            assertEquals(1, found.size(), "one anomaly within 30 s of the fault: " + err.getNow(""));
            String[] a = found.getFirst();
            assertTrue(a[1].endsWith("package-0 power"), a[1]);
            assertTrue(a[2].equals("spike") || a[2].equals("level_shift"), a[2]);
            assertTrue(!Instant.parse(a[3]).isBefore(fault.minusMillis(500)), "it starts at the fault, " + fault + ": " + a[3]);

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            browser = new ChromeDriver(service, options);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            browser.get(base + "/login");
            browser.findElement(By.id("token")).sendKeys(viewer);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));

            browser.findElement(By.linkText("Anomalies")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/anomalies"));
            WebElement link = browser.findElement(By.cssSelector("#anomalies a[href='/anomalies/" + a[0] + "']"));
            WebElement row = link.findElement(By.xpath("./ancestor::tr"));
            assertTrue(row.getText().contains("this-node"), row.getText());
            assertTrue(row.getText().contains("against a baseline of"), row.getText());
            assertEquals("page", browser.findElement(By.linkText("Anomalies")).getDomAttribute("aria-current"));
            ServerTests.shot(browser, "anomalies-page");

            browser.findElement(By.id("node")).sendKeys("other-node");
            browser.findElement(By.cssSelector("form.filter button")).click();
            wait.until(d -> d.getCurrentUrl().contains("node=other-node"));
            assertTrue(browser.findElements(By.id("no-anomalies")).size() == 1, "the filter by node leaves this-node's out");

            browser.get(base + "/anomalies/" + a[0]);
            assertTrue(browser.findElement(By.tagName("h1")).getText().contains("this-node"));
            ServerTests.shot(browser, "anomalies-detail");

            browser.get(base + "/nodes/this-node");
            WebElement section = browser.findElement(By.id("anomalies-h")).findElement(By.xpath(".."));
            assertEquals(1, section.findElements(By.cssSelector("a[href='/anomalies/" + a[0] + "']")).size(), section.getText());
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", section);
            ServerTests.shot(browser, "anomalies-node");
        } finally {
            running.set(false);
            counting.join();
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

    /** @return this-node's anomalies from the API: id, series, kind, start */
    private static List<String[]> anomalies(HttpClient client, String base, String viewer) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/anomalies?node=this-node"))
                .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<String[]> out = new ArrayList<>();
        Matcher m = ANOMALY.matcher(r.body());
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        return out;
    }
}
