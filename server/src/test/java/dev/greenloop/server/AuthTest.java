package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bearer tokens against routes' roles: 401 and 403 as problem details; viewers read, agents ingest, admins do all. */
class AuthTest {

    private static final String SAMPLES = "/api/v1/nodes/n1/samples?zone=DE";

    private final TestServer server = new TestServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noToken_401WithChallengeAsProblem() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nodes", null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"greenloop\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(r, 401, "Authorization");
        assertTrue(JsonPaths.of(r.body()).get("detail").toString().contains("token create"), r.body());
    }

    @Test
    void unknownToken_401InvalidToken() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nodes", "glt_not_a_token");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertProblem(r, 401, "Authorization");
    }

    @Test
    void notBearer_401() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/nodes")).header("Authorization", "Basic dXNlcjpwYXNz").build();
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_request"));
    }

    @Test
    void revokedToken_401() throws Exception {
        var created = server.tokens.create(TokenRole.VIEWER, java.util.Optional.of("laptop"));
        assertEquals(200, server.get("/api/v1/nodes", created.secret()).statusCode());
        server.tokens.revoke("laptop");
        HttpResponse<String> r = server.get("/api/v1/nodes", created.secret());
        assertEquals(401, r.statusCode());
        assertProblem(r, 401, "Authorization");
    }

    @Test
    void viewerPostingSamples_403() throws Exception {
        HttpResponse<String> r = server.post(SAMPLES, server.token(TokenRole.VIEWER), "[]");
        assertEquals(403, r.statusCode());
        assertProblem(r, 403, null);
        assertTrue(JsonPaths.of(r.body()).get("detail").toString().contains("agent or admin"), r.body());
    }

    @Test
    void agentReading_403() throws Exception {
        String agent = server.token(TokenRole.AGENT);
        for (String path : new String[] {"/api/v1/nodes", "/api/v1/runs", "/api/v1/jobs", "/api/openapi.json"}) {
            HttpResponse<String> r = server.get(path, agent);
            assertEquals(403, r.statusCode(), path);
            assertProblem(r, 403, null);
        }
    }

    @Test
    void adminReads_andAgentIngestPassesTheGuard() throws Exception {
        assertEquals(200, server.get("/api/v1/nodes", server.token(TokenRole.ADMIN)).statusCode());
        // Past the guard the body is parsed: a malformed one is the handler's 400, not a 401/403.
        assertEquals(400, server.post(SAMPLES, server.token(TokenRole.AGENT), "{").statusCode());
        assertEquals(400, server.post(SAMPLES, server.token(TokenRole.ADMIN), "{").statusCode());
    }

    @Test
    void health_needsNoToken() throws Exception {
        HttpResponse<String> r = server.get("/health", null);
        assertEquals(200, r.statusCode());
        assertEquals(Map.of("status", "ok", "store", "ok", "agent", "disabled"), JsonPaths.of(r.body()));
    }

    @Test
    void health_503WhenTheStoreIsDown() throws Exception {
        server.store.down = true;
        HttpResponse<String> r = server.get("/health", null);
        assertEquals(503, r.statusCode());
        assertEquals("unavailable", JsonPaths.of(r.body()).get("store"));
    }

    @Test
    void requestLog_namesMethodPathStatus_neverTheTokenNorTheQuery() throws Exception {
        String viewer = server.token(TokenRole.VIEWER);
        server.get("/api/v1/nodes/n1/energy?from=2026-12-05T00:00:00Z&secret=s3cr3t", viewer);
        server.get("/api/v1/nodes", viewer);
        String log = String.join("\n", server.log);
        assertTrue(log.matches("(?s).*GET /api/v1/nodes 200 \\d+ ms.*"), log);
        assertFalse(log.contains(viewer), log);
        assertFalse(log.contains("s3cr3t"), log);
    }

    @Test
    void authNone_refusedOnAnAddressThatIsNotLoopback() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GreenloopServer.refuseOpenWithoutAuth(TestServer.options(false, "0.0.0.0", ServerOptions.Limits.DEFAULT)));
        assertTrue(e.getMessage().contains("--auth none is refused on 0.0.0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TestServer(TestServer.options(false, "0.0.0.0", ServerOptions.Limits.DEFAULT)));
    }

    @Test
    void authNone_onLoopbackServesWithoutToken_andSaysSo() throws Exception {
        try (TestServer open = new TestServer(TestServer.options(false, "127.0.0.1", ServerOptions.Limits.DEFAULT))) {
            assertEquals(200, open.get("/api/v1/nodes", null).statusCode());
            assertTrue(open.log.stream().anyMatch(l -> l.contains("--auth none")), open.log.toString());
        }
        GreenloopServer.refuseOpenWithoutAuth(TestServer.options(false, "::1", ServerOptions.Limits.DEFAULT));
        GreenloopServer.refuseOpenWithoutAuth(TestServer.options(false, "127.0.0.2", ServerOptions.Limits.DEFAULT));
    }

    static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        Map<String, Object> p = JsonPaths.of(r.body());
        assertEquals((double) status, p.get("status"), r.body());
        assertEquals("about:blank", p.get("type"));
        assertTrue(p.get("title") instanceof String && !((String) p.get("title")).isBlank(), r.body());
        assertTrue(p.get("detail") instanceof String && !((String) p.get("detail")).isBlank(), r.body());
        if (field != null) {
            assertEquals(field, p.get("field"), r.body());
        }
    }
}
