package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recommendation routes' guards, each refusing before any store is opened: viewers see but may not act, every
 * dashboard POST needs the session's CSRF token, API actions need an admin token. (The page and a dry-run accept
 * against a real store are RecommendationsBrowserIT's, in the cli module.)
 */
class RecommendationRoutesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final TestServer server = new TestServer();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String cookie;
    private String csrf;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", DashboardRoutes.COOKIE + "=" + cookie);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").filter(c -> c.startsWith(DashboardRoutes.COOKIE + "="))
                .ifPresent(c -> cookie = c.substring(DashboardRoutes.COOKIE.length() + 1, c.indexOf(';')));
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private void signIn(TokenRole role) throws Exception {
        send(HttpRequest.newBuilder(server.uri("/login")).GET());
        HttpResponse<String> r = postForm("/login", "token=" + enc(server.token(role)) + "&csrf=" + enc(csrf));
        assertEquals(303, r.statusCode(), r.body());
        send(HttpRequest.newBuilder(server.uri("/")).GET());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void viewerSession_withCsrf_mayNotAccept() throws Exception {
        signIn(TokenRole.VIEWER);

        HttpResponse<String> r = postForm("/recommendations/cap-power:cpu-package-0/accept", "csrf=" + enc(csrf));

        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("may only look"), r.body());
    }

    @Test
    void adminSession_withoutCsrf_isRefused() throws Exception {
        signIn(TokenRole.ADMIN);

        for (String path : new String[] {"/recommendations/x/accept", "/recommendations/x/dismiss", "/recommendations/automate"}) {
            HttpResponse<String> r = postForm(path, "apply=on");
            assertEquals(403, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("csrf"), r.body());
        }
    }

    @Test
    void api_viewerToken_mayNotAct() throws Exception {
        String viewer = server.token(TokenRole.VIEWER);
        for (String path : new String[] {"/api/v1/recommendations/x/accept", "/api/v1/recommendations/x/dismiss",
                "/api/v1/recommendations/automation/cap-power"}) {
            HttpResponse<String> r = server.post(path, viewer, "");
            assertEquals(403, r.statusCode(), path + ": " + r.body());
        }
    }

    @Test
    void navigation_listsTheRecommendationsPage() throws Exception {
        signIn(TokenRole.VIEWER);
        HttpResponse<String> fleet = send(HttpRequest.newBuilder(server.uri("/")).GET());
        assertTrue(fleet.body().contains("<a href=\"/recommendations\">Recommendations</a>"), fleet.body());
    }
}
