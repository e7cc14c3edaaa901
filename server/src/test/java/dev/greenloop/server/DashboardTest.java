package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.TokenRole;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard over HTTP: sign-in, cookie, CSRF, redirects, pages, the live stream, offline assets. */
class DashboardTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final TestServer server = new TestServer();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        server.close();
    }

    /** A browser's state: its cookie and the last page's CSRF token. */
    private final class Browser {
        String cookie;
        String csrf;

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
            if (cookie != null) {
                b.header("Cookie", DashboardRoutes.COOKIE + "=" + cookie);
            }
            return remember(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (cookie != null) {
                b.header("Cookie", DashboardRoutes.COOKIE + "=" + cookie);
            }
            return remember(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        }

        private HttpResponse<String> remember(HttpResponse<String> r) {
            r.headers().firstValue("Set-Cookie").filter(c -> c.startsWith(DashboardRoutes.COOKIE + "="))
                    .ifPresent(c -> cookie = c.substring(DashboardRoutes.COOKIE.length() + 1, c.indexOf(';')));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        HttpResponse<String> signIn(String token) throws Exception {
            get("/login");
            return post("/login", "token=" + enc(token) + "&csrf=" + enc(csrf));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void addNode() {
        Instant t = Instant.parse("2026-12-05T11:59:58Z");
        server.store.ingest(new NodeRegistration("gpu-1", "DE", 1.3, "2x Xeon"), List.of(
                new FleetSample("a", t, 1, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 40, 40),
                new FleetSample("b", t, 1, "core-0", Scope.CORE, Provenance.MEASURED, 30, 30),
                new FleetSample("c", t, 1, "gpu-0", Scope.GPU, Provenance.MODELLED, 200, 200)));
    }

    @Test
    void signedOut_pageRedirectsToLogin() throws Exception {
        Browser b = new Browser();
        for (String path : List.of("/", "/nodes/gpu-1")) {
            HttpResponse<String> r = b.get(path);
            assertEquals(303, r.statusCode(), path);
            assertEquals("/login", r.headers().firstValue("Location").orElseThrow(), path);
        }
        HttpResponse<String> login = b.get("/login");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<form class=\"login\" method=\"post\" action=\"/login\">"), login.body());
    }

    @Test
    void login_goodToken_httpOnlyStrictCookieThenFleetPage() throws Exception {
        addNode();
        Browser b = new Browser();
        b.get("/login");
        String before = b.cookie;
        HttpResponse<String> r = b.post("/login", "token=" + enc(server.token(TokenRole.VIEWER)) + "&csrf=" + enc(b.csrf));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/", r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "no TLS here: " + cookie);
        assertFalse(b.cookie.equals(before), "sign-in gives a new session id");

        HttpResponse<String> fleet = b.get("/");
        assertEquals(200, fleet.statusCode());
        String html = fleet.body();
        assertTrue(html.contains("href=\"/nodes/gpu-1\""), html);
        assertTrue(html.contains("badge-measured") && html.contains("badge-modelled"), "provenance badges: " + html);
        assertTrue(html.contains("240 W"), "node power without the core breakdown: " + html);
        assertTrue(html.contains("Top consumers"), html);
        assertTrue(html.contains("data-refresh="), "the fleet page refreshes itself: " + html);
        assertTrue(fleet.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));

        HttpResponse<String> node = b.get("/nodes/gpu-1");
        assertEquals(200, node.statusCode());
        assertTrue(node.body().contains("data-stream=\"/dashboard/nodes/gpu-1/stream\""), node.body());
        assertTrue(node.body().contains("id=\"history\""), node.body());
        assertEquals(404, b.get("/nodes/nope").statusCode());
    }

    @Test
    void login_badOrAgentToken_401AndNoSession() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = b.signIn("glt_not-a-token");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("unknown or was revoked"), r.body());
        assertEquals(303, b.get("/").statusCode(), "still signed out");
        r = b.signIn(server.token(TokenRole.AGENT));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Agent tokens"), r.body());
    }

    @Test
    void post_withoutOrWithWrongCsrf_403() throws Exception {
        Browser b = new Browser();
        b.get("/login");
        String token = enc(server.token(TokenRole.ADMIN));
        assertEquals(403, b.post("/login", "token=" + token).statusCode(), "sign-in without csrf");
        assertEquals(403, b.post("/login", "token=" + token + "&csrf=wrong").statusCode(), "sign-in with a wrong csrf");
        assertEquals(303, b.signIn(server.token(TokenRole.ADMIN)).statusCode());
        assertEquals(200, b.get("/").statusCode());
        HttpResponse<String> out = b.post("/logout", "");
        assertEquals(403, out.statusCode(), "sign-out without csrf");
        assertTrue(out.body().contains("csrf"), out.body());
        assertEquals(200, b.get("/").statusCode(), "still signed in");
    }

    @Test
    void logout_endsTheSession() throws Exception {
        Browser b = new Browser();
        b.signIn(server.token(TokenRole.VIEWER));
        String session = b.cookie;
        assertEquals(200, b.get("/").statusCode());
        HttpResponse<String> out = b.post("/logout", "csrf=" + enc(b.csrf));
        assertEquals(303, out.statusCode());
        assertEquals("/login", out.headers().firstValue("Location").orElseThrow());
        b.cookie = session;
        assertEquals(303, b.get("/").statusCode(), "the old cookie no longer signs in");
    }

    @Test
    void revokedToken_endsItsSessions() throws Exception {
        Browser b = new Browser();
        var created = server.tokens.create(TokenRole.VIEWER, java.util.Optional.of("soon-revoked"));
        b.signIn(created.secret());
        assertEquals(200, b.get("/").statusCode());
        server.tokens.revoke("soon-revoked");
        assertEquals(303, b.get("/").statusCode(), "the session ends with its token");
    }

    @Test
    void bearerApi_unchanged_andPagesNeedNoBearer() throws Exception {
        assertEquals(401, server.get("/api/v1/nodes", null).statusCode());
        assertEquals(200, server.get("/api/v1/nodes", server.token(TokenRole.VIEWER)).statusCode());
    }

    @Test
    void stream_sendsPowerPointsOfEachComponent() throws Exception {
        addNode();
        Browser b = new Browser();
        b.signIn(server.token(TokenRole.VIEWER));
        HttpRequest req = HttpRequest.newBuilder(server.uri("/dashboard/nodes/gpu-1/stream"))
                .header("Cookie", DashboardRoutes.COOKIE + "=" + b.cookie).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("none");
        assertTrue(type.startsWith("text/event-stream"), type);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String data = null;
            for (String line; (line = in.readLine()) != null && data == null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
            assertEquals("power", event);
            assertTrue(data.contains("\"t\":" + Instant.parse("2026-12-05T11:59:58Z").getEpochSecond()), data);
            assertTrue(data.contains("\"name\":\"gpu-0\"") && data.contains("\"provenance\":\"modelled\"") && data.contains("\"watts\":200.0"), data);
        }
        HttpResponse<String> signedOut = client.send(HttpRequest.newBuilder(server.uri("/dashboard/nodes/gpu-1/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, signedOut.statusCode());
    }

    @Test
    void pagesAndAssets_haveNoExternalUrls() throws Exception {
        addNode();
        Browser b = new Browser();
        String login = b.get("/login").body();
        b.signIn(server.token(TokenRole.VIEWER));
        Pattern url = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"");
        for (String html : List.of(login, b.get("/").body(), b.get("/nodes/gpu-1").body())) {
            Matcher m = url.matcher(html);
            int n = 0;
            while (m.find()) {
                n++;
                String u = m.group(1);
                assertTrue(u.startsWith("/") && !u.startsWith("//") || u.startsWith("#"), "an external URL: " + u);
            }
            assertTrue(n > 3, "the page links its own assets");
            assertFalse(html.contains("http://") || html.contains("https://"), html);
        }
        for (String asset : List.of("/assets/dashboard.css", "/assets/dashboard.js", "/assets/node.js", "/assets/uplot/uPlot.iife.min.js",
                "/assets/uplot/uPlot.min.css")) {
            HttpResponse<String> r = b.get(asset);
            assertEquals(200, r.statusCode(), asset);
            if (!asset.contains("uplot")) {
                assertFalse(r.body().contains("http://") || r.body().contains("https://"), asset);
            }
        }
        assertEquals(404, b.get("/assets/../openapi.json").statusCode());
        assertEquals(404, b.get("/assets/evil.js").statusCode());
    }

    @Test
    void requireAdmin_viewerRefused_adminAllowed() {
        DashboardSessions sessions = new DashboardSessions(java.time.Clock.systemUTC());
        var viewer = sessions.signIn(sessions.anonymous(), server.tokens.create(TokenRole.VIEWER, java.util.Optional.empty()).token(), "v");
        var admin = sessions.signIn(sessions.anonymous(), server.tokens.create(TokenRole.ADMIN, java.util.Optional.empty()).token(), "a");
        ProblemException e = assertThrows(ProblemException.class, () -> DashboardRoutes.requireAdmin(viewer));
        assertEquals(403, e.status());
        assertTrue(e.detail().contains("viewer token '"), e.detail());
        DashboardRoutes.requireAdmin(admin);
    }
}
