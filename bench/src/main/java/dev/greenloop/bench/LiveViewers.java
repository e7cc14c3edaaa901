package dev.greenloop.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dashboard viewers on live charts: each signs in with a viewer token as a browser does (the sign-in form, its CSRF
 * field, the session cookie) and then reads a node's live stream ({@code /dashboard/nodes/NAME/stream}, server-sent
 * events, one {@code power} event a second while the node sends samples) for a number of seconds, exactly as the node
 * page's {@code EventSource} does. Drawing the chart is the browser's work and is not simulated.
 *
 * <p>Prints, over all viewers after a warm-up: events received against the seconds watched (1 Hz expected), the gaps
 * between a viewer's consecutive events, and the events' age (receipt time minus when the newest sample was sent). Exits 1
 * when a viewer received fewer than 90 % of the events a 1 Hz stream gives or was cut off.
 */
public final class LiveViewers {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern TIME = Pattern.compile("\"t\":([0-9.]+)");

    /** How far after its sending IngestLoad stamps a sample's end: the age counts from the sending. */
    static final long SAMPLE_LEAD_MILLIS = 1000;

    /** Seconds at the start of each stream left out of the figures (sign-in, JIT warm-up). */
    static final int WARM_UP_SECONDS = 10;

    private LiveViewers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LiveViewers URL VIEWER_TOKEN VIEWERS SECONDS NODES  (watches nodes load-0 .. load-(NODES-1))");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        String token = args[1];
        int viewers = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int nodes = Integer.parseInt(args[4]);

        List<Viewer> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int v = 0; v < viewers; v++) {
            Viewer viewer = new Viewer(base, token, "load-" + (v * 7919 % nodes), seconds);
            all.add(viewer);
            threads.add(Thread.ofPlatform().name("viewer-" + v).daemon().start(viewer));
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(seconds + 120));
        }

        long events = 0;
        long watched = 0;
        List<Long> gaps = new ArrayList<>();
        List<Long> ages = new ArrayList<>();
        int short_ = 0;
        for (Viewer v : all) {
            events += v.counted.get();
            watched += v.countedSeconds();
            gaps.addAll(v.gapsMillis);
            ages.addAll(v.agesMillis);
            if (v.failure != null) {
                System.err.println("live: " + v.node + ": " + v.failure);
                short_++;
            } else if (v.counted.get() < 0.9 * v.countedSeconds()) {
                System.err.printf(Locale.ROOT, "live: %s: %d events in %d s%n", v.node, v.counted.get(), v.countedSeconds());
                short_++;
            }
        }
        System.out.printf(Locale.ROOT, "viewers %d on %d nodes for %d s (first %d s of each stream left out)%n", viewers, Math.min(nodes, viewers),
                seconds, WARM_UP_SECONDS);
        System.out.printf(Locale.ROOT, "events %d in %d viewer-seconds: %.3f per viewer per second (1 Hz expected)%n", events, watched,
                watched == 0 ? 0.0 : (double) events / watched);
        System.out.printf(Locale.ROOT, "gap between a viewer's events ms: %s%n", summary(gaps));
        System.out.printf(Locale.ROOT, "event age ms (receipt minus when the newest sample was sent): %s%n", summary(ages));
        System.out.printf(Locale.ROOT, "viewers short of 90 %% of 1 Hz or cut off: %d%n", short_);
        System.exit(short_ == 0 && events > 0 ? 0 : 1);
    }

    private static String summary(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "n %d, p50 %d, p99 %d, max %d", v.length, v[v.length / 2], v[(int) Math.min(v.length - 1, v.length * 0.99)],
                v[v.length - 1]);
    }

    /** One browser: signs in, then reads one node's stream until its time is up. */
    private static final class Viewer implements Runnable {
        final String base;
        final String token;
        final String node;
        final int seconds;
        final AtomicLong counted = new AtomicLong();
        final List<Long> gapsMillis = new ArrayList<>();
        final List<Long> agesMillis = new ArrayList<>();
        volatile long countFromMillis;
        volatile long endMillis;
        volatile String failure;

        Viewer(String base, String token, String node, int seconds) {
            this.base = base;
            this.token = token;
            this.node = node;
            this.seconds = seconds;
        }

        long countedSeconds() {
            return Math.max(0, (endMillis - countFromMillis) / 1000);
        }

        @Override
        public void run() {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            try {
                signIn(client);
                long deadline = System.currentTimeMillis() + seconds * 1000L;
                countFromMillis = System.currentTimeMillis() + WARM_UP_SECONDS * 1000L;
                endMillis = countFromMillis;
                for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
                    HttpResponse<java.util.stream.Stream<String>> stream = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/dashboard/nodes/" + node + "/stream")).header("Accept", "text/event-stream").build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (stream.statusCode() == 404 && attempt < 60) { // the node has not sent its first samples yet
                        stream.body().close();
                        Thread.sleep(500);
                        countFromMillis = System.currentTimeMillis() + WARM_UP_SECONDS * 1000L;
                        continue;
                    }
                    if (stream.statusCode() != 200) {
                        failure = "stream answered " + stream.statusCode();
                        return;
                    }
                    read(stream.body(), deadline);
                    if (System.currentTimeMillis() < deadline) {
                        failure = "the stream ended before its time";
                    }
                    return;
                }
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void read(java.util.stream.Stream<String> lines, long deadline) {
            long[] previous = {-1};
            try (lines) {
                java.util.Iterator<String> it = lines.iterator();
                while (it.hasNext() && System.currentTimeMillis() < deadline) {
                    String line = it.next();
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    endMillis = now;
                    if (now < countFromMillis) {
                        previous[0] = now;
                        continue;
                    }
                    counted.incrementAndGet();
                    if (previous[0] >= 0) {
                        gapsMillis.add(now - previous[0]);
                    }
                    previous[0] = now;
                    Matcher t = TIME.matcher(line);
                    if (t.find()) {
                        agesMillis.add(now - (Math.round(Double.parseDouble(t.group(1)) * 1000) - SAMPLE_LEAD_MILLIS));
                    }
                }
            }
            endMillis = Math.min(System.currentTimeMillis(), deadline);
        }

        private void signIn(HttpClient client) throws IOException, InterruptedException {
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF.matcher(form.body());
            if (!csrf.find()) {
                throw new IOException("the sign-in page (status " + form.statusCode() + ") has no CSRF field");
            }
            String body = "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 303) {
                throw new IOException("sign-in answered " + answer.statusCode() + ", not 303");
            }
        }
    }
}
