package dev.greenloop.carbon.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider's API on 127.0.0.1 at an ephemeral port, answering canned bodies in the provider's documented
 * format, and recording every request. Never touches the network beyond the loopback interface.
 */
final class FakeApi implements AutoCloseable {

    /** One answer: status, headers and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }

        static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    /** One request as the server saw it. */
    record Request(String path, String query, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests whose path starts with {@code pathPrefix} (the longest matching prefix wins). */
    FakeApi route(String pathPrefix, Function<Request, Answer> handler) {
        routes.put(pathPrefix, handler);
        return this;
    }

    /** Answers {@code answers} in turn, repeating the last. */
    static Function<Request, Answer> sequence(Answer... answers) {
        List<Answer> list = List.of(answers);
        int[] next = {0};
        return request -> {
            synchronized (next) {
                return list.get(Math.min(next[0]++, list.size() - 1));
            }
        };
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    long count(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Request request = new Request(uri.getPath(), uri.getRawQuery(), Map.copyOf(exchange.getRequestHeaders()));
        requests.add(request);
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

    @Override
    public void close() {
        server.stop(0);
    }

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A sleeper that records the waits and returns at once. */
    static final class RecordingSleeper implements HttpFetcher.Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** An archive sink that keeps what it is given. */
    static final class ListSink implements ArchiveSink {
        final List<List<LivePoint>> archived = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void archive(List<LivePoint> points) {
            archived.add(points);
        }
    }
}
