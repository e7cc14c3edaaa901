package dev.greenloop.bench;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fleet ingest benchmark of README's figures: {@code AGENTS} simulated agents each push the samples of 4 components
 * every second to a running {@code greenloop server} for {@code SECONDS}, as {@code greenloop agent} does (one POST of a
 * JSON array per interval, spread evenly over the second); a failed push is retried with the same sample ids, as an
 * agent replays its spool. At the end it compares each node's energy as the server reports it with what was sent, and
 * prints the ingest latency distribution (from sending the request to its 202).
 *
 * <p>Each sample's energy is a multiple of 1/8 J, so sums are exact in binary floating point and "to the joule" means
 * equal.
 *
 * <p>Usage: {@code IngestLoad URL AGENT_TOKEN VIEWER_TOKEN AGENTS SECONDS}. Exit status 0 when no sample was lost or
 * counted twice, 1 otherwise. Run by {@code bench/ingest.sh}.
 */
public final class IngestLoad {

    static final String[][] COMPONENTS = {{"cpu-package-0", "cpu-package"}, {"dram-0", "dram"}, {"core-0", "core"},
            {"gpu-0", "gpu"}};

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

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2)).build();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        long[] latenciesMicros = new long[agents * seconds + 16];
        AtomicLong latencyCount = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong sentBatches = new AtomicLong();
        AtomicLongArray sentEighths = new AtomicLongArray(agents); // energy sent per node, in 1/8 J
        AtomicLong inFlight = new AtomicLong();
        AtomicLong lost = new AtomicLong();

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        long startNanos = System.nanoTime() + Duration.between(Instant.now(), start).toNanos();
        System.err.printf(Locale.ROOT, "ingest: %d agents x %d components, every 1 s for %d s, to %s%n", agents, COMPONENTS.length, seconds, base);
        List<java.util.concurrent.ScheduledFuture<?>> schedules = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            int agent = a;
            long offsetNanos = (long) (1e9 * a / agents); // spread the agents evenly over the second
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Runnable tick = () -> {
                int second = next.getAndIncrement();
                if (second >= seconds) {
                    return;
                }
                Instant end = start.plusSeconds(second + 1).plusNanos(offsetNanos);
                StringBuilder body = new StringBuilder(512).append('[');
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
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/load-" + agent + "/samples?zone=DE&pue=1.0"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + agentToken)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                inFlight.incrementAndGet();
                push(client, request, 0, latenciesMicros, latencyCount, failures).whenComplete((x, e) -> {
                    inFlight.decrementAndGet();
                    if (e != null) {
                        System.err.println("ingest: " + e.getMessage());
                        lost.incrementAndGet();
                    }
                });
                sentBatches.incrementAndGet();
            };
            schedules.add(ticks.scheduleAtFixedRate(tick, Math.max(0, startNanos + offsetNanos - System.nanoTime()), 1_000_000_000L,
                    TimeUnit.NANOSECONDS));
        }
        long lastReport = System.nanoTime();
        while (sentBatches.get() < (long) agents * seconds) {
            Thread.sleep(1000);
            if (System.nanoTime() - lastReport > 30e9) {
                lastReport = System.nanoTime();
                System.err.printf(Locale.ROOT, "ingest: %d of %d batches sent, %d failed tries so far%n", sentBatches.get(),
                        (long) agents * seconds, failures.get());
            }
        }
        while (inFlight.get() > 0) {
            Thread.sleep(100);
        }
        schedules.forEach(f -> f.cancel(false));
        ticks.shutdown();

        int n = (int) Math.min(latencyCount.get(), latenciesMicros.length);
        long[] sorted = Arrays.copyOf(latenciesMicros, n);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "ingest latency ms over %d requests: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f; failed tries %d (retried)%n",
                n, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[n - 1] / 1000.0, failures.get());

        // Every node's energy as the server reports it, against what was sent.
        Instant from = start.minusSeconds(60);
        Instant to = start.plusSeconds(seconds + 120);
        List<String> wrong = new ArrayList<>();
        double sentTotal = 0;
        double storedTotal = 0;
        for (int a = 0; a < agents; a++) {
            HttpRequest q = HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/load-" + a + "/energy?from=" + from + "&to=" + to))
                    .header("Authorization", "Bearer " + viewerToken).GET().build();
            HttpResponse<String> r = client.send(q, HttpResponse.BodyHandlers.ofString());
            double stored = r.statusCode() == 200 ? totalJoules(r.body()) : Double.NaN;
            double sent = sentEighths.get(a) / 8.0;
            sentTotal += sent;
            storedTotal += stored;
            if (stored != sent) {
                wrong.add("load-" + a + ": sent " + sent + " J, server has " + stored + " J (HTTP " + r.statusCode() + ")");
            }
        }
        System.out.printf(Locale.ROOT, "energy: sent %.3f J, server reports %.3f J over %d nodes; %d nodes differ%n", sentTotal, storedTotal,
                agents, wrong.size());
        wrong.stream().limit(10).forEach(System.out::println);
        System.exit(wrong.isEmpty() && lost.get() == 0 ? 0 : 1);
    }

    /** Sends a batch; on a failure or a non-202 answer other than 4xx, sends it again (same ids) after a back-off. */
    private static CompletableFuture<Void> push(HttpClient client, HttpRequest request, int attempt, long[] latencies, AtomicLong count,
            AtomicLong failures) {
        long t0 = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long micros = (System.nanoTime() - t0) / 1000;
            if (error == null && response.statusCode() == 202) {
                long i = count.getAndIncrement();
                if (i < latencies.length) {
                    latencies[(int) i] = micros;
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            failures.incrementAndGet();
            if (error == null && response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                throw new IllegalStateException("the server refused a batch: HTTP " + response.statusCode() + " " + response.body());
            }
            if (attempt >= 20) {
                throw new IllegalStateException("gave up on a batch after 20 tries: "
                        + (error != null ? error.toString() : "HTTP " + response.statusCode()));
            }
            long backoffMillis = Math.min(5000, 100L << Math.min(attempt, 6));
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> push(client, request, attempt + 1, latencies, count, failures));
        }).thenCompose(f -> f);
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
}
