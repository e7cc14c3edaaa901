package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/openapi.json}: an OpenAPI 3.1 document that names every route the server registers. */
class OpenApiTest {

    @Test
    void everyRegisteredRoute_isInTheDocument() throws Exception {
        try (TestServer server = new TestServer()) {
            HttpResponse<String> r = server.get("/api/openapi.json", server.token(TokenRole.VIEWER));
            assertEquals(200, r.statusCode());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            Map<String, Object> doc = JsonPaths.of(r.body());
            assertEquals("3.1.0", doc.get("openapi"));
            assertEquals("bearer", doc.get("components.securitySchemes.bearer.scheme"));
            List<String> routes = server.server.routes();
            assertFalse(routes.isEmpty());
            List<String> missing = new ArrayList<>();
            for (String route : routes) {
                String[] parts = route.split(" ", 2);
                String key = "paths." + parts[1] + "." + parts[0].toLowerCase(Locale.ROOT) + ".summary";
                if (!doc.containsKey(key) && !DashboardRoutes.isDashboard(parts[1])) {
                    missing.add(route);
                }
            }
            assertTrue(missing.isEmpty(), "routes not in openapi.json: " + missing);
            assertTrue(routes.contains("POST /api/v1/nodes/{node}/samples"), routes.toString());
        }
    }

    @Test
    void onlyHealthOptsOutOfTheToken() throws Exception {
        try (TestServer server = new TestServer()) {
            Map<String, Object> doc = JsonPaths.of(server.get("/api/openapi.json", server.token(TokenRole.VIEWER)).body());
            assertEquals(0, doc.get("paths./health.get.security.length"));
            assertEquals(1, doc.keySet().stream().filter(k -> k.endsWith(".security.length")).count());
        }
    }
}
