package dev.greenloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fleet ingest benchmark of README's figures: {@code AGENTS} simulated agents each push the samples of 4 components
 * every second to a running {@code greenloop server} for {@code SECONDS}, as {@code greenloop agent} does (one POST of a
 * JSON array per interval, spread evenly over the second); a failed push is retried with the same sample ids, as an
 * agent replays its spool. At the end it compares each node's energy as the server reports it with what was sent, and
 * prints the ingest latency distribution (from sending the request to its 202). Each agent is a virtual thread on a
 * keep-alive connection of its own, writing plain HTTP/1.1, so that the generator takes little of the CPUs it shares with
 * the server and PostgreSQL.
 *
 * <p>Each sample's energy is a multiple of 1/8 J, so the sums sent are exact; a node's total on the server must match to
 * the millijoule (it differs in the last bits of a double where samples are split over minutes), which a lost or
 * duplicated sample (at least 20 J) cannot.
 *
 * <p>Usage: {@code IngestLoad URL AGENT_TOKEN VIEWER_TOKEN AGENTS SECONDS}. Exit status 0 when no sample was lost or
 * counted twice, 1 otherwise. Run by {@code bench/ingest.sh}.
 */
public final class IngestLoad {

    static final String[][] COMPONENTS = {{"cpu-package-0", "cpu-package"}, {"dram-0", "dram"}, {"core-0", "core"},
            {"gpu-0", "gpu"}};

