package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.store.TokenRole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server on a free loopback port over a {@link FakeFleetStore}, with a client for it; its log lines are kept. */
final class TestServer implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    final FakeFleetStore store = new FakeFleetStore();
    final FakeTokens tokens = new FakeTokens(store);
    final FakeRecords records = new FakeRecords();
    final List<String> log = new CopyOnWriteArrayList<>();
    final GreenloopServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    TestServer() {
        this(options(true, "127.0.0.1", ServerOptions.Limits.DEFAULT));
    }

    TestServer(ServerOptions options) {
        server = GreenloopServer.start(new ServerContext(new Fleet(store), options, Clock.fixed(NOW, ZoneOffset.UTC), tokens, records,
                () -> "disabled", log::add));
    }

    /** A server over {@code fleet} (tokens over a store of their own), logging to {@code log} too. */
    TestServer(Fleet fleet, ServerOptions options, List<String> log) {
        server = GreenloopServer.start(new ServerContext(fleet, options, Clock.fixed(NOW, ZoneOffset.UTC), tokens, records,
                () -> "disabled", line -> {
                    this.log.add(line);
                    log.add(line);
                }));
    }

    static ServerOptions options(boolean auth, String bind, ServerOptions.Limits limits) {
        return new ServerOptions(0, bind, List.of(), List.of(), auth, Optional.empty(), Optional.empty(), false, false, "test-node", limits);
    }

    /** @return a new token's secret */
    String token(TokenRole role) {
        return tokens.create(role, Optional.empty()).secret();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
