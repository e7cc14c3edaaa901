package dev.greenloop.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A live provider's API on 127.0.0.1 at an ephemeral port for the CLI's tests (the carbon module's {@code FakeApi},
 * cut down): canned bodies per path prefix, every request path recorded. Never touches the network.
 */
final class FakeProviderApi implements AutoCloseable {

    /** One answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
    final List<String> paths = new CopyOnWriteArrayList<>();

    FakeProviderApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests whose path starts with {@code prefix} (the longest match wins); the handler gets the path. */
    FakeProviderApi route(String prefix, Function<String, Answer> handler) {
        routes.put(prefix, handler);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        Answer answer = routes.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(e -> e.getValue().apply(path))
                .orElse(new Answer(404, Map.of(), "{\"message\":\"no route " + path + "\"}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
