package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What the server's process tests share: a token from the real command, a free port, and for the dashboard's browser
 * tests Debian's Chromium, headless, through its chromedriver, with screenshots under {@code target/screenshots/}.
 */
final class ServerTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    private ServerTests() {
    }

    /**
     * A headless Chromium of 1280 × 900. Skips the test when {@code GREENLOOP_BROWSER_TESTS=0}; fails it, saying how to
     * install one, when there is no browser.
     */
    static WebDriver chromium() throws IOException {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_BROWSER_TESTS")),
                "GREENLOOP_BROWSER_TESTS=0: the browser test is skipped on purpose");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("no browser for the dashboard test: %s or %s is missing. Install Debian's packages ('sudo apt-get install chromium"
                    + " chromium-driver'; as root on Debian scripts/chromium-test-setup.sh does it, as .ci/run does), or set"
                    + " GREENLOOP_BROWSER_TESTS=0 to skip this test.".formatted(CHROMIUM, CHROMEDRIVER));
        }
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}. */
    static void shot(WebDriver browser, String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return a new token's secret, as {@code greenloop server token create} prints it */
    static String token(Cli cli, String role, String name) {
        Cli.Result r = cli.run("server", "token", "create", "--role", role, "--name", name);
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = Pattern.compile("glt_[A-Za-z0-9_-]+").matcher(r.stdout());
        assertTrue(m.find(), "a token on standard output: " + r.stdout());
        return m.group();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits up to 30 s for the server's {@code /health} to answer 200; fails with its standard error if it exits. */
    static void awaitHealth(String base, Process server, java.util.concurrent.CompletableFuture<String> err) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                if (client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /health in 30 s");
    }

    /** Opens {@code path}, is sent to the sign-in form, signs in with {@code token} and waits for the fleet page. */
    static void signIn(WebDriver browser, String base, String path, String token) {
        browser.get(base + path);
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        browser.findElement(org.openqa.selenium.By.id("token")).sendKeys(token);
        browser.findElement(org.openqa.selenium.By.cssSelector("form.login button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().equals(base + "/"));
    }

    /** Quits the browser (when one started) and stops the server, failing the test if it outlives SIGTERM by 30 s. */
    static void stop(WebDriver browser, Process server) throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        server.destroy();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
            fail("the server did not stop within 30 s of SIGTERM");
        }
    }
}
