package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.recommend.HotPackage;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The recommendations page in a real browser (Debian's Chromium, headless) against a real {@code greenloop server}
 * whose store holds 30 minutes of a CPU package at 90 W and whose sysfs is the fake powercap tree (95 W long-term
 * limit): an admin signs in, sees the cap-power recommendation with its estimated range, accepts it in dry run, sees
 * what would change (the limit file and 95 W → 76 W), and the file on disk is unchanged. A viewer's token may read the
 * API but not act. Screenshots go to {@code target/screenshots/}. {@code GREENLOOP_BROWSER_TESTS=0} skips it.
 */
class RecommendationsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String ID = "cap-power:cpu-package-0";

    @TempDir
    Path home;

    @Test
    void admin_acceptsInDryRun_seesWhatWouldChange_nothingChangedOnDisk() throws Exception {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_BROWSER_TESTS")),
                "GREENLOOP_BROWSER_TESTS=0: the browser test is skipped on purpose");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("no browser for the dashboard test: %s or %s is missing. Install Debian's packages ('sudo apt-get install chromium"
                    + " chromium-driver'), or set GREENLOOP_BROWSER_TESTS=0 to skip this test.".formatted(CHROMIUM, CHROMEDRIVER));
        }
        Files.createDirectories(SHOTS);
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 5_000_000);
        Path limitFile = sysfs.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/constraint_0_power_limit_uw");
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_NVML_LIBRARY", home.resolve("no-nvml.so").toString());
        HotPackage.seed(home, "this-node");
        String admin = token(cli, "admin");
        String viewer = token(cli, "viewer");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--node", "this-node", "--no-local-agent");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        WebDriver browser = null;
        try {
            HttpResponse<String> listed = awaitApi(base + "/api/v1/recommendations", viewer, server, err);
            assertTrue(listed.body().replaceAll("\\s", "").contains("\"id\":\"" + ID + "\""), listed.body());
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/recommendations/"
                    + ID + "/accept")).header("Authorization", "Bearer " + viewer).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), "viewers see, admins act: " + refused.body());

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            browser = new ChromeDriver(service, options);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

            browser.get(base + "/login");
            browser.findElement(By.id("token")).sendKeys(admin);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));
            browser.findElement(By.linkText("Recommendations")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/recommendations"));
            WebElement row = browser.findElement(By.id(ID));
            assertTrue(row.getText().contains("cap-power") && row.getText().contains("1.18 (0.00–2.35)") && row.getText().contains("open"),
                    row.getText());
            shot(browser, "recommendations");

            WebElement apply = row.findElement(By.cssSelector("form.accept input[name=apply]"));
            assertTrue(!apply.isSelected(), "dry run is the default: 'apply' starts unticked");
            row.findElement(By.cssSelector("form.accept button[type=submit]")).click();
            WebElement result = wait.until(d -> d.findElement(By.id("result")));
            assertTrue(result.getText().contains("Dry run: nothing was changed"), result.getText());
            assertTrue(result.getText().contains("Would change cpu-package-0 long_term (" + limitFile + "): 95 W -> 76 W"), result.getText());
            assertEquals("open", browser.findElement(By.id(ID)).findElement(By.cssSelector(".status")).getText(), "still open after a dry run");
            assertEquals("95000000", Files.readString(limitFile).strip(), "nothing changed on disk");
            shot(browser, "recommendations-dry-run");
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

    private static void shot(WebDriver browser, String name) throws IOException {
        Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the server answers the route with 200 (at most 30 s). */
    private static HttpResponse<String> awaitApi(String url, String token, Process server, CompletableFuture<String> err) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer " + url + " in 30 s");
    }

    private static String token(Cli cli, String role) {
        Cli.Result r = cli.run("server", "token", "create", "--role", role, "--name", role);
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
