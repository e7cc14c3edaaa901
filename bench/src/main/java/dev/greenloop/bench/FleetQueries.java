package dev.greenloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fleet query benchmark of README's figures: stores a day of 1 s samples of 4 components for one node through
 * the ingest route (345,600 samples), then times {@code GET /api/v1/nodes/{node}/power} over that day at 1-minute
 * steps and {@code GET /api/v1/nodes/{node}/energy} over it, each {@code ROUNDS} times after 20 warm-up requests, from
 * sending the request to the last byte of the answer.
 *
 * <p>Usage: {@code FleetQueries URL AGENT_TOKEN VIEWER_TOKEN ROUNDS}. Run by {@code bench/ingest.sh query}.
 */
public final class FleetQueries {

    private FleetQueries() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FleetQueries URL AGENT_TOKEN VIEWER_TOKEN ROUNDS");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        int rounds = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant day = Instant.parse("2026-01-15T00:00:00Z");
        String node = "day-0";
        long t0 = System.nanoTime();
        for (int hour = 0; hour < 24; hour++) {
            StringBuilder body = new StringBuilder(3600 * 4 * 180).append('[');
            for (int s = 0; s < 3600; s++) {
                int second = hour * 3600 + s;
                for (int c = 0; c < IngestLoad.COMPONENTS.length; c++) {
                    if (body.length() > 1) {
                        body.append(',');
                    }
                    double joules = 20 + c * 5 + (second % 60) / 8.0;
                    body.append("{\"id\":\"d-").append(second).append('-').append(c).append("\",\"time\":\"")
                            .append(day.plusSeconds(second + 1)).append("\",\"seconds\":1,\"component\":\"")
                            .append(IngestLoad.COMPONENTS[c][0]).append("\",\"scope\":\"").append(IngestLoad.COMPONENTS[c][1])
                            .append("\",\"provenance\":\"measured\",\"joules\":").append(joules).append(",\"watts\":").append(joules).append('}');
                }
                if ((s + 1) % 600 == 0) { // batches of 10 minutes: 2,400 samples
                    body.append(']');
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/" + node + "/samples?zone=DE&pue=1.0"))
                            .header("Authorization", "Bearer " + args[1]).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
                    }
                    body.setLength(0);
                    body.append('[');
                }
            }
        }
        System.out.printf(Locale.ROOT, "stored a day of 1 s samples x 4 components for %s in %.1f s%n", node, (System.nanoTime() - t0) / 1e9);
        String range = "from=" + day + "&to=" + day.plus(Duration.ofDays(1));
        time(client, base + "/api/v1/nodes/" + node + "/power?" + range + "&step=60s", args[2], rounds, "power, a day at 1-minute steps");
        time(client, base + "/api/v1/nodes/" + node + "/energy?" + range, args[2], rounds, "energy, a day");
    }

    private static void time(HttpClient client, String url, String token, int rounds, String what) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
        long[] micros = new long[rounds];
        int bytes = 0;
        for (int i = -20; i < rounds; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            long us = (System.nanoTime() - t) / 1000;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
            }
            bytes = r.body().length();
            if (i >= 0) {
                micros[i] = us;
            }
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%s: %d requests, ms p50 %.1f  p90 %.1f  p99 %.1f  max %.1f (%d bytes)%n", what, rounds,
                micros[rounds / 2] / 1000.0, micros[(int) (rounds * 0.9)] / 1000.0, micros[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)] / 1000.0,
                micros[rounds - 1] / 1000.0, bytes);
    }
}
