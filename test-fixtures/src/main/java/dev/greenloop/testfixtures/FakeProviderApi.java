package dev.greenloop.testfixtures;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider's API on 127.0.0.1 at an ephemeral port, answering canned bodies in the provider's documented
 * format, and recording every request. Shared by the provider tests and the CLI's end-to-end tests. Never touches the network beyond the loopback interface.
 */
public final class FakeProviderApi implements AutoCloseable {

    /** One answer: status, headers and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** 200 with a JSON body. */
        public static Answer ok(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }

        /** The status with a body and no headers. */
        public static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    /** One request as the server saw it. */
    public record Request(String path, String query, Map<String, List<String>> headers) {
        /** @return the first value of the header, matched case-insensitively; null if absent */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();
    private final Map<String, Long> streams = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong streamed = new java.util.concurrent.atomic.AtomicLong();

    /** Starts the server on 127.0.0.1 at an ephemeral port. */
    public FakeProviderApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests whose path starts with {@code pathPrefix} (the longest matching prefix wins). */
    public FakeProviderApi route(String pathPrefix, Function<Request, Answer> handler) {
        routes.put(pathPrefix, handler);
        return this;
    }

    /**
     * Answers requests whose path starts with {@code pathPrefix} with 200 and a body of {@code bytes} spaces (JSON
     * whitespace), streamed in 64 KiB chunks without a Content-Length, as an endless or oversized answer would come;
     * it stops early when the client goes away. Takes precedence over {@link #route}.
     */
    public FakeProviderApi routeStream(String pathPrefix, long bytes) {
        streams.put(pathPrefix, bytes);
        return this;
    }

    /** @return how many bytes of streamed bodies the clients took (those written before they went away) */
    public long streamedBytes() {
        return streamed.get();
    }

    /** Answers {@code answers} in turn, repeating the last. */
    public static Function<Request, Answer> sequence(Answer... answers) {
        List<Answer> list = List.of(answers);
        int[] next = {0};
        return request -> {
            synchronized (next) {
                return list.get(Math.min(next[0]++, list.size() - 1));
            }
        };
    }

    /** @return {@code http://127.0.0.1:PORT} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return every request so far, in order */
    public List<Request> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /** @return how many requests had a path starting with the prefix */
    public long count(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Request request = new Request(uri.getPath(), uri.getRawQuery(), Map.copyOf(exchange.getRequestHeaders()));
        requests.add(request);
        Long stream = streams.entrySet().stream().filter(e -> uri.getPath().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (stream != null) {
            stream(exchange, stream);
            return;
        }
        Function<Request, Answer> handler = routes.entrySet().stream()
                .filter(e -> uri.getPath().startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(r -> Answer.status(404, "{\"message\":\"no route " + r.path() + "\"}"));
        Answer answer = handler.apply(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stream(HttpExchange exchange, long bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (OutputStream out = exchange.getResponseBody()) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                streamed.addAndGet(n);
            }
        } catch (IOException clientWentAway) {
            // The client stopped reading (as a bounded client does): the answer ends here.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
