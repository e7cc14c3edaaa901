package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.report.ReportStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page in a real browser (Debian's Chromium, headless) against a real {@code greenloop server}, over the
 * store the report's command test uses ({@link ReportStores}): it signs in, picks a period, a tag and the unit, reads
 * the report's figures on the page, follows the download links with the page's session (JSON, CSV, PDF, the Impact
 * Framework manifest and the printable page), sees a bad period refused, and saves screenshots under
 * {@code target/screenshots/}. {@code GREENLOOP_BROWSER_TESTS=0} skips it.
 */
class ReportBrowserIT {

    @TempDir
    Path home;

    @Test
    void signIn_pickPeriodAndUnit_seeTheReport_andDownloadEachFormat() throws Exception {
        ReportStores.seedRuns(home);
        ReportStores.seedDisclosure(home);
        Cli cli = new Cli(home);
        String viewer = ServerTests.token(cli, "viewer", "browser");
        int port = ServerTests.freePort();
        String base = "http://127.0.0.1:" + port;
        Process server = cli.start("server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--no-local-agent");
        CompletableFuture<String> err = Cli.drain(server.getErrorStream());
        Cli.drain(server.getInputStream());
        WebDriver browser = null;
        try {
            ServerTests.awaitHealth(base, server, err);
            browser = ServerTests.chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            ServerTests.signIn(browser, base, "/report", viewer);

            browser.findElement(By.linkText("Report")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/report"));
            assertTrue(browser.findElement(By.id("main")).getText().contains("Pick a period"));
            browser.findElement(By.id("f-from")).sendKeys("2026-03-01");
            browser.findElement(By.id("f-to")).sendKeys("2026-03-03");
            new Select(browser.findElement(By.id("f-unit"))).selectByValue("query");
            browser.findElement(By.cssSelector("form.report button[type=submit]")).click();
            wait.until(d -> d.findElements(By.id("report")).size() == 1);
            String report = browser.findElement(By.id("report")).getText();
            // The seeded store: 4 runs (3 + the training run), 4.6 kWh, 750 g location-based; ratings and the Annex XI block.
            assertTrue(report.contains("Energy and carbon report") && report.contains("4 runs"), report);
            assertTrue(report.contains("4.60 kWh") && report.contains("750 gCO2eq"), report);
            assertTrue(report.contains("5/5") && report.contains("4/5") && report.contains("1/5"), "star ratings: " + report);
            assertTrue(report.contains("Model variants served") && report.contains("Annex XI") && report.contains("2.500e+18"), report);
            assertTrue(report.contains("per 1000 queries") || report.contains("1000 queries"), "SCI per query: " + report);
            assertTrue(browser.findElements(By.cssSelector("#report svg")).size() >= 3, "the report's charts are drawn");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            ServerTests.shot(browser, "report");

            // The downloads, with this page's session cookie.
            String cookie = "greenloop_session=" + browser.manage().getCookieNamed("greenloop_session").getValue();
            HttpClient http = HttpClient.newHttpClient();
            String json = get(http, browser.findElement(By.id("download-json")).getAttribute("href"), cookie, "application/json").body();
            assertTrue(json.contains("\"totalJoules\" : 1.656E7") && json.contains("\"trainingDisclosure\""), json);
            assertTrue(json.contains("\"functionalUnit\" : \"query\""), json);
            String csv = get(http, browser.findElement(By.id("download-csv")).getAttribute("href"), cookie, "text/csv").body();
            assertTrue(csv.startsWith("section,subject,key,value,unit,method\r\n") && csv.contains("\r\nenergy,,totalJoules,16560000,J,"), csv);
            String yaml = get(http, browser.findElement(By.id("download-impact")).getAttribute("href"), cookie, "application/yaml").body();
            assertTrue(yaml.contains("method: Sci") && yaml.contains("    \"b\":"), yaml);
            HttpResponse<String> pdf = get(http, browser.findElement(By.id("download-pdf")).getAttribute("href"), cookie, "application/pdf");
            assertTrue(pdf.body().startsWith("%PDF-"), "a PDF");
            assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("greenloop-report-2026-03-01-2026-03-03.pdf"), pdf.headers().toString());
            browser.findElement(By.id("printable")).click();
            wait.until(d -> d.getTitle().startsWith("Greenloop report"));
            String page = browser.findElement(By.tagName("body")).getText();
            assertTrue(page.contains("Energy and carbon report") && page.contains("4.60 kWh"), page);
            assertFalse(browser.getPageSource().contains("<script"), "the printable page has no script");
            ServerTests.shot(browser, "report-printable");

            browser.get(base + "/report?from=2026-03-03&to=2026-03-01");
            String error = browser.findElement(By.id("report-error")).getText();
            assertTrue(error.contains("is not before --to") || error.contains("is not before"), error);
            browser.get(base + "/report?from=March&to=2026-03-01");
            assertTrue(browser.findElement(By.id("report-error")).getText().contains("from 'March' is not a date or time"));
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/report/download?format=xml&from=2026-03-01&to=2026-03-03"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("format: 'xml' is not supported; use json, csv, html, pdf or impact"), bad.body());
        } finally {
            ServerTests.stop(browser, server);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String cookie, String type) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), url + ": " + r.headers());
        return r;
    }
}
