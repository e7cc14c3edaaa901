package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet store under load on a real PostgreSQL (embedded, on the same machine as the test): many agents pushing
 * four components every second at once, and a node's day read at 1-minute steps. Prints what it measured; asserts
 * exact totals and the read target (100 ms), and a loose bound on ingest latency (the machine is shared; the
 * benchmark under bench/ is what measures the 50 ms target).
 */
class PostgresqlFleetLoadIT {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("load");

    static final List<String> COMPONENTS = List.of("cpu-package-0", "dram-0", "gpu-0", "gpu-1");
    static final List<Scope> SCOPES = List.of(Scope.CPU_PACKAGE, Scope.DRAM, Scope.GPU, Scope.GPU);
    static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void ingest_agentsPushingEverySecond_exactTotalsAndLatency() throws Exception {
        int agents = Integer.getInteger("greenloop.load.agents", 500);
        int seconds = Integer.getInteger("greenloop.load.seconds", 15);
        try (FleetStore store = Stores.openFleet(POSTGRES.config())) {
            DoubleAdder sent = new DoubleAdder();
            long[][] latencies = new long[agents][seconds];
            long begin = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int a = 0; a < agents; a++) {
                    int agent = a;
                    running.add(threads.submit(() -> {
                        NodeRegistration node = new NodeRegistration("agent-" + agent, "DE", 1.2, "simulated");
                        long offset = (long) (1e9 * agent / agents);
                        for (int s = 0; s < seconds; s++) {
                            sleepUntil(begin + offset + s * 1_000_000_000L);
                            List<FleetSample> batch = new ArrayList<>(4);
                            for (int c = 0; c < 4; c++) {
                                double joules = 10 + (agent + s + c) % 13 + 0.125;
                                sent.add(joules);
                                batch.add(new FleetSample(s + "-" + c, DAY.plusSeconds(s + 1), 1, COMPONENTS.get(c), SCOPES.get(c),
                                        Provenance.MEASURED, joules, joules));
                            }
                            long t = System.nanoTime();
                            store.ingest(node, batch);
                            latencies[agent][s] = System.nanoTime() - t;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            double p50 = all[all.length / 2] / 1e6;
            double p99 = all[(int) (all.length * 0.99)] / 1e6;
            // The first two seconds register every node.
            long[] steady = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l, 2, l.length)).sorted().toArray();
            System.out.printf("ingest: %d agents x 4 samples/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms; after 2 s: p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms%n", agents, seconds, p50, p99, all[all.length - 1] / 1e6, steady[steady.length / 2] / 1e6,
                    steady[(int) (steady.length * 0.99)] / 1e6, steady[steady.length - 1] / 1e6);
            assertEquals(sent.sum(), store.totals().stream().mapToDouble(ComponentTotal::joules).sum(), 1e-6 * sent.sum());
            assertEquals(agents * 4, store.totals().size());
            assertTrue(p99 < 1000, "p99 " + p99 + " ms");
        }
    }

    @Test
    void power_aNodesDayAtOneMinuteSteps_under100ms() {
        try (FleetStore store = Stores.openFleet(POSTGRES.config())) {
            NodeRegistration node = new NodeRegistration("busy", "DE", 1.2, "simulated");
            List<FleetSample> batch = new ArrayList<>();
            double sent = 0;
            long loadStart = System.nanoTime();
            for (int s = 0; s < 86_400; s++) {
                for (int c = 0; c < 4; c++) {
                    double joules = 20 + (s + c) % 17;
                    sent += joules;
                    batch.add(new FleetSample(s + "-" + c, DAY.plusSeconds(s + 1).plusMillis(250), 1, COMPONENTS.get(c), SCOPES.get(c),
                            Provenance.MEASURED, joules, joules));
                }
                if (batch.size() == 10_000) {
                    store.ingest(node, batch);
                    batch.clear();
                }
            }
            store.ingest(node, batch);
            System.out.printf("loaded a day at 1 Hz x 4 components (345600 samples, batches of 10000) in %d ms%n",
                    (System.nanoTime() - loadStart) / 1_000_000);
            long[] powerMs = new long[7];
            long[] energyMs = new long[7];
            List<PowerSeries> series = null;
            double energy = 0;
            for (int i = 0; i < powerMs.length; i++) {
                long t = System.nanoTime();
                series = store.power("busy", DAY, DAY.plus(Duration.ofDays(1)), Duration.ofMinutes(1));
                powerMs[i] = (System.nanoTime() - t) / 1_000_000;
                t = System.nanoTime();
                energy = store.energy("busy", DAY, DAY.plus(Duration.ofDays(1))).stream().mapToDouble(ComponentEnergy::joules).sum();
                energyMs[i] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(powerMs);
            Arrays.sort(energyMs);
            System.out.printf("a day at 1-minute steps: power() median %d ms (max %d), energy() median %d ms (max %d)%n",
                    powerMs[3], powerMs[6], energyMs[3], energyMs[6]);
            assertEquals(4, series.size());
            assertEquals(1440, series.getFirst().steps().size());
            double stepsJoules = series.stream().flatMap(s -> s.steps().stream()).mapToDouble(PowerSeries.Step::joules).sum();
            // The last sample ends 0.25 s after the day: its quarter second is outside.
            assertEquals(stepsJoules, energy, 1e-6 * energy);
            assertTrue(Math.abs(sent - energy) < 4 * 40, "the day holds what was sent but the last quarter second");
            assertTrue(powerMs[3] <= 100, "power() median " + powerMs[3] + " ms");
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
