package dev.greenloop.testfixtures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A Greenloop server's ingest route on 127.0.0.1, as agents see it: {@code POST /api/v1/nodes/{node}/samples} with a
 * bearer token and a JSON array of samples, answering 202 {@code {"stored","duplicates"}} and skipping ids it has, as
 * the real one does. A test can stop and restart it on the same port, answer chosen statuses next (503, 429 with
 * Retry-After, 400, 401), or hold its answers to catch a client mid-push. Records every request.
 */
public final class FakeIngestServer implements AutoCloseable {

    /** One stored sample. */
    public record Stored(String node, String id, Instant time, double seconds, String component, String scope,
            String provenance, double joules, double watts) {
    }

    /** One request: the node, its query, whether the token was right, the status answered, and how many samples it held. */
    public record Request(String node, String query, String authorization, int status, int samples) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> FIELDS = Set.of("id", "time", "seconds", "component", "scope", "provenance", "joules", "watts");

    private final String token;
    private final int port;
    private HttpServer server;
    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<int[]> next = new ConcurrentLinkedQueue<>();
    private long duplicates;
    private volatile Duration hold = Duration.ZERO;
    private volatile int maxBatch = Integer.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();

    /** Starts on 127.0.0.1 at an ephemeral port, accepting {@code token}. */
    public FakeIngestServer(String token) throws IOException {
        this.token = token;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/api/v1/nodes/", this::handle);
        s.start();
        return s;
    }

    /** @return {@code http://127.0.0.1:PORT} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops listening at once (connections are refused), keeping what was stored, as a server that went away. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port, with what it stored before. */
    public synchronized void restart() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    /** The next {@code times} requests are answered {@code status} (with {@code Retry-After: retryAfterSeconds} if &ge; 0). */
    public void answerNext(int status, int times, int retryAfterSeconds) {
        for (int i = 0; i < times; i++) {
            next.add(new int[] {status, retryAfterSeconds});
        }
    }

    /** Answers 413 to a batch of more than {@code samples} samples, as a server with a batch-length limit does. */
    public void maxBatch(int samples) {
        maxBatch = samples;
    }

    /** Holds every valid batch this long before storing and answering it (a slow server), to catch a client mid-push. */
    public void hold(Duration d) {
        hold = d;
    }

    /** @return how many batches are being held now ({@link #hold}): pushes in flight */
    public int holding() {
        return holding.get();
    }

    /** @return every stored sample, in the order stored */
    public synchronized List<Stored> stored() {
        return List.copyOf(stored.values());
    }

    /** @return the stored joules per component */
    public synchronized Map<String, Double> joulesByComponent() {
        Map<String, Double> sums = new HashMap<>();
        stored.values().forEach(s -> sums.merge(s.component(), s.joules(), Double::sum));
        return sums;
    }

    /** @return how many samples were sent again after they were stored (skipped, as the real server does) */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** @return every request so far, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 6 || !parts[5].equals("samples")) {
                answer(exchange, new Request("", "", auth, 404, 0), 404, problem("no such route " + path), -1);
                return;
            }
            String node = parts[4];
            String query = exchange.getRequestURI().getQuery();
            int[] canned = next.poll();
            if (canned != null) {
                answer(exchange, new Request(node, query, auth, canned[0], 0), canned[0], problem("canned " + canned[0]), canned[1]);
                return;
            }
            if (auth == null || !auth.equals("Bearer " + token)) {
                answer(exchange, new Request(node, query, auth, 401, 0), 401, problem("unknown or revoked token"), -1);
                return;
            }
            List<Stored> batch;
            try {
                batch = parse(node, new String(body, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                answer(exchange, new Request(node, query, auth, 400, 0), 400, problem(e.getMessage()), -1);
                return;
            }
            if (batch.size() > maxBatch) {
                answer(exchange, new Request(node, query, auth, 413, batch.size()), 413,
                        problem("the batch holds %d samples, more than the %d allowed".formatted(batch.size(), maxBatch)), -1);
                return;
            }
            if (!hold.isZero()) {
                holding.incrementAndGet();
                try {
                    Thread.sleep(hold);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    holding.decrementAndGet();
                }
            }
            long fresh = 0;
            long dup = 0;
            synchronized (this) {
                for (Stored s : batch) {
                    if (stored.putIfAbsent(node + "\n" + s.id(), s) == null) {
                        fresh++;
                    } else {
                        dup++;
                    }
                }
                duplicates += dup;
            }
            answer(exchange, new Request(node, query, auth, 202, batch.size()), 202,
                    "{\"stored\":" + fresh + ",\"duplicates\":" + dup + "}", -1);
        }
    }

    private void answer(HttpExchange exchange, Request request, int status, String body, int retryAfter) throws IOException {
        requests.add(request);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 202 ? "application/json" : "application/problem+json");
        if (retryAfter >= 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String problem(String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"fake\",\"detail\":\"" + String.valueOf(detail).replace("\\", "\\\\").replace("\"", "'") + "\"}";
    }

    private static List<Stored> parse(String node, String body) throws IOException {
        List<Stored> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the body is not a JSON array");
            }
            int index = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> f = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    f.put(name, t.isNumeric() ? (Object) p.getDoubleValue() : p.getText());
                }
                for (String field : FIELDS) {
                    if (!f.containsKey(field)) {
                        throw new IOException("[" + index + "]." + field + " is missing");
                    }
                }
                out.add(new Stored(node, (String) f.get("id"), Instant.parse((String) f.get("time")), (Double) f.get("seconds"),
                        (String) f.get("component"), (String) f.get("scope"), (String) f.get("provenance"), (Double) f.get("joules"),
                        (Double) f.get("watts")));
                index++;
            }
        }
        return out;
    }

    @Override
    public void close() {
        stop();
    }
}
