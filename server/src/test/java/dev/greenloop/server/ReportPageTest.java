package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page and its downloads over HTTP, on a store of one run set up here; auth off (loopback), so no sign-in. */
class ReportPageTest {

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newHttpClient();
    private GreenloopServer server;

    @BeforeEach
    void start() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        Energy e = Energy.ofJoules(3.6e6);
        try (Store store = Stores.open(new StoreConfig(Optional.empty(), home))) {
            long id = store.startRun(new NewRun("train", List.of("python", "train.py"), Map.of("kind", "training"), start, new NodeInfo("node-a", "DE", "x86", 1.0)));
            store.finishRun(id, new RunOutcome(start.plusSeconds(3600), 0, List.of(new RunComponent("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED,
                    "RAPL", "", e, e, e, Energy.ofJoules(0))), new RunCarbon("DE", 400, "average-lifecycle-hourly", "test trace", 1.0, 400, 0)));
        }
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        FakeFleetStore fleet = new FakeFleetStore();
        Clock clock = Clock.fixed(TestServer.NOW, ZoneOffset.UTC);
        ZoneIntensities none = ZoneIntensities.of(Map.of(), Map.of(), () -> Stores.openArchive(new StoreConfig(Optional.empty(), home)), clock);
        server = GreenloopServer.start(new ServerContext(new Fleet(fleet), TestServer.options(false, "127.0.0.1", ServerOptions.Limits.DEFAULT), clock,
                new FakeTokens(fleet), new FakeRecords(), () -> "disabled", System.err::println, none, new ServerMetrics()), settings);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void report_formThenTheReportsHtml_withDownloadLinks() throws Exception {
        HttpResponse<String> empty = get("/report");
        assertEquals(200, empty.statusCode());
        assertTrue(empty.body().contains("Pick a period") && empty.body().contains("aria-current=\"page\">Report<"), empty.body());
        HttpResponse<String> page = get("/report?from=2026-03-01&to=2026-03-03&unit=run");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Energy and carbon report") && page.body().contains("1.00 kWh") && page.body().contains("400 gCO2eq"), page.body());
        assertTrue(page.body().contains("Training runs (EU AI Act, Annex XI)"), page.body());
        assertTrue(page.body().contains("href=\"/report/download?format=pdf&amp;from=2026-03-01&amp;to=2026-03-03&amp;unit=run\""), page.body());
        assertFalse(page.body().contains("<style>"), "the dashboard's policy allows no inline style; the report is styled by dashboard.css");
    }

    @Test
    void report_badFields_400NamingTheValue() throws Exception {
        HttpResponse<String> backwards = get("/report?from=2026-03-03&to=2026-03-01");
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().contains("is not before --to"), backwards.body());
        HttpResponse<String> node = get("/report?from=2026-03-01&to=2026-03-03&node=nope");
        assertEquals(400, node.statusCode());
        assertTrue(node.body().contains("--node nope: no runs of that node") && node.body().contains("node-a"), node.body());
        HttpResponse<String> tag = get("/report?from=2026-03-01&to=2026-03-03&tag=team");
        assertEquals(400, tag.statusCode());
        assertTrue(tag.body().contains("tag &#39;team&#39; is not key=value"), tag.body());
        HttpResponse<String> format = get("/report/download?format=xml&from=2026-03-01&to=2026-03-03");
        assertEquals(400, format.statusCode());
        assertTrue(format.body().contains("format: 'xml' is not supported"), format.body());
    }

    @Test
    void download_eachFormatAsAnAttachment_printablePageInlineWithItsStyles() throws Exception {
        HttpResponse<String> csv = get("/report/download?format=csv&from=2026-03-01&to=2026-03-03");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        assertEquals("attachment; filename=\"greenloop-report-2026-03-01-2026-03-03.csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
        assertTrue(csv.body().contains("\r\nenergy,,totalJoules,3600000,J,"), csv.body());
        HttpResponse<String> json = get("/report/download?format=json&from=2026-03-01&to=2026-03-03");
        assertTrue(json.body().contains("\"totalJoules\" : 3600000.0") && json.body().contains("\"runs\" : 1"), json.body());
        HttpResponse<String> impact = get("/report/download?format=impact&from=2026-03-01&to=2026-03-03");
        assertTrue(impact.body().contains("\"node-a\":") && impact.body().contains("carbon-operational: 400"), impact.body());
        HttpResponse<String> html = get("/report/download?format=html&from=2026-03-01&to=2026-03-03");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Disposition").isEmpty(), "the printable page opens in the browser");
        assertTrue(html.headers().firstValue("Content-Security-Policy").orElse("").contains("style-src 'unsafe-inline'"), html.headers().toString());
        assertTrue(html.body().startsWith("<!DOCTYPE html>") && html.body().contains("<style>") && !html.body().contains("<script"), html.body());
        HttpResponse<byte[]> pdf = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/report/download?format=pdf&from=2026-03-01&to=2026-03-03")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
