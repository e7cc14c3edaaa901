package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.AnomalyRules;
import dev.greenloop.app.AnomalyWatch;
import dev.greenloop.app.Fleet;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/anomalies}, the {@code /anomalies} pages, a node page's list and the anomalies counter. */
class AnomalyRoutesTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path home;

    final FakeFleetStore store = new FakeFleetStore();
    final Fleet fleet = new Fleet(store);
    final List<String> log = new CopyOnWriteArrayList<>();
    AnomalyWatch watch;
    TestServer server;

    /** A server with auth as given (dashboard pages sign in by themselves with auth off), the fleet watched or not. */
    void start(boolean auth, boolean watched) {
        if (watched) {
            watch = new AnomalyWatch(Stores.openAnomalies(new StoreConfig(Optional.empty(), home)), AnomalyRules.POWER,
                    AnomalyWatch.Work.UNKNOWN, Optional.empty(), log::add, Clock.fixed(T0, ZoneOffset.UTC));
            fleet.watch(watch);
        }
        server = new TestServer(fleet, TestServer.options(auth, "127.0.0.1", ServerOptions.Limits.DEFAULT), log);
    }

    @AfterEach
    void stop() {
        server.close();
        if (watch != null) {
            watch.close();
        }
    }

    /** 200 s at a steady 20 W, then 3 s at 200 W, then 20 W again: one spike on gpu-0 of n1. */
    void ingestSpike(String node) {
        List<FleetSample> batch = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            double w = i >= 200 && i < 203 ? 200 : 20 + (i % 3);
            batch.add(new FleetSample("s" + i, T0.plusSeconds(i + 1), 1, "gpu-0", Scope.GPU, Provenance.MEASURED, w, w));
        }
        fleet.ingest(new NodeRegistration(node, "DE", 1.0, ""), batch);
    }

    /** Waits (at most 5 s) until the writer thread stored what the watch found. */
    String awaitAnomalies(String viewer) throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = server.get("/api/v1/anomalies", viewer);
            assertEquals(200, r.statusCode(), r.body());
            if (r.body().contains("\"open\":false")) {
                return r.body();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no closed anomaly stored in 5 s; log: " + log);
    }

    private static String compact(String json) {
        return json.replaceAll("\\s", "");
    }

    @Test
    void list_afterASpike_answersItWithEvidenceAndFilters() throws Exception {
        start(true, true);
        String viewer = server.token(TokenRole.VIEWER);
        ingestSpike("n1");

        String body = awaitAnomalies(viewer);

        assertEquals(1, body.split("\\{\"id\":\"", -1).length - 1, "one anomaly: " + body);
        for (String part : List.of("\"node\":\"n1\"", "\"series\":\"gpu-0 power\"", "\"kind\":\"spike\"", "\"start\":\"2026-12-05T10:03:20Z\"",
                "\"end\":\"2026-12-05T10:03:23Z\"", "\"evidence\":{\"unit\":\"W\"", "\"dashboard\":\"/anomalies/")) {
            assertTrue(body.contains(part), part + " in " + body);
        }
        assertEquals("[]", compact(server.get("/api/v1/anomalies?node=other", viewer).body()));
        assertEquals("[]", compact(server.get("/api/v1/anomalies?open=true", viewer).body()));
        assertEquals(body, server.get("/api/v1/anomalies?open=false&from=2026-12-05T10:03:00Z&to=2026-12-05T11:00:00Z", viewer).body());
        assertEquals("[]", compact(server.get("/api/v1/anomalies?to=2026-12-05T10:00:00Z", viewer).body()));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("greenloop server: anomaly opened: spike on n1 gpu-0 power")), log.toString());
    }

    @Test
    void list_badParameters_areProblemsNamingTheValue() throws Exception {
        start(true, true);
        String viewer = server.token(TokenRole.VIEWER);

        HttpResponse<String> open = server.get("/api/v1/anomalies?open=yes", viewer);
        HttpResponse<String> limit = server.get("/api/v1/anomalies?limit=0", viewer);
        HttpResponse<String> time = server.get("/api/v1/anomalies?from=yesterday", viewer);

        assertEquals(400, open.statusCode());
        assertTrue(open.body().contains("open 'yes' is not true or false"), open.body());
        assertEquals(400, limit.statusCode());
        assertTrue(limit.body().contains("limit '0'"), limit.body());
        assertEquals(400, time.statusCode());
        assertTrue(time.body().contains("from 'yesterday'"), time.body());
        assertEquals(401, server.get("/api/v1/anomalies", null).statusCode());
        assertEquals(403, server.get("/api/v1/anomalies", server.token(TokenRole.AGENT)).statusCode());
    }

    @Test
    void list_withoutDetection_is503SayingSo() throws Exception {
        start(true, false);

        HttpResponse<String> r = server.get("/api/v1/anomalies", server.token(TokenRole.VIEWER));

        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("anomaly detection is not running"), r.body());
    }

    @Test
    void pages_listTheAnomalyNewestFirstAndOnItsNodePage() throws Exception {
        start(false, true);
        ingestSpike("n1");
        String body = awaitAnomalies(null);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
        assertTrue(id.find());

        HttpResponse<String> page = server.get("/anomalies", null);
        HttpResponse<String> filtered = server.get("/anomalies?node=n2", null);
        HttpResponse<String> detail = server.get("/anomalies/" + id.group(1), null);
        HttpResponse<String> missing = server.get("/anomalies/nope", null);
        HttpResponse<String> node = server.get("/nodes/n1", null);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<a href=\"/anomalies\" aria-current=\"page\">Anomalies</a>"), page.body());
        assertTrue(page.body().contains("<a href=\"/anomalies/" + id.group(1) + "\">gpu-0 power</a>"), page.body());
        assertTrue(page.body().contains("<td>spike</td>"), page.body());
        assertTrue(page.body().contains("against a baseline of"), page.body());
        assertTrue(filtered.body().contains("id=\"no-anomalies\""), filtered.body());
        assertEquals(200, detail.statusCode());
        assertTrue(detail.body().contains("spike on n1"), detail.body());
        assertEquals(404, missing.statusCode());
        assertEquals(200, node.statusCode());
        assertTrue(node.body().contains("<h2 id=\"anomalies-h\">Anomalies</h2>"), node.body());
        assertTrue(node.body().contains("/anomalies/" + id.group(1)), node.body());
    }

    @Test
    void metrics_countOpeningsByKind() throws Exception {
        start(true, true);
        ingestSpike("n1");

        String metrics = server.get("/metrics", server.token(TokenRole.VIEWER)).body();

        assertTrue(metrics.contains("greenloop_anomalies_total{kind=\"spike\"} 1.0"), metrics);
        assertTrue(metrics.contains("greenloop_anomalies_total{kind=\"level_shift\"} 0.0"), metrics);
        assertTrue(metrics.contains("greenloop_anomaly_webhook_events_total{outcome=\"dropped\"} 0.0"), metrics);
        assertTrue(metrics.contains("greenloop_anomaly_writes_dropped_total 0.0"), metrics);
    }
}
