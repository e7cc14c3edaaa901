package dev.greenloop.server;

import static dev.greenloop.server.AuthTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read routes that need only the store's reads: nodes, runs, and the 400s and 404s of every read route. */
class ApiReadTest {

    private final TestServer server = new TestServer();
    private final String viewer = server.token(TokenRole.VIEWER);

    @AfterEach
    void stop() {
        server.close();
    }

    private void addSamples() {
        Instant t = Instant.parse("2026-12-05T10:00:01Z");
        server.store.ingest(new NodeRegistration("gpu-1", "DE", 1.3, "2x Xeon"), List.of(
                new FleetSample("a", t, 1, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 40, 40),
                new FleetSample("b", t, 1, "core-0", Scope.CORE, Provenance.MEASURED, 30, 30),
                new FleetSample("c", t, 1, "gpu-0", Scope.GPU, Provenance.MEASURED, 200, 200)));
    }

    @Test
    void nodes_withZoneLastSeenAndPowerWithoutBreakdowns() throws Exception {
        addSamples();
        HttpResponse<String> r = server.get("/api/v1/nodes", viewer);
        assertEquals(200, r.statusCode());
        Map<String, Object> j = JsonPaths.of(r.body());
        assertEquals(1, j.get(".length"));
        assertEquals("gpu-1", j.get("[0].name"));
        assertEquals("DE", j.get("[0].zone"));
        assertEquals(1.3, j.get("[0].pue"));
        assertEquals("2026-12-05T10:00:01.000Z", j.get("[0].lastSeen"));
        assertEquals(240.0, j.get("[0].watts"), "core-0 is part of cpu-package-0, not added");
        assertEquals(3, j.get("[0].components.length"));
        Map<String, Object> one = JsonPaths.of(server.get("/api/v1/nodes/gpu-1", viewer).body());
        assertEquals("gpu-1", one.get("name"));
    }

    @Test
    void unknownNode_404Problem() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nodes/nope", viewer);
        assertEquals(404, r.statusCode());
        assertProblem(r, 404, "node");
    }

    @Test
    void unknownRoute_404Problem() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nothing-here", viewer);
        assertEquals(404, r.statusCode());
        assertProblem(r, 404, null);
        r = server.get("/api/v1/nothing-here", null);
        assertEquals(404, r.statusCode(), "no route is no route, token or not");
    }

    @Test
    void badTimesAndSteps_400NamingTheParameter() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nodes/gpu-1/energy?from=yesterday", viewer);
        assertEquals(400, r.statusCode());
        assertProblem(r, 400, "from");
        r = server.get("/api/v1/nodes/gpu-1/power?to=2026-13-01T00:00:00Z", viewer);
        assertProblem(r, 400, "to");
        r = server.get("/api/v1/nodes/gpu-1/power?from=2026-12-05T00:00:00Z&to=2026-12-05T01:00:00Z&step=fortnight", viewer);
        assertProblem(r, 400, "step");
        r = server.get("/api/v1/nodes/gpu-1/power?step=-1m", viewer);
        assertProblem(r, 400, "step");
        r = server.get("/api/v1/nodes/gpu-1/energy?from=2026-12-05T02:00:00Z&to=2026-12-05T01:00:00Z", viewer);
        assertProblem(r, 400, "from");
        r = server.get("/api/v1/runs?from=soon", viewer);
        assertProblem(r, 400, "from");
        r = server.get("/api/v1/runs?tag=novalue", viewer);
        assertProblem(r, 400, "tag");
    }

    @Test
    void runs_asTheCliPrintsThem_filteredByNodeTagAndTime() throws Exception {
        server.records.runs.add(run(1, "train", "node-a", Map.of("team", "search"), "2026-12-01T10:00:00Z"));
        server.records.runs.add(run(2, "serve", "node-b", Map.of("team", "ads"), "2026-12-02T10:00:00Z"));
        server.records.runs.add(run(3, "eval", "node-a", Map.of("team", "ads"), "2026-12-03T10:00:00Z"));
        Map<String, Object> all = JsonPaths.of(server.get("/api/v1/runs", viewer).body());
        assertEquals(3, all.get(".length"));
        assertEquals(3.0, all.get("[0].runId"), "newest first");
        assertEquals(List.of(3.0), ids("/api/v1/runs?node=node-a&tag=team=ads"));
        assertEquals(List.of(3.0, 2.0), ids("/api/v1/runs?tag=team%3Dads"));
        assertEquals(List.of(2.0), ids("/api/v1/runs?from=2026-12-02&to=2026-12-03T00:00:00Z"));
        Map<String, Object> one = JsonPaths.of(server.get("/api/v1/runs/2", viewer).body());
        assertEquals("serve", one.get("name"));
        assertEquals("node-b", one.get("node.name"));
        assertProblem(server.get("/api/v1/runs/9", viewer), 404, "id");
        assertProblem(server.get("/api/v1/runs/x", viewer), 400, "id");
    }

    @Test
    void jobs_emptyList_andUnknownJob404() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/jobs", viewer);
        assertEquals(200, r.statusCode());
        assertEquals(0, JsonPaths.of(r.body()).get(".length"));
        assertProblem(server.get("/api/v1/jobs/j-1", viewer), 404, "id");
    }

    private List<Object> ids(String path) throws Exception {
        HttpResponse<String> r = server.get(path, viewer);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> j = JsonPaths.of(r.body());
        return j.entrySet().stream().filter(e -> e.getKey().matches("\\[\\d+]\\.runId")).map(Map.Entry::getValue).toList();
    }

    private static StoredRun run(long id, String name, String node, Map<String, String> tags, String started) {
        NewRun start = new NewRun(name, List.of("python", name + ".py"), tags, Instant.parse(started), new NodeInfo(node, "DE", "x86", 1.0),
                RunKind.MEASURE);
        return new StoredRun(id, start, RunStatus.RUNNING, Optional.empty());
    }

}
