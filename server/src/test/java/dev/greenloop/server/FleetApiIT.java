package dev.greenloop.server;

import static dev.greenloop.server.AuthTest.assertProblem;
import static dev.greenloop.server.IngestParsingTest.SAMPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routes that go through the fleet's use cases ({@code Fleet.ingest}, {@code energy}, {@code power}) over the
 * in-memory store: ingest then read back, replays counted once, the issue's JSON keys.
 */
class FleetApiIT {

    private final TestServer server = new TestServer();
    private final String agent = server.token(TokenRole.AGENT);
    private final String viewer = server.token(TokenRole.VIEWER);

    @AfterEach
    void stop() {
        server.close();
    }

    private static String batch(String... ids) {
        return "[" + String.join(",", java.util.Arrays.stream(ids).map(SAMPLE::formatted).toList()) + "]";
    }

    @Test
    void ingest_202StoredThenReplayedAsDuplicates_registersTheNode() throws Exception {
        HttpResponse<String> r = server.post("/api/v1/nodes/n1/samples?zone=DE&pue=1.2&hardware=2x%20Xeon", agent, batch("a", "b"));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(Map.of("stored", 2.0, "duplicates", 0.0), JsonPaths.of(r.body()));
        r = server.post("/api/v1/nodes/n1/samples?zone=DE&pue=1.2&hardware=2x%20Xeon", agent, batch("b", "c"));
        assertEquals(Map.of("stored", 1.0, "duplicates", 1.0), JsonPaths.of(r.body()));
        Map<String, Object> node = JsonPaths.of(server.get("/api/v1/nodes/n1", viewer).body());
        assertEquals("DE", node.get("zone"));
        assertEquals(1.2, node.get("pue"));
        assertEquals("2x Xeon", node.get("hardware"));
    }

    @Test
    void energy_theIssuesKeys() throws Exception {
        server.post("/api/v1/nodes/n1/samples?zone=DE", agent, batch("a"));
        HttpResponse<String> r = server.get("/api/v1/nodes/n1/energy?from=2026-12-05T10:00:00Z&to=2026-12-05T11:00:00Z", viewer);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> e = JsonPaths.of(r.body());
        assertEquals("n1", e.get("node"));
        assertEquals("2026-12-05T10:00:00.000Z", e.get("from"));
        assertEquals("2026-12-05T11:00:00.000Z", e.get("to"));
        assertEquals(12.5, (double) e.get("totalJoules"), 1e-9);
        assertEquals("cpu-package-0", e.get("components[0].name"));
        assertEquals("cpu-package", e.get("components[0].scope"));
        assertEquals("measured", e.get("components[0].provenance"));
        assertEquals(12.5, (double) e.get("components[0].joules"), 1e-9);
        assertTrue(e.get("grams") instanceof Double g && g >= 0, r.body());
        assertEquals(List.of("node", "from", "to", "totalJoules", "components", "grams"),
                e.keySet().stream().map(k -> k.replaceAll("[.\\[].*", "")).distinct().toList());
    }

    @Test
    void power_stepsPerComponent_energyConserved() throws Exception {
        server.post("/api/v1/nodes/n1/samples?zone=DE", agent, batch("a"));
        HttpResponse<String> r = server.get("/api/v1/nodes/n1/power?from=2026-12-05T10:00:00Z&to=2026-12-05T10:02:00Z&step=1m", viewer);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> p = JsonPaths.of(r.body());
        assertEquals(60.0, p.get("stepSeconds"));
        assertEquals("cpu-package-0", p.get("series[0].component"));
        assertEquals(2, p.get("series[0].steps.length"));
        assertEquals(12.5, (double) p.get("series[0].steps[0].joules") + (double) p.get("series[0].steps[1].joules"), 1e-9);
    }

    @Test
    void invalidSampleValue_400NamingTheFieldFromTheFleet() throws Exception {
        HttpResponse<String> r = server.post("/api/v1/nodes/n1/samples?zone=DE", agent, batch("a").replace("\"joules\":12.5", "\"joules\":-1"));
        assertEquals(400, r.statusCode(), r.body());
        assertProblem(r, 400, "[0].joules");
    }

    @Test
    void unknownNode_energy404() throws Exception {
        assertProblem(server.get("/api/v1/nodes/ghost/energy", viewer), 404, "node");
    }
}
