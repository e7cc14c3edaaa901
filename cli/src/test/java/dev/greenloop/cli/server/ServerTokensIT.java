package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop server token create|list|revoke} on a real store in a temporary GREENLOOP_HOME, and a real server
 * process that takes the tokens and stops on SIGTERM with exit 0.
 */
class ServerTokensIT {

    @TempDir
    Path home;

    @Test
    void create_printsTheTokenOnce_listShowsNoSecret_revokeByName() throws Exception {
        Cli.Result created = Cli.inProcess(home).run("server", "token", "create", "--role", "viewer", "--name", "laptop");
        assertEquals(0, created.exitCode(), created.stderr());
        String secret = created.stdout().strip();
        assertTrue(secret.startsWith("glt_"), created.stdout());
        assertTrue(created.stderr().contains("shown only once"), created.stderr());

        Cli.Result list = Cli.inProcess(home).run("server", "token", "list", "--json");
        assertEquals(0, list.exitCode(), list.stderr());
        Map<String, Object> tokens = Json.flatten(list.stdout());
        assertEquals("laptop", tokens.get("[0].name"));
        assertEquals("viewer", tokens.get("[0].role"));
        assertNull(tokens.get("[0].revokedAt"));
        assertFalse(list.stdout().contains(secret), "list never shows a secret");
        for (Path f : (Iterable<Path>) Files.walk(home)::iterator) {
            if (Files.isRegularFile(f)) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), "the store keeps no secret: " + f);
            }
        }
        Cli.Result table = Cli.inProcess(home).run("server", "token", "list");
        assertTrue(table.stdout().contains("laptop") && table.stdout().contains("viewer"), table.stdout());

        Cli.Result revoked = Cli.inProcess(home).run("server", "token", "revoke", "laptop");
        assertEquals(0, revoked.exitCode(), revoked.stderr());
        assertTrue(revoked.stdout().contains("revoked viewer token"), revoked.stdout());
        assertTrue(Json.flatten(Cli.inProcess(home).run("server", "token", "list", "--json").stdout()).get("[0].revokedAt") != null);
    }

    @Test
    void revokeUnknown_exit2NamingIt() {
        Cli.Result r = Cli.inProcess(home).run("server", "token", "revoke", "nobody");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no token 'nobody'"), r.stderr());
    }

    @Test
    void createTakenName_exit2() {
        assertEquals(0, Cli.inProcess(home).run("server", "token", "create", "--role", "agent", "--name", "a").exitCode());
        Cli.Result r = Cli.inProcess(home).run("server", "token", "create", "--role", "agent", "--name", "a");
        assertEquals(2, r.exitCode(), r.stderr());
    }

    @Test
    void serverProcess_takesTheTokens_andStopsOnSigtermWithExit0() throws Exception {
        String viewer = Cli.inProcess(home).run("server", "token", "create", "--role", "viewer").stdout().strip();
        Process p = new Cli(home).start("server", "--port", "0", "--no-local-agent");
        CompletableFuture<String> err = Cli.drain(p.getErrorStream());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(line));
            assertTrue(m.find(), line + "\n" + (p.isAlive() ? "" : err.join()));
            URI base = URI.create("http://127.0.0.1:" + m.group(1));
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, client.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, client.send(HttpRequest.newBuilder(base.resolve("/api/v1/nodes")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> nodes = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/nodes")).header("Authorization", "Bearer " + viewer).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, nodes.statusCode(), nodes.body());
            p.toHandle().destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
            assertEquals(0, p.exitValue(), err.join());
            assertFalse(err.join().contains(viewer), "the log never shows a token");
            assertTrue(err.join().contains("GET /api/v1/nodes 200"), err.join());
        } finally {
            p.destroyForcibly();
        }
    }
}
