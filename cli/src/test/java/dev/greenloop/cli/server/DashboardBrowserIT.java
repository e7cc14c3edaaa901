package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, through its chromedriver, against a real
 * {@code greenloop server} process whose built-in agent samples a fake powercap tree every 200 ms. It signs in, opens
 * the node page, sees the live chart take new points within 3 s, and signs out; screenshots of each page go to
 * {@code target/screenshots/}. Without chromium the test fails saying how to install it; {@code
 * GREENLOOP_BROWSER_TESTS=0} skips it on purpose.
 */
class DashboardBrowserIT {

    @TempDir
    Path home;

    @Test
    void signIn_nodePageChartMovesLive_signOut() throws Exception {
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 5_000_000);
        Path counter = sysfs.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_INTERVAL", "200ms");
        String viewer = ServerTests.token(cli, "viewer", "browser");
        int port = ServerTests.freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--node", "this-node");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        AtomicBoolean running = new AtomicBoolean(true);
        // The fake RAPL counter climbs 20 W with a wobble, so each sample differs and the chart moves.
        Thread counting = Thread.ofVirtual().start(() -> {
            long uj = 5_000_000;
            for (int i = 0; running.get(); i++) {
                uj += 1_000_000 + (i % 5) * 400_000;
                try {
                    Files.writeString(counter, uj + "\n");
                    Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        WebDriver browser = null;
        try {
            awaitNode(base, viewer, server, err);
            browser = ServerTests.chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

            browser.get(base + "/");
            assertTrue(browser.getCurrentUrl().endsWith("/login"), "signed out, / redirects to the sign-in page: " + browser.getCurrentUrl());
            ServerTests.shot(browser, "login");
            WebElement field = browser.findElement(By.id("token"));
            assertEquals(field, browser.switchTo().activeElement(), "the token field has the focus");
            field.sendKeys(viewer);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(base + "/"));
            assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Fleet"));
            assertTrue(browser.findElement(By.cssSelector(".badge-measured")).isDisplayed(), "a provenance badge");
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            assertEquals("Skip to content", browser.switchTo().activeElement().getText(), "the first Tab reaches the skip link");
            ServerTests.shot(browser, "fleet");

            browser.findElement(By.linkText("this-node")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/nodes/this-node"));
            WebElement chart = browser.findElement(By.id("chart"));
            wait.until(d -> chart.findElements(By.tagName("canvas")).size() > 0);
            String first = wait.until(d -> chart.getDomAttribute("data-last"));
            long started = System.nanoTime();
            String later = new WebDriverWait(browser, Duration.ofSeconds(3)).until(d -> {
                String last = chart.getDomAttribute("data-last");
                return last != null && !last.equals(first) ? last : null;
            });
            assertNotEquals(first, later, "the chart took a new point");
            assertTrue(System.nanoTime() - started < 3_500_000_000L);
            assertTrue(browser.findElement(By.id("live-status")).getText().startsWith("Live"), browser.findElement(By.id("live-status")).getText());
            ServerTests.shot(browser, "node");

            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            wait.until(d -> d.findElement(By.id("chart")).getDomAttribute("data-last") != null);
            ServerTests.shot(browser, "node-phone");
            browser.get(base + "/");
            ServerTests.shot(browser, "fleet-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));

            browser.findElement(By.cssSelector("form.signout button")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            browser.get(base + "/nodes/this-node");
            assertTrue(browser.getCurrentUrl().endsWith("/login"), "signed out: pages redirect again");
        } finally {
            running.set(false);
            counting.join();
            if (browser != null) {
                browser.quit();
            }
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                fail("the server did not stop within 30 s of SIGTERM (open live streams must not hold it)");
            }
        }
    }

    /** Waits until the built-in agent stored this node's package. */
    static void awaitNode(String base, String viewer, Process server, CompletableFuture<String> err) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited " + server.exitValue() + ": " + err.join());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/this-node"))
                        .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("package-0")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the built-in agent stored no sample of this-node in 30 s");
    }
}
