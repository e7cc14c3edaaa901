package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/nodes/{node}/analysis}, {@code /daily}, the chart's work route and the node page's section, over a
 * node whose 10:00 hour (UTC, on the test clock's day) is 30 minutes of a run at 100 W, then 30 idle minutes at 40 W.
 */
class AnalysisRoutesTest {

    static final Instant TEN = Instant.parse("2026-12-05T10:00:00Z");

    static void seed(TestServer server) {
        List<FleetSample> samples = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            double w = m < 30 ? 100 : 40;
            samples.add(new FleetSample("s" + m, TEN.plusSeconds(60L * m + 60), 60, "psys", Scope.PSYS, Provenance.MEASURED, w * 60, w));
        }
        server.store.ingest(new NodeRegistration("gpu-1", "DE", 1.0, ""), samples);
        NewRun start = new NewRun("serve", List.of("serve"), Map.of("queries", "600", "team", "search"), TEN, new NodeInfo("gpu-1", "DE", "", 1));
        Energy e = Energy.ofJoules(180_000);
        RunOutcome outcome = new RunOutcome(TEN.plusSeconds(1800), 0, List.of(new RunComponent("psys", Scope.PSYS, Provenance.MEASURED, "", "",
                e, e, e, Energy.ofJoules(0))), new RunCarbon("DE", 300, "s", "src", 1, 15, 0));
        server.records.runs.add(new StoredRun(1, start, RunStatus.FINISHED, Optional.of(outcome)));
    }

    @Test
    void analysis_idleActiveAndEnergyPerQuery() throws Exception {
        try (TestServer server = new TestServer()) {
            seed(server);
            HttpResponse<String> r = server.get("/api/v1/nodes/gpu-1/analysis?from=2026-12-05", server.token(TokenRole.VIEWER));
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> doc = JsonPaths.of(r.body());
            assertEquals("2026-12-05T00:00:00.000Z", doc.get("from"));
            assertEquals("2026-11-07T00:00:00.000Z", doc.get("baseline.from"));
            assertEquals(168, doc.get("baseline.series[0].slots.length"));
            assertEquals("node", doc.get("idleActive[0].series"));
            assertEquals(180_000.0, (Double) doc.get("idleActive[0].activeJoules"), 1e-6);
            assertEquals(72_000.0, (Double) doc.get("idleActive[0].idleJoules"), 1e-6);
            assertEquals(40.0, (Double) doc.get("idleActive[0].idleFloorWatts"), 1e-9);
            assertEquals(0.0, (Double) doc.get("idleActive[0].idleWasteJoules"), 1e-9);
            assertEquals("queries", doc.get("energyPerWork[1].kind"));
            assertEquals(300.0, (Double) doc.get("energyPerWork[1].joulesPerUnit"), 1e-9);
            assertEquals("team=search", doc.get("energyPerWork[0].key"));
            assertEquals("run", doc.get("spans[0].kind"));
            // No samples in the four weeks before: no baseline, said as null.
            assertEquals(null, doc.get("baseline.series[0].deviationPercent"));
        }
    }

    @Test
    void daily_oneRowForToday() throws Exception {
        try (TestServer server = new TestServer()) {
            seed(server);
            HttpResponse<String> r = server.get("/api/v1/nodes/gpu-1/daily", server.token(TokenRole.VIEWER));
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> doc = JsonPaths.of(r.body());
            assertEquals(1, doc.get("days.length"));
            assertEquals("2026-12-05", doc.get("days[0].day"));
            assertEquals(252_000.0, (Double) doc.get("days[0].joules"), 1e-6);
            assertEquals(70.0, (Double) doc.get("days[0].meanWatts"), 1e-9);
            assertEquals(100.0, (Double) doc.get("days[0].peakWatts"), 1e-9);
            assertEquals(1.0, doc.get("days[0].runs"));
            assertEquals(180_000.0, (Double) doc.get("days[0].joulesPerRun"), 1e-9);
            assertTrue((Double) doc.get("days[0].grams") > 0, r.body());
        }
    }

    @Test
    void badInput_problemDetailsNamingTheField() throws Exception {
        try (TestServer server = new TestServer()) {
            seed(server);
            String viewer = server.token(TokenRole.VIEWER);
            HttpResponse<String> bad = server.get("/api/v1/nodes/gpu-1/analysis?from=yesterday", viewer);
            assertEquals(400, bad.statusCode());
            assertEquals("from", JsonPaths.of(bad.body()).get("field"));
            assertTrue(bad.body().contains("'yesterday'"), bad.body());
            HttpResponse<String> backwards = server.get("/api/v1/nodes/gpu-1/daily?from=2026-12-06&to=2026-12-01", viewer);
            assertEquals(400, backwards.statusCode(), backwards.body());
            HttpResponse<String> tooLong = server.get("/api/v1/nodes/gpu-1/analysis?from=2026-01-01", viewer);
            assertEquals(400, tooLong.statusCode(), tooLong.body());
            assertTrue(tooLong.body().contains("31 days"), tooLong.body());
            HttpResponse<String> unknown = server.get("/api/v1/nodes/nope/analysis", viewer);
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("no node 'nope'"), unknown.body());
            assertEquals(401, server.get("/api/v1/nodes/gpu-1/daily", null).statusCode());
        }
    }

    @Test
    void workRoute_andNodePageSection() throws Exception {
        try (TestServer server = new TestServer(TestServer.options(false, "127.0.0.1", ServerOptions.Limits.DEFAULT))) {
            seed(server);
            HttpResponse<String> work = server.get("/dashboard/nodes/gpu-1/work?from=2026-12-05T09:00:00Z", null);
            assertEquals(200, work.statusCode(), work.body());
            Map<String, Object> doc = JsonPaths.of(work.body());
            assertEquals(1, doc.get("spans.length"));
            assertEquals("2026-12-05T10:30:00.000Z", doc.get("spans[0].end"));
            assertEquals(false, doc.get("spans[0].running"));
            assertEquals(0, JsonPaths.of(server.get("/dashboard/nodes/gpu-1/work", null).body()).get("spans.length"),
                    "the last hour (11:00 to 12:00) has no run");
            HttpResponse<String> page = server.get("/nodes/gpu-1", null);
            assertEquals(200, page.statusCode());
            String html = page.body();
            for (String id : List.of("id=\"analysis\"", "id=\"baseline-chart\"", "id=\"idle-active\"", "id=\"energy-per-work\"", "id=\"daily\"",
                    "data-work=\"/dashboard/nodes/gpu-1/work\"", "/dashboard/analysis/analysis.js")) {
                assertTrue(html.contains(id), id + " in " + html);
            }
            assertTrue(html.contains("300 J / query"), html);
            assertEquals(200, server.get("/dashboard/analysis/analysis.js", null).statusCode());
            assertEquals(404, server.get("/dashboard/analysis/other.js", null).statusCode());
        }
    }
}
