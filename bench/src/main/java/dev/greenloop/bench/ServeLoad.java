package dev.greenloop.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on a running {@code greenloop serve} (all-MiniLM-L6-v2 fp32): {@code clients} concurrent HTTP clients, one text
 * per request (or several, as LangChain4j's {@code OpenAiEmbeddingModel.embedAll} sends a list), closed loop (as fast as
 * answers come) or paced at a total rate; then LangChain4j's in-process
 * {@code AllMiniLmL6V2EmbeddingModel} on the same texts in this JVM. Prints throughput per CPU core (texts per CPU second
 * of the server process, read from its {@code /proc/PID/stat}, against texts per CPU second of LangChain4j here),
 * latency percentiles, and the energy check: Σ of the responses' {@code X-Energy-Joules} against the server's
 * {@code /v1/energy} over the same interval (requests, idle, process).
 *
 * <p>Usage: {@code ServeLoad PORT SERVER_PID CLIENTS SECONDS MAX_WORDS [RATE_PER_SECOND [TEXTS_PER_REQUEST]]}; bench/serve-load.sh runs it.
 */
public final class ServeLoad {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?[0-9.eE+-]+)");

    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int maxWords = Integer.parseInt(args[4]);
        double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        int perRequest = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        List<String> texts = LabThroughput.texts(2_000, maxWords, 3);
        HttpClient http = HttpClient.newHttpClient();
        URI embeddings = URI.create("http://127.0.0.1:" + port + "/v1/embeddings");
        URI energy = URI.create("http://127.0.0.1:" + port + "/v1/energy");

        // warm-up: every text once
        for (String t : texts.subList(0, 200)) {
            post(http, embeddings, t);
        }
        double[] before = energy(http, energy);
        double cpuBefore = cpuSeconds(pid);
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        List<double[]> latencies = new ArrayList<>();
        AtomicLong microjoules = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong texted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            double[] mine = new double[1_000_000];
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                long next = System.nanoTime();
                long interval = rate > 0 ? (long) (1e9 * clients / rate) : 0;
                for (int i = client * perRequest; System.nanoTime() < end && n < mine.length; i += clients * perRequest) {
                    if (interval > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        next += interval;
                    }
                    long s = System.nanoTime();
                    List<String> mineNow = new ArrayList<>(perRequest);
                    for (int k = 0; k < perRequest; k++) {
                        mineNow.add(texts.get((i + k) % texts.size()));
                    }
                    HttpResponse<String> r = post(http, embeddings, mineNow);
                    if (r.statusCode() != 200) {
                        refused.incrementAndGet();
                        continue;
                    }
                    mine[n++] = (System.nanoTime() - s) / 1e6;
                    texted.addAndGet(perRequest);
                    microjoules.addAndGet(Math.round(1e6 * Double.parseDouble(r.headers().firstValue("X-Energy-Joules").orElseThrow())));
                }
                mine[mine.length - 1] = n; // the count, in the last slot
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        double[] after = energy(http, energy);
        Matcher label = Pattern.compile("\"provenance\":\"(\\w+)\"").matcher(http.send(HttpRequest.newBuilder(energy).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String provenance = label.find() ? label.group(1) : "unknown";
        double[] all = latencies.stream().flatMapToDouble(a -> Arrays.stream(a, 0, (int) a[a.length - 1])).sorted().toArray();
        int answered = all.length;
        long served = texted.get();
        System.out.printf(Locale.ROOT, "serve: %d clients%s, %d text(s) a request, %d words max, %.1f s: %d requests (%d refused), %.1f req/s, %d texts, server CPU %.2f s = %.1f texts per CPU s%n",
                clients, rate > 0 ? " at %.0f req/s".formatted(rate) : " closed loop", perRequest, maxWords, wall, answered, refused.get(), answered / wall,
                served, cpu, served / cpu);
        System.out.printf(Locale.ROOT, "serve: latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n", pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1]);
        double sum = microjoules.get() / 1e6;
        double requests = after[1] - before[1];
        double idle = after[2] - before[2];
        double process = after[0] - before[0];
        System.out.printf(Locale.ROOT, "serve: energy (%s): sum of X-Energy-Joules %.4f J, server requests %.4f J (%+.3f %%), idle %.4f J, process %.4f J (requests + idle - process = %.6f J)%n",
                provenance, sum, requests, requests == 0 ? 0 : 100 * (sum - requests) / requests, idle, process, requests + idle - process);

        EmbeddingModel lc4j = new AllMiniLmL6V2EmbeddingModel();
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        lc4j.embedAll(segments.subList(0, 200));
        long c0 = cpuNanos();
        long w0 = System.nanoTime();
        lc4j.embedAll(segments);
        double lcCpu = (cpuNanos() - c0) / 1e9;
        double lcWall = (System.nanoTime() - w0) / 1e9;
        System.out.printf(Locale.ROOT, "langchain4j in-process embedAll: %d texts, %.2f s wall, CPU %.2f s = %.1f texts per CPU s; serve / langchain4j per CPU s: %.2fx%n",
                texts.size(), lcWall, lcCpu, texts.size() / lcCpu, (served / cpu) / (texts.size() / lcCpu));
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String text) {
        return post(http, uri, List.of(text));
    }

    /** One text as a JSON string, several as a JSON list (OpenAI's {@code input}). */
    private static HttpResponse<String> post(HttpClient http, URI uri, List<String> texts) {
        List<String> quoted = texts.stream().map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList();
        String input = quoted.size() == 1 ? quoted.getFirst() : "[" + String.join(",", quoted) + "]";
        String body = "{\"model\":\"all-minilm-l6-v2\",\"input\":" + input + "}";
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** processJoules, requestsJoules, idleJoules from /v1/energy. */
    private static double[] energy(HttpClient http, URI uri) throws Exception {
        String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        double[] out = new double[3];
        Matcher m = NUMBER.matcher(body);
        while (m.find()) {
            switch (m.group(1)) {
                case "processJoules" -> out[0] = Double.parseDouble(m.group(2));
                case "requestsJoules" -> out[1] = Double.parseDouble(m.group(2));
                case "idleJoules" -> out[2] = Double.parseDouble(m.group(2));
                default -> { }
            }
        }
        return out;
    }

    /** utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
