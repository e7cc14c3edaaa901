package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.AnomalyStore;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.StoredAnomaly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnomalyWatchTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** An in-memory anomaly store with the JDBC store's upsert rule. */
    static final class MemoryStore implements AnomalyStore {
        final Map<String, StoredAnomaly> rows = new ConcurrentHashMap<>();

        @Override
        public void save(StoredAnomaly a) {
            rows.merge(a.id(), a, (old, neu) -> old.open() && !neu.end().isBefore(old.end()) ? neu : old);
        }

        @Override
        public Optional<StoredAnomaly> find(String id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<StoredAnomaly> list(Optional<String> node, Optional<Instant> from, Optional<Instant> to, Optional<Boolean> open, int limit) {
            return rows.values().stream().sorted(Comparator.comparing(StoredAnomaly::start).reversed()).limit(limit).toList();
        }

        @Override
        public String location() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }


    /**
     * A tiny HTTP/1.1 receiver on 127.0.0.1 (the JDK's HttpServer is not readable from this module): one thread, one
     * request per connection; {@code answer} gives the status for each body.
     */
    static final class Receiver implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;

        Receiver(java.util.function.ToIntFunction<String> answer) throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket c = socket.accept()) {
                        c.setSoTimeout(5000);
                        String body = readBody(c.getInputStream());
                        int status = answer.applyAsInt(body);
                        OutputStream out = c.getOutputStream();
                        out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // The socket was closed (the test ended) or a client went away: the loop ends or serves the next.
                    }
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        }

        private static String readBody(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    final MemoryStore store = new MemoryStore();
    final List<String> log = new CopyOnWriteArrayList<>();

    AnomalyWatch watch(AnomalyRules rules, AnomalyWatch.Work work) {
        return new AnomalyWatch(store, rules, work, Optional.empty(), log::add, Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** A 1 Hz power series: {@code watts[i]} ends at T0 + i + 1 s. */
    static void feed(AnomalyWatch w, String node, double... watts) {
        feedFrom(w, node, 0, watts);
    }

    static void feedFrom(AnomalyWatch w, String node, int first, double... watts) {
        List<FleetSample> batch = new ArrayList<>();
        for (int i = 0; i < watts.length; i++) {
            int n = first + i;
            batch.add(new FleetSample("s" + n, T0.plusSeconds(n + 1), 1, "gpu-0", Scope.GPU, Provenance.MEASURED, watts[i], watts[i]));
        }
        w.observe(node, batch);
    }

    /** A noisy steady level: base ± wobble, repeating. */
    static double[] steady(int n, double base, double wobble) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + wobble * ((i * 7) % 5 - 2) / 2.0;
        }
        return v;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    List<StoredAnomaly> stored(AnomalyWatch w) {
        w.close();
        return store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    @Test
    void observe_steadyNoisySeries_opensNothing() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);

        feed(w, "n1", steady(2000, 20, 8));

        assertEquals(List.of(), stored(w));
        assertEquals(0L, w.openedByKind().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void observe_shortExcursion_isOneClosedSpikeWithItsEvidence() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);

        feed(w, "n1", concat(steady(200, 20, 4), new double[] {200, 210, 205}, steady(50, 20, 4)));

        List<StoredAnomaly> rows = stored(w);
        assertEquals(1, rows.size(), rows.toString());
        StoredAnomaly a = rows.getFirst();
        assertEquals("spike", a.kind());
        assertFalse(a.open(), "closed once the series was back to normal");
        assertEquals("gpu-0 power", a.series());
        assertEquals("gpu", a.scope());
        assertEquals(T0.plusSeconds(200), a.start());
        assertEquals(T0.plusSeconds(203), a.end());
        assertTrue(a.evidence().contains("\"unit\":\"W\""), a.evidence());
        assertTrue(a.evidence().contains("\"observed\":205.0"), a.evidence());
        assertTrue(a.evidence().contains("\"baseline\":2"), "the baseline is about 20 W: " + a.evidence());
        assertEquals(1, log.stream().filter(l -> l.contains("anomaly opened: spike on n1 gpu-0 power")).count(), log.toString());
    }

    @Test
    void observe_sustainedJump_isAnOpenLevelShift() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);

        feed(w, "n1", concat(steady(200, 20, 4), steady(60, 200, 10)));

        List<StoredAnomaly> rows = stored(w);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("level_shift", rows.getFirst().kind());
        assertTrue(rows.getFirst().open(), "still away from the baseline");
        assertEquals(T0.plusSeconds(200), rows.getFirst().start());
        assertEquals(Map.of("drift", 0L, "idle_waste", 0L, "level_shift", 0L, "spike", 1L), w.openedByKind(),
                "it opened as a spike and became a level shift");
    }

    @Test
    void observe_levelShiftThatLasts_isAdoptedAsTheNewNormal() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);

        feed(w, "n1", concat(steady(200, 20, 4), steady(400, 200, 10)));

        List<StoredAnomaly> rows = stored(w);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("level_shift", rows.getFirst().kind());
        assertFalse(rows.getFirst().open());
        assertEquals(T0.plusSeconds(200 + AnomalyRules.POWER.adoptPoints()), rows.getFirst().end());
    }

    @Test
    void observe_slowRamp_isDrift() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);
        double[] ramp = new double[3000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 100 + i * 0.05 + ((i * 7) % 5 - 2) * 0.5;
        }

        feed(w, "n1", concat(steady(300, 100, 1), ramp));

        List<StoredAnomaly> rows = stored(w);
        assertEquals(List.of("drift"), rows.stream().map(StoredAnomaly::kind).toList(), rows.toString());
    }

    @Test
    void observe_powerAboveIdleFloorWithNoWork_isIdleWaste() {
        AnomalyWatch w = watch(AnomalyRules.POWER.withIdleWindow(Duration.ofSeconds(30)), node -> AnomalyWatch.Activity.IDLE);

        feed(w, "n1", concat(steady(200, 10, 1), steady(120, 60, 1)));

        List<StoredAnomaly> rows = stored(w);
        StoredAnomaly idle = rows.stream().filter(a -> a.kind().equals("idle_waste")).findFirst().orElseThrow(() -> new AssertionError(rows));
        assertEquals(T0.plusSeconds(200), idle.start());
        assertTrue(idle.open());
        assertTrue(idle.evidence().contains("\"excess_joules\""), idle.evidence());
    }

    @Test
    void observe_samePowerWhileARunIsGoing_isNoIdleWaste() {
        AnomalyWatch busy = watch(AnomalyRules.POWER.withIdleWindow(Duration.ofSeconds(30)), node -> AnomalyWatch.Activity.BUSY);

        feed(busy, "n1", concat(steady(200, 10, 1), steady(120, 60, 1)));

        assertFalse(stored(busy).stream().anyMatch(a -> a.kind().equals("idle_waste")));
    }

    @Test
    void observe_nodeThatRecordsNoWork_isNeverIdleWaste() {
        AnomalyWatch unknown = watch(AnomalyRules.POWER.withIdleWindow(Duration.ofSeconds(30)), AnomalyWatch.Work.UNKNOWN);

        feed(unknown, "n1", concat(steady(200, 10, 1), steady(120, 60, 1)));

        assertFalse(stored(unknown).stream().anyMatch(a -> a.kind().equals("idle_waste")));
    }

    @Test
    void observe_replayedSamples_areSkipped() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);
        feed(w, "n1", steady(200, 20, 4));

        feedFrom(w, "n1", 100, steady(50, 500, 0));

        assertEquals(List.of(), stored(w), "points not after the last one are a replay");
    }

    @Test
    void completedRun_jobTwiceItsUsualEnergy_isAnAnomalyOfItsSeries() {
        AnomalyWatch w = watch(AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN);
        for (int i = 0; i < 20; i++) {
            w.completedRun("n1", "train", T0.plusSeconds(i * 600L), T0.plusSeconds(i * 600L + 300), 30_000 + (i % 3) * 500);
        }

        w.completedRun("n1", "train", T0.plusSeconds(20 * 600L), T0.plusSeconds(20 * 600L + 300), 90_000);

        List<StoredAnomaly> rows = stored(w);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("energy per job 'train'", rows.getFirst().series());
        assertTrue(rows.getFirst().evidence().contains("\"unit\":\"J\""));
    }

    @Test
    void webhook_receiverFailsOnce_getsTheOpeningOnTheRetry() throws IOException, InterruptedException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        try (Receiver receiver = new Receiver(body -> {
            if (calls.incrementAndGet() == 1) {
                return 500;
            }
            bodies.add(body);
            return 204;
        })) {
            AnomalyWebhook hook = new AnomalyWebhook(receiver.url(), log::add, Duration.ofMillis(10), 10);
            AnomalyWatch w = new AnomalyWatch(store, AnomalyRules.POWER, AnomalyWatch.Work.UNKNOWN, hook, log::add,
                    Clock.fixed(T0, ZoneOffset.UTC), null);

            feed(w, "n1", concat(steady(200, 20, 4), steady(10, 200, 4)));
            for (int i = 0; i < 200 && bodies.isEmpty(); i++) {
                Thread.sleep(25);
            }
            w.close();

            assertEquals(1, bodies.size(), "one opening, delivered on the second try: " + bodies);
            assertEquals(2, calls.get());
            String body = bodies.getFirst();
            StoredAnomaly a = store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1).getFirst();
            for (String part : List.of("\"event\":\"anomaly.opened\"", "\"id\":\"" + a.id() + "\"", "\"node\":\"n1\"", "\"component\":\"gpu-0\"",
                    "\"scope\":\"gpu\"", "\"kind\":\"spike\"", "\"start\":\"2026-12-05T10:03:20Z\"", "\"evidence\":{\"unit\":\"W\"",
                    "\"dashboard\":\"/anomalies/" + a.id() + "\"")) {
                assertTrue(body.contains(part), part + " in " + body);
            }
            assertEquals(1L, w.webhookCounts().get("sent"));
        }
    }

    @Test
    void webhook_slowReceiver_dropsPastTheQueueAndCountsThem() throws IOException {
        try (Receiver receiver = new Receiver(body -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 204;
        })) {
            AnomalyWebhook hook = new AnomalyWebhook(receiver.url(), log::add, Duration.ofMillis(10), 2);
            long started = System.nanoTime();
            int queued = 0;
            for (int i = 0; i < 10; i++) {
                queued += hook.send("{}") ? 1 : 0;
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            hook.close();

            assertTrue(queued <= 3, "a queue of 2 (and one in flight) took " + queued);
            assertEquals(10 - queued, hook.dropped());
            assertTrue(tookMillis < 300, "send never waits for the receiver: " + tookMillis + " ms");
            assertTrue(log.stream().anyMatch(l -> l.contains("queue full")), log.toString());
        }
    }

    @Test
    void parse_notAnHttpUrl_isRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnomalyWebhook.parse("--anomaly-webhook", "ftp://x/y"));

        assertTrue(e.getMessage().contains("--anomaly-webhook: 'ftp://x/y'"), e.getMessage());
        assertEquals(URI.create("https://hooks.example.org/g"), AnomalyWebhook.parse("--anomaly-webhook", " https://hooks.example.org/g "));
    }
}
