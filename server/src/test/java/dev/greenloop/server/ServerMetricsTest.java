package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greenloop.app.Fleet;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.IngestResult;
import io.javalin.Javalin;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    @Test
    void recordRequest_asJavalinRequestLogger_routeTemplateNotPath_unmatchedFor404_finalStatus() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        Javalin app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.requestLogger.http(metrics::recordRequest);
            config.routes.get("/api/v1/nodes/{node}/energy", ctx -> ctx.result("ok"), Access.PUBLIC);
            config.routes.get("/fails", ctx -> {
                throw new ProblemException(400, "bad", "bad request");
            }, Access.PUBLIC);
            config.routes.exception(ProblemException.class, (e, ctx) -> ctx.status(e.status()));
        });
        app.start();
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals(200, status(base + "/api/v1/nodes/a/energy"));
            assertEquals(200, status(base + "/api/v1/nodes/b/energy"));
            assertEquals(404, status(base + "/nowhere/" + System.nanoTime()));
            assertEquals(400, status(base + "/fails"));
        } finally {
            app.stop();
        }
        try (Fleet fleet = new Fleet(new TotalsFleetStore()); MetricsServer server = new MetricsServer(fleet, metrics, FleetSources::of)) {
            Exposition e = Exposition.parse(server.get(null).body());
            String count = "greenloop_http_request_duration_seconds_count";
            assertEquals(2, e.value(count, Map.of("method", "GET", "route", "/api/v1/nodes/{node}/energy", "status", "200")));
            assertEquals(1, e.value(count, Map.of("method", "GET", "route", ServerMetrics.UNMATCHED_ROUTE, "status", "404")));
            assertEquals(1, e.value(count, Map.of("method", "GET", "route", "/fails", "status", "400")));
            assertEquals(3, e.named(count).size(), "one series per method, route template and status: " + e.named(count));
        }
    }

    @Test
    void recordIngest_batch_lagFromItsNewestSample() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        Instant now = Instant.parse("2026-12-05T09:00:10Z");
        List<FleetSample> batch = List.of(
                new FleetSample("s1", now.minusSeconds(9), 1, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 40, 40),
                new FleetSample("s2", now.minusMillis(2500), 1, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 41, 41),
                new FleetSample("s3", now.minusSeconds(4), 1, "dram-0", Scope.DRAM, Provenance.MEASURED, 5, 5));
        metrics.recordIngest(new IngestResult(2, 1), batch, now);
        try (Fleet fleet = new Fleet(new TotalsFleetStore()); MetricsServer server = new MetricsServer(fleet, metrics, FleetSources::of)) {
            Exposition e = Exposition.parse(server.get(null).body());
            assertEquals(2.5, e.value("greenloop_ingest_lag_seconds_sum", Map.of()));
            assertEquals(2, e.value("greenloop_ingest_samples_total", Map.of("result", "stored")));
            assertEquals(1, e.value("greenloop_ingest_samples_total", Map.of("result", "duplicate")));
        }
    }

    private static int status(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