    /**
     * What "equal to the joule" allows, and more: the server sums samples split over minutes by overlap, so a node's
     * total may differ from the sum sent in the last bits of a double (about 1e-11 J on 48 kJ), never by a sample.
     */
    static final double TOLERANCE_JOULES = 1e-3;

    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: IngestLoad URL AGENT_TOKEN VIEWER_TOKEN AGENTS SECONDS");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        String agentToken = args[1];
        String viewerToken = args[2];
        int agents = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        URI uri = URI.create(base);
        long[] latenciesMicros = new long[agents * seconds + 16];
        int[] latencySecond = new int[agents * seconds + 16]; // the interval each request belongs to
        AtomicLong latencyCount = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong sentBatches = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLongArray sentEighths = new AtomicLongArray(agents); // energy sent per node, in 1/8 J

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        long startNanos = System.nanoTime() + Duration.between(Instant.now(), start).toNanos();
        System.err.printf(Locale.ROOT, "ingest: %d agents x %d components, every 1 s for %d s, to %s%n", agents, COMPONENTS.length, seconds, base);
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            int agent = a;
            threads.add(Thread.ofVirtual().name("agent-" + a).start(() -> {
                long offsetNanos = (long) (1e9 * agent / agents); // spread the agents evenly over the second
                Connection connection = new Connection(uri);
                try {
                    for (int second = 0; second < seconds; second++) {
                        long wait = startNanos + offsetNanos + second * 1_000_000_000L - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        Instant end = start.plusSeconds(second + 1).plusNanos(offsetNanos);
                        StringBuilder body = new StringBuilder(768).append('[');
                        long eighths = 0;
                        for (int c = 0; c < COMPONENTS.length; c++) {
                            long e = 8L * (20 + c * 5) + ((agent + second + c) % 8); // 20..36 J in 1/8 J steps
                            if (!COMPONENTS[c][1].equals("core")) {
                                eighths += e; // core is a breakdown of cpu-package: not part of the node total
                            }
                            double joules = e / 8.0;
                            if (c > 0) {
                                body.append(',');
                            }
                            body.append("{\"id\":\"").append(run).append('-').append(agent).append('-').append(second).append('-').append(c)
                                    .append("\",\"time\":\"").append(end).append("\",\"seconds\":1,\"component\":\"").append(COMPONENTS[c][0])
                                    .append("\",\"scope\":\"").append(COMPONENTS[c][1]).append("\",\"provenance\":\"measured\",\"joules\":")
                                    .append(joules).append(",\"watts\":").append(joules).append('}');
                        }
                        body.append(']');
                        sentEighths.addAndGet(agent, eighths);
                        byte[] request = Connection.post("/api/v1/nodes/load-" + agent + "/samples?zone=DE&pue=1.0", agentToken, uri,
                                body.toString());
                        sentBatches.incrementAndGet();
                        for (int attempt = 0; ; attempt++) { // a failed push is sent again, same ids, as an agent replays its spool
                            long t0 = System.nanoTime();
                            int status = connection.exchange(request);
                            if (status == 202) {
                                long i = latencyCount.getAndIncrement();
                                if (i < latenciesMicros.length) {
                                    latenciesMicros[(int) i] = (System.nanoTime() - t0) / 1000;
                                    latencySecond[(int) i] = second;
                                }
                                break;
                            }
                            failures.incrementAndGet();
                            if (status / 100 == 4 && status != 429 || attempt >= 20) {
                                System.err.println("ingest: agent " + agent + " gave up on a batch: status " + status);
                                lost.incrementAndGet();
                                break;
                            }
                            Thread.sleep(Math.min(5000, 100L << Math.min(attempt, 6)));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    connection.close();
                }
            }));
        }
        long lastReport = System.nanoTime();
        for (Thread t : threads) {
            while (t.isAlive()) {
                t.join(1000);
                if (System.nanoTime() - lastReport > 30e9) {
                    lastReport = System.nanoTime();
                    System.err.printf(Locale.ROOT, "ingest: %d of %d batches sent, %d failed tries so far%n", sentBatches.get(),
                            (long) agents * seconds, failures.get());
                }
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        int n = (int) Math.min(latencyCount.get(), latenciesMicros.length);
        System.out.printf(Locale.ROOT, "ingest latency ms over all %s%n", summary(latenciesMicros, latencySecond, n, 0, seconds));
        int warm = Math.min(60, seconds / 10);
        System.out.printf(Locale.ROOT, "ingest latency ms after the first %d s (JIT warm-up, nodes registering): %s%n", warm,
                summary(latenciesMicros, latencySecond, n, warm, seconds));
        for (int m = 0; m * 60 < seconds; m++) {
            System.out.printf(Locale.ROOT, "  minute %d: %s%n", m + 1, summary(latenciesMicros, latencySecond, n, m * 60, Math.min(seconds, m * 60 + 60)));
        }
        System.out.printf(Locale.ROOT, "failed tries %d (retried with the same ids)%n", failures.get());

        // Every node's energy as the server reports it, against what was sent.
        Instant from = start.minusSeconds(60);
        Instant to = start.plusSeconds(seconds + 120);
        List<String> wrong = new ArrayList<>();
        double sentTotal = 0;
        double storedTotal = 0;
        double worst = 0;
        for (int a = 0; a < agents; a++) {
            HttpRequest q = HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/load-" + a + "/energy?from=" + from + "&to=" + to))
                    .header("Authorization", "Bearer " + viewerToken).GET().build();
            HttpResponse<String> r = client.send(q, HttpResponse.BodyHandlers.ofString());
            double stored = r.statusCode() == 200 ? totalJoules(r.body()) : Double.NaN;
            double sent = sentEighths.get(a) / 8.0;
            sentTotal += sent;
            storedTotal += stored;
            worst = Math.max(worst, Math.abs(stored - sent));
            if (!(Math.abs(stored - sent) <= TOLERANCE_JOULES)) {
                wrong.add("load-" + a + ": sent " + sent + " J, server has " + stored + " J (HTTP " + r.statusCode() + ")");
            }
        }
        System.out.printf(Locale.ROOT, "energy: sent %.3f J, server reports %.3f J over %d nodes; largest difference on a node %.3g J;"
                + " %d nodes differ by more than %s J%n", sentTotal, storedTotal, agents, worst, wrong.size(), TOLERANCE_JOULES);
        wrong.stream().limit(10).forEach(System.out::println);
        System.exit(wrong.isEmpty() && lost.get() == 0 ? 0 : 1);
    }

    /** @return the latency distribution of the requests of intervals {@code [from, to)} */
    private static String summary(long[] micros, int[] second, int n, int from, int to) {
        long[] sorted = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (second[i] >= from && second[i] < to) {
                sorted[k++] = micros[i];
            }
        }
        sorted = Arrays.copyOf(sorted, k);
        Arrays.sort(sorted);
        if (k == 0) {
            return "no requests";
        }
        return String.format(Locale.ROOT, "%d requests: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f", k, pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), pct(sorted, 99.9), sorted[k - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    /** Reads {@code "totalJoules": N} from the energy route's JSON. */
    static double totalJoules(String json) {
        int k = json.indexOf("\"totalJoules\"");
        if (k < 0) {
            throw new IllegalStateException("no totalJoules in " + json);
        }
        int colon = json.indexOf(':', k);
        int end = colon + 1;
        while (end < json.length() && ",}] \n".indexOf(json.charAt(end)) < 0 || end == colon + 1) {
            end++;
        }
        return Double.parseDouble(json.substring(colon + 1, end).strip());
    }

    /**
     * One agent's keep-alive HTTP/1.1 connection: a request's bytes out, the status and body in (Content-Length or
     * chunked); reconnects after a failure. Plain sockets on a virtual thread keep the load generator's own CPU small
     * next to the server's on a shared machine.
     */
    static final class Connection {
        private final URI uri;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        Connection(URI uri) {
            this.uri = uri;
        }

        static byte[] post(String path, String token, URI uri, String json) {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }

        /** @return the answer's status, or -1 when the connection failed (it is reopened on the next call) */
        int exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new java.net.Socket(uri.getHost(), uri.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 4096);
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                String status = line();
                int code = Integer.parseInt(status.substring(9, 12));
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String h = line(); !h.isEmpty(); h = line()) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).strip());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                if (chunked) {
                    for (long n = Long.parseLong(line().strip(), 16); n > 0; n = Long.parseLong(line().strip(), 16)) {
                        in.skipNBytes(n);
                        line();
                    }
                    line();
                } else {
                    in.skipNBytes(length);
                }
                if (close) {
                    close();
                }
                return code;
            } catch (IOException | RuntimeException e) {
                close();
                return -1;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a broken connection
                }
                socket = null;
            }
        }
    }
}
